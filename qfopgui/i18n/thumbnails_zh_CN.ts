<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ThumbnailView</name>
    <message>
        <source>Preview of the selected file</source>
        <translation>所选文件的预览</translation>
    </message>
    <message>
        <source>Loading preview…</source>
        <translation>正在加载预览…</translation>
    </message>
    <message>
        <source>No preview for audio files</source>
        <translation>音频文件没有预览</translation>
    </message>
    <message>
        <source>No preview for this type of file</source>
        <translation>此类文件没有预览</translation>
    </message>
    <message>
        <source>Preview needs a download domain for this bucket</source>
        <translation>预览需要此空间有下载域名</translation>
    </message>
    <message>
        <source>This file could not be read as an image</source>
        <translation>无法将此文件读取为图片</translation>
    </message>
    <message>
        <source>This file could not be read as video</source>
        <translation>无法将此文件读取为视频</translation>
    </message>
    <message>
        <source>The preview could not be loaded: %1</source>
        <translation>无法加载预览：%1</translation>
    </message>
</context>
<context>
    <name>DetailsPreview</name>
    <message>
        <source>Select one file to see a preview</source>
        <translation>选择一个文件以查看预览</translation>
    </message>
    <message>
        <source>No preview: the file could not be read</source>
        <translation>没有预览：无法读取此文件</translation>
    </message>
    <message>
        <source>The preview could not be shown</source>
        <translation>无法显示预览</translation>
    </message>
    <message>
        <source>Double-click to open the file</source>
        <translation>双击打开文件</translation>
    </message>
</context>
<context>
    <name>DetailsActions</name>
    <message>
        <source>Copy link</source>
        <translation>复制链接</translation>
    </message>
    <message>
        <source>Copy the link that could not be opened</source>
        <translation>复制无法打开的链接</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Open the selected file</source>
        <translation>打开所选文件</translation>
    </message>
    <message>
        <source>Open the file with the program your system uses for links (browser, player)</source>
        <translation>用系统打开链接的程序（浏览器、播放器）打开此文件</translation>
    </message>
    <message>
        <source>Copy the link of the selected file</source>
        <translation>复制所选文件的链接</translation>
    </message>
    <message>
        <source>Copy the file's download link</source>
        <translation>复制文件的下载链接</translation>
    </message>
    <message>
        <source>“%1” cannot be opened: %2</source>
        <translation>无法打开“%1”：%2</translation>
    </message>
    <message>
        <source>The link of “%1” is not a valid address.</source>
        <translation>“%1”的链接不是有效的地址。</translation>
    </message>
    <message>
        <source>No program on this computer opened “%1”. Copy the link and open it in a browser or player.</source>
        <translation>这台电脑上没有程序打开“%1”。请复制链接，在浏览器或播放器中打开。</translation>
    </message>
    <message>
        <source>Link copied</source>
        <translation>链接已复制</translation>
    </message>
</context>
</TS>
