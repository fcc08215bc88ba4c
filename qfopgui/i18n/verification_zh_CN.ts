<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>verification</name>
    <message>
        <source>There is nothing to check for this job</source>
        <translation>此任务没有可检查的输出</translation>
    </message>
    <message>
        <source>could not be checked: {why}</source>
        <translation>无法检查：{why}</translation>
    </message>
    <message>
        <source>the bucket has no download domain</source>
        <translation>该空间没有下载域名</translation>
    </message>
    <message>
        <source>{output} s, the same as the source ({source} s)</source>
        <translation>{output} 秒，与源文件相同（{source} 秒）</translation>
    </message>
    <message>
        <source>{output} s, as clipped ({expected} s of the source&apos;s {source} s)</source>
        <translation>{output} 秒，与截取设置一致（源文件 {source} 秒中的 {expected} 秒）</translation>
    </message>
    <message>
        <source>{output} s (the source&apos;s duration is unknown, so it was not compared)</source>
        <translation>{output} 秒（源文件时长未知，未作比较）</translation>
    </message>
    <message>
        <source>{w}×{h} picture, as expected</source>
        <translation>{w}×{h} 图片，符合预期</translation>
    </message>
    <message>
        <source>{count} pictures</source>
        <translation>{count} 张图片</translation>
    </message>
    <message>
        <source>exists and is not empty (its content is not checked)</source>
        <translation>已存在且不为空（未检查内容）</translation>
    </message>
    <message>
        <source>HLS master playlist with {variants} streams (durations not checked)</source>
        <translation>HLS 主播放列表，含 {variants} 路流（未检查时长）</translation>
    </message>
    <message>
        <source>output is missing</source>
        <translation>输出文件不存在</translation>
    </message>
    <message>
        <source>output is empty (0 bytes)</source>
        <translation>输出文件为空（0 字节）</translation>
    </message>
    <message>
        <source>output {output} s, source {source} s</source>
        <translation>输出 {output} 秒，源文件 {source} 秒</translation>
    </message>
    <message>
        <source>output {output} s, expected {expected} s (source {source} s, clipped by the preset)</source>
        <translation>输出 {output} 秒，应为 {expected} 秒（源文件 {source} 秒，预设做了截取）</translation>
    </message>
    <message>
        <source>the output&apos;s duration could not be read</source>
        <translation>无法读取输出文件的时长</translation>
    </message>
    <message>
        <source>output is not readable audio or video</source>
        <translation>输出文件不是可读取的音视频</translation>
    </message>
    <message>
        <source>output is not a readable picture</source>
        <translation>输出文件不是可读取的图片</translation>
    </message>
    <message>
        <source>output is {w}×{h}, expected {ew}×{eh}</source>
        <translation>输出为 {w}×{h}，应为 {ew}×{eh}</translation>
    </message>
    <message>
        <source>output is not an HLS playlist</source>
        <translation>输出文件不是 HLS 播放列表</translation>
    </message>
    <message>
        <source>no pictures were made</source>
        <translation>没有生成任何图片</translation>
    </message>
    <message>
        <source>the server kept a file that already existed instead of making a new one (submit again with overwrite)</source>
        <translation>服务器保留了已存在的同名文件，没有重新生成（请选择覆盖后重新提交）</translation>
    </message>
</context>
<context>
    <name>VerificationText</name>
    <message>
        <source>Check output</source>
        <translation>需检查输出</translation>
    </message>
    <message>
        <source>outputs verified</source>
        <translation>输出已校验</translation>
    </message>
    <message>
        <source>Verified: 1 output, its duration matches the source</source>
        <translation>已校验：1 个输出，时长与源文件一致</translation>
    </message>
    <message>
        <source>Verified: 1 output, as expected</source>
        <translation>已校验：1 个输出，符合预期</translation>
    </message>
    <message>
        <source>Verified: %1 outputs, durations match the source</source>
        <translation>已校验：%1 个输出，时长与源文件一致</translation>
    </message>
    <message>
        <source>Verified: %1 outputs, as expected</source>
        <translation>已校验：%1 个输出，符合预期</translation>
    </message>
    <message>
        <source>Check output: it does not look right</source>
        <translation>请检查输出：结果看起来不对</translation>
    </message>
    <message>
        <source>Check output: %1 of %2 outputs do not look right</source>
        <translation>请检查输出：%2 个输出中有 %1 个看起来不对</translation>
    </message>
    <message>
        <source>Outputs not verified yet</source>
        <translation>输出尚未校验</translation>
    </message>
</context>
<context>
    <name>JobsView</name>
    <message>
        <source>Check output</source>
        <translation>需检查输出</translation>
    </message>
    <message>
        <source>Done jobs whose outputs look wrong: missing, empty, too short or mis-sized</source>
        <translation>已完成但输出有问题的任务：缺失、为空、过短或尺寸不对</translation>
    </message>
</context>
</TS>
