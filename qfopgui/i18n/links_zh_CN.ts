<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BatchBanner</name>
    <message>
        <source>Copy all links</source>
        <translation>复制全部链接</translation>
    </message>
</context>
<context>
    <name>FilesContextMenu</name>
    <message>
        <source>Copy links</source>
        <translation>复制链接</translation>
    </message>
    <message>
        <source>Copy the download links of the selected files, one per line (Ctrl+Shift+C)</source>
        <translation>复制所选文件的下载链接，每行一个 (Ctrl+Shift+C)</translation>
    </message>
    <message>
        <source>Export links…</source>
        <translation>导出链接…</translation>
    </message>
    <message>
        <source>Save the names and download links of the selected files as a CSV file</source>
        <translation>将所选文件的名称和下载链接保存为 CSV 文件</translation>
    </message>
    <message>
        <source>Copy keys</source>
        <translation>复制文件名</translation>
    </message>
    <message>
        <source>Copy the full names (keys) of the selected files, one per line</source>
        <translation>复制所选文件的完整名称（key），每行一个</translation>
    </message>
    <message>
        <source>Link options…</source>
        <translation>链接选项…</translation>
    </message>
    <message>
        <source>How long private links work, and which domain this bucket&apos;s links use</source>
        <translation>私有链接的有效期，以及此空间的链接使用哪个域名</translation>
    </message>
    <message>
        <source>File actions</source>
        <translation>文件操作</translation>
    </message>
</context>
<context>
    <name>JobsContextMenu</name>
    <message>
        <source>Copy links of this batch</source>
        <translation>复制此批次的链接</translation>
    </message>
    <message>
        <source>Copy the download links of every job submitted with this one</source>
        <translation>复制与此任务一同提交的所有任务的下载链接</translation>
    </message>
    <message>
        <source>Export links…</source>
        <translation>导出链接…</translation>
    </message>
    <message>
        <source>Save source, preset, output and download link of the selected jobs (all jobs shown when none is selected) as a CSV file</source>
        <translation>将所选任务（未选择时为显示的全部任务）的源文件、预设、输出文件和下载链接保存为 CSV 文件</translation>
    </message>
    <message>
        <source>Link options…</source>
        <translation>链接选项…</translation>
    </message>
    <message>
        <source>How long private links work, and which domain each bucket&apos;s links use</source>
        <translation>私有链接的有效期，以及各空间的链接使用哪个域名</translation>
    </message>
    <message>
        <source>Copy links</source>
        <translation>复制链接</translation>
    </message>
    <message>
        <source>Copy the download links of these batches</source>
        <translation>复制这些批次的下载链接</translation>
    </message>
    <message>
        <source>Save the links of these batches as CSV</source>
        <translation>将这些批次的链接保存为 CSV</translation>
    </message>
    <message>
        <source>Job actions</source>
        <translation>任务操作</translation>
    </message>
</context>
<context>
    <name>LinkFlow</name>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Copy links</source>
        <translation>复制链接</translation>
    </message>
    <message>
        <source>No links copied</source>
        <translation>未复制任何链接</translation>
    </message>
    <message>
        <source>Export links</source>
        <translation>导出链接</translation>
    </message>
    <message>
        <source>Copied 1 key</source>
        <translation>已复制 1 个文件名</translation>
    </message>
    <message>
        <source>Copied %1 keys</source>
        <translation>已复制 %1 个文件名</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>The links could not be exported to %1: %2</source>
        <translation>无法将链接导出到 %1：%2</translation>
    </message>
    <message>
        <source>Exported 1 link to %2</source>
        <translation>已将 1 个链接导出到 %2</translation>
    </message>
    <message>
        <source>Exported %1 links to %2</source>
        <translation>已将 %1 个链接导出到 %2</translation>
    </message>
    <message>
        <source>Copied 1 link</source>
        <translation>已复制 1 个链接</translation>
    </message>
    <message>
        <source>Copied %1 links</source>
        <translation>已复制 %1 个链接</translation>
    </message>
    <message>
        <source>1 job not done yet</source>
        <translation>1 个任务尚未完成</translation>
    </message>
    <message>
        <source>%1 jobs not done yet</source>
        <translation>%1 个任务尚未完成</translation>
    </message>
    <message>
        <source>%1; %2</source>
        <translation>%1；%2</translation>
    </message>
    <message>
        <source>No link for %1: %2</source>
        <translation>%1 没有链接：%2</translation>
    </message>
    <message>
        <source>%1 outputs have no link, for example %2: %3</source>
        <translation>%1 个输出文件没有链接，例如 %2：%3</translation>
    </message>
    <message>
        <source>%1 files have no link, for example %2: %3</source>
        <translation>%1 个文件没有链接，例如 %2：%3</translation>
    </message>
</context>
<context>
    <name>LinkOptionsDialog</name>
    <message>
        <source>Link options</source>
        <translation>链接选项</translation>
    </message>
    <message>
        <source>Private links work for</source>
        <translation>私有链接有效期</translation>
    </message>
    <message>
        <source>Private links work &amp;for:</source>
        <translation>私有链接有效期(&amp;F)：</translation>
    </message>
    <message>
        <source>Domain for links to %1</source>
        <translation>%1 的链接所用域名</translation>
    </message>
    <message>
        <source>Domain for %1:</source>
        <translation>%1 的域名：</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Links to %1 (private) are signed and stop working after the time chosen here. Links to public buckets never expire.</source>
        <translation>指向 %1（私有）的链接带有签名，超过此处选择的时间后失效。指向公开空间的链接永不过期。</translation>
    </message>
    <message>
        <source>Links to public buckets never expire.</source>
        <translation>指向公开空间的链接永不过期。</translation>
    </message>
    <message>
        <source>The domain chosen for a bucket is remembered.</source>
        <translation>为空间选择的域名会被记住。</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 小时</translation>
    </message>
    <message>
        <source>1 day</source>
        <translation>1 天</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 天</translation>
    </message>
    <message>
        <source>%1 hours</source>
        <translation>%1 小时</translation>
    </message>
</context>
</TS>
