<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>PreviewDialog</name>
    <message>
        <source>Preview: %1</source>
        <translation>预览：%1</translation>
    </message>
    <message>
        <source>Each command runs on a sample of at most 5 seconds of the file. The sample files are saved in a temporary folder of the bucket and deleted afterwards.</source>
        <translation>每条命令只处理文件中最多 5 秒的片段。样片保存在空间的临时文件夹中，用完即删除。</translation>
    </message>
    <message>
        <source>Source file</source>
        <translation>源文件</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>Run the preview</source>
        <translation>运行预览</translation>
    </message>
    <message>
        <source>&amp;Source file:</source>
        <translation>源文件(&amp;S)：</translation>
    </message>
    <message>
        <source>Preview progress</source>
        <translation>预览进度</translation>
    </message>
    <message>
        <source>Preview results</source>
        <translation>预览结果</translation>
    </message>
    <message>
        <source>Cancel the preview</source>
        <translation>取消预览</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Cancelled. The sample files were deleted; any that could not be deleted now are deleted when qfopgui next starts.</source>
        <translation>已取消。样片已删除；暂时无法删除的，会在 qfopgui 下次启动时删除。</translation>
    </message>
    <message>
        <source>The preview stopped.</source>
        <translation>预览已中止。</translation>
    </message>
    <message>
        <source>Sending the sample job…</source>
        <translation>正在提交样片任务…</translation>
    </message>
    <message>
        <source>Converting the sample…</source>
        <translation>正在转码样片…</translation>
    </message>
    <message>
        <source>Fetching the results…</source>
        <translation>正在获取结果…</translation>
    </message>
    <message>
        <source>Cleaning up the sample files…</source>
        <translation>正在清理样片文件…</translation>
    </message>
    <message>
        <source>Finished.</source>
        <translation>已完成。</translation>
    </message>
    <message>
        <source>Finished. The sample files have been deleted.</source>
        <translation>已完成。样片文件已删除。</translation>
    </message>
    <message>
        <source>No sample was made.</source>
        <translation>没有生成样片。</translation>
    </message>
    <message>
        <source>a file in %1, for example videos/clip.mp4</source>
        <translation>%1 中的文件，例如 videos/clip.mp4</translation>
    </message>
    <message>
        <source>Type the name of the file to try the preset on, then press Run.</source>
        <translation>输入要试用预设的文件名，然后按“运行”。</translation>
    </message>
</context>
<context>
    <name>_OutputBox</name>
    <message>
        <source>Video</source>
        <translation>视频</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>音频</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Command %1 (%2)</source>
        <translation>命令 %1（%2）</translation>
    </message>
    <message>
        <source>Sample picture</source>
        <translation>样片画面</translation>
    </message>
    <message>
        <source>The picture could not be shown.</source>
        <translation>无法显示这张图片。</translation>
    </message>
    <message>
        <source>There is nothing to show for this kind of output.</source>
        <translation>这种输出没有可显示的内容。</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>分辨率</translation>
    </message>
    <message>
        <source>Video codec</source>
        <translation>视频编码</translation>
    </message>
    <message>
        <source>Audio codec</source>
        <translation>音频编码</translation>
    </message>
    <message>
        <source>Bitrate</source>
        <translation>码率</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 Mbit/s</source>
        <translation>%1 Mbit/s</translation>
    </message>
    <message>
        <source>%1 kbit/s</source>
        <translation>%1 kbit/s</translation>
    </message>
</context>
<context>
    <name>problems</name>
    <message>
        <source>The sample job could not be sent: {why}</source>
        <translation>无法提交样片任务：{why}</translation>
    </message>
    <message>
        <source>The sample job may have been sent, but its answer was lost: {why}. Its files are deleted when qfopgui next starts.</source>
        <translation>样片任务可能已提交，但没有收到回应：{why}。它的文件会在 qfopgui 下次启动时删除。</translation>
    </message>
    <message>
        <source>The sample was not started: its temporary files could not be noted in {path} ({why}).</source>
        <translation>样片没有开始：无法在 {path} 中记录它的临时文件（{why}）。</translation>
    </message>
    <message>
        <source>The state of the sample job could not be read: {why}</source>
        <translation>无法读取样片任务的状态：{why}</translation>
    </message>
    <message>
        <source>The sample did not finish within {seconds} s. Its files are deleted once it ends, at the latest when qfopgui next starts.</source>
        <translation>样片在 {seconds} 秒内没有完成。它结束后其文件会被删除，最迟在 qfopgui 下次启动时删除。</translation>
    </message>
    <message>
        <source>This output failed: {error}</source>
        <translation>这个输出失败了：{error}</translation>
    </message>
    <message>
        <source>The server reported no result for this output.</source>
        <translation>服务器没有报告这个输出的结果。</translation>
    </message>
    <message>
        <source>The bucket {bucket} has no download domain, so the result cannot be shown. Add one in the Qiniu console.</source>
        <translation>空间 {bucket} 没有下载域名，无法显示结果。请在七牛控制台中添加一个。</translation>
    </message>
    <message>
        <source>The result could not be downloaded: {why}</source>
        <translation>无法下载结果：{why}</translation>
    </message>
    <message>
        <source>The result could not be measured (avinfo): {why}</source>
        <translation>无法测量结果（avinfo）：{why}</translation>
    </message>
    <message>
        <source>No picture could be taken from the result: {error}</source>
        <translation>无法从结果中截取画面：{error}</translation>
    </message>
    <message>
        <source>{count} sample files could not be deleted yet; qfopgui deletes them when it next starts.</source>
        <translation>有 {count} 个样片文件暂时无法删除；qfopgui 会在下次启动时删除它们。</translation>
    </message>
</context>
</TS>
