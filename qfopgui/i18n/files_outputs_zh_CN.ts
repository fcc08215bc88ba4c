<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>FilesOutputs</name>
    <message>
        <source>Hide outputs</source>
        <translation>隐藏输出文件</translation>
    </message>
    <message>
        <source>Hide the files that qfopgui's jobs made, so that only the sources show</source>
        <translation>隐藏 qfopgui 任务生成的文件，只显示源文件</translation>
    </message>
</context>
<context>
    <name>FilesView</name>
    <message>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>%1 outputs hidden</source>
        <translation>已隐藏 %1 个输出文件</translation>
    </message>
    <message>
        <source>Every file here that fits the filter was made by qfopgui's jobs.</source>
        <translation>这里符合筛选条件的文件都是 qfopgui 任务生成的。</translation>
    </message>
    <message>
        <source>Show outputs</source>
        <translation>显示输出文件</translation>
    </message>
    <message>
        <source>This folder is empty. Drop files here or use Upload… (Ctrl+U).</source>
        <translation>此文件夹是空的。可以把文件拖到这里，或使用“上传…”（Ctrl+U）。</translation>
    </message>
    <message>
        <source>This bucket is empty. Drop files here or use Upload… (Ctrl+U) to add some.</source>
        <translation>这个空间是空的。可以把文件拖到这里，或使用“上传…”（Ctrl+U）添加文件。</translation>
    </message>
</context>
<context>
    <name>ObjectsModel</name>
    <message>
        <source>Made by qfopgui job #%1 (%2)</source>
        <translation>由 qfopgui 任务 #%1（%2）生成</translation>
    </message>
    <message>
        <source>Made by qfopgui job #%1</source>
        <translation>由 qfopgui 任务 #%1 生成</translation>
    </message>
    <message>
        <source>1 segment</source>
        <translation>1 个分片</translation>
    </message>
    <message>
        <source>%1 segments</source>
        <translation>%1 个分片</translation>
    </message>
    <message>
        <source>output</source>
        <translation>输出</translation>
    </message>
</context>
</TS>
