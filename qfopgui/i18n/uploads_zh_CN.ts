<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ConflictBox</name>
    <message>
        <source>1 file is already there</source>
        <translation>已有 1 个同名文件</translation>
    </message>
    <message>
        <source>%1 files are already there</source>
        <translation>已有 %1 个同名文件</translation>
    </message>
    <message>
        <source>%1 and %2 more</source>
        <translation>%1 等另外 %2 个</translation>
    </message>
    <message>
        <source>%1 already has %2. What should happen to them?</source>
        <translation>%1 中已有 %2。这些文件要怎么处理？</translation>
    </message>
    <message>
        <source>&amp;Skip them (keep what is in the bucket)</source>
        <translation>跳过(&amp;S)（保留空间中已有的文件）</translation>
    </message>
    <message>
        <source>&amp;Overwrite them with the new files</source>
        <translation>覆盖(&amp;O)（用新文件替换）</translation>
    </message>
    <message>
        <source>&amp;Keep both: upload the new files with a number (“%1”)</source>
        <translation>两者都保留(&amp;K)：新文件加编号上传（“%1”）</translation>
    </message>
</context>
<context>
    <name>DropTarget</name>
    <message>
        <source>Drop to upload into %1</source>
        <translation>松开即上传到 %1</translation>
    </message>
</context>
<context>
    <name>FileChooser</name>
    <message>
        <source>Upload a folder</source>
        <translation>上传文件夹</translation>
    </message>
    <message>
        <source>Upload files</source>
        <translation>上传文件</translation>
    </message>
</context>
<context>
    <name>MainToolbar</name>
    <message>
        <source>Upload…</source>
        <translation>上传…</translation>
    </message>
    <message>
        <source>Upload files into the folder shown in Files (Ctrl+U)</source>
        <translation>把文件上传到“文件”中当前显示的文件夹（Ctrl+U）</translation>
    </message>
</context>
<context>
    <name>TranscodeBox</name>
    <message>
        <source>&amp;Transcode on upload</source>
        <translation>上传时转码(&amp;T)</translation>
    </message>
    <message>
        <source>Transcode on upload</source>
        <translation>上传时转码</translation>
    </message>
    <message>
        <source>Each file is transcoded with the ticked presets as soon as it is uploaded; the jobs appear in Jobs.</source>
        <translation>每个文件一上传完成，就按勾选的预设转码；任务会出现在“任务”中。</translation>
    </message>
    <message>
        <source>Pipeline</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>Shared queue — slower</source>
        <translation>公共队列（较慢）</translation>
    </message>
    <message>
        <source>P&amp;ipeline</source>
        <translation>队列(&amp;I)</translation>
    </message>
    <message>
        <source>Tick at least one preset, or turn Transcode on upload off.</source>
        <translation>请至少勾选一个预设，或关闭“上传时转码”。</translation>
    </message>
</context>
<context>
    <name>TransfersView</name>
    <message>
        <source>No uploads yet. Drop files or folders on the Files view, or press Upload… (Ctrl+U), to upload them into the folder shown there.</source>
        <translation>还没有上传。把文件或文件夹拖到“文件”视图中，或按“上传…”（Ctrl+U），即可上传到那里显示的文件夹。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop uploading the selected files (Delete)</source>
        <translation>停止上传所选文件（Delete）</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Upload the selected failed or cancelled files again</source>
        <translation>重新上传所选的失败或已取消的文件</translation>
    </message>
    <message>
        <source>Cancel all</source>
        <translation>全部取消</translation>
    </message>
    <message>
        <source>Stop every upload that has not finished</source>
        <translation>停止所有未完成的上传</translation>
    </message>
    <message>
        <source>Retry failed</source>
        <translation>重试失败项</translation>
    </message>
    <message>
        <source>Upload every failed file again; parts already sent are kept</source>
        <translation>重新上传所有失败的文件；已上传的分片会保留</translation>
    </message>
    <message>
        <source>Clear finished</source>
        <translation>清除已结束</translation>
    </message>
    <message>
        <source>Remove finished, skipped and cancelled uploads from the list</source>
        <translation>从列表中移除已完成、已跳过和已取消的上传</translation>
    </message>
    <message>
        <source>Open in Files</source>
        <translation>在“文件”中打开</translation>
    </message>
    <message>
        <source>Show the folder of the uploaded file in Files</source>
        <translation>在“文件”中显示已上传文件所在的文件夹</translation>
    </message>
    <message>
        <source>Show job</source>
        <translation>查看任务</translation>
    </message>
    <message>
        <source>Show the transcoding job this upload started in Jobs</source>
        <translation>在“任务”中查看这次上传发起的转码任务</translation>
    </message>
    <message>
        <source>Copy keys</source>
        <translation>复制键名</translation>
    </message>
    <message>
        <source>Copy the keys of the selected uploads (all when none is selected), one per line</source>
        <translation>复制所选上传的键名（未选择时复制全部），每行一个</translation>
    </message>
    <message>
        <source>Uploads</source>
        <translation>上传列表</translation>
    </message>
</context>
<context>
    <name>UploadDialog</name>
    <message>
        <source>Nothing to upload</source>
        <translation>没有可上传的文件</translation>
    </message>
    <message>
        <source>Upload 1 file</source>
        <translation>上传 1 个文件</translation>
    </message>
    <message>
        <source>Upload %1 files</source>
        <translation>上传 %1 个文件</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>There are no files in what was dropped: nothing to upload.</source>
        <translation>拖入的内容中没有文件，无需上传。</translation>
    </message>
    <message>
        <source>This file cannot be uploaded. Fix the problem below, then try again.</source>
        <translation>此文件无法上传。请先解决下面的问题，然后重试。</translation>
    </message>
    <message>
        <source>None of these %1 files can be uploaded. Fix the problems below, then try again.</source>
        <translation>这 %1 个文件都无法上传。请先解决下面的问题，然后重试。</translation>
    </message>
    <message>
        <source>Upload 1 file (%2) to %3.</source>
        <translation>将 1 个文件（%2）上传到 %3。</translation>
    </message>
    <message>
        <source>Upload %1 files (%2) to %3.</source>
        <translation>将 %1 个文件（%2）上传到 %3。</translation>
    </message>
    <message>
        <source>&amp;Upload 1 file</source>
        <translation>上传 1 个文件(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Upload %1 files</source>
        <translation>上传 %1 个文件(&amp;U)</translation>
    </message>
</context>
<context>
    <name>UploadsController</name>
    <message>
        <source>Looking at the files to upload…</source>
        <translation>正在检查要上传的文件…</translation>
    </message>
    <message>
        <source>The files could not be prepared for upload: %1</source>
        <translation>无法准备上传这些文件：%1</translation>
    </message>
    <message>
        <source>The upload could not start: %1</source>
        <translation>无法开始上传：%1</translation>
    </message>
    <message>
        <source>Open a bucket in Files first: uploads go into the folder shown.</source>
        <translation>请先在“文件”中打开一个空间：文件会上传到当前显示的文件夹。</translation>
    </message>
    <message>
        <source>Show transfers</source>
        <translation>查看传输</translation>
    </message>
    <message>
        <source>%1 failed</source>
        <translation>%1 个失败</translation>
    </message>
    <message>
        <source>Uploading: %1</source>
        <translation>正在上传：%1</translation>
    </message>
    <message>
        <source>This file was uploaded with the account “%1”: switch to it first.</source>
        <translation>此文件是用账号“%1”上传的：请先切换到该账号。</translation>
    </message>
    <message>
        <source>The bucket “%1” is not in the list.</source>
        <translation>空间“%1”不在列表中。</translation>
    </message>
</context>
<context>
    <name>UploadsFeature</name>
    <message>
        <source>Transfers</source>
        <translation>传输</translation>
    </message>
    <message>
        <source>Upload folder…</source>
        <translation>上传文件夹…</translation>
    </message>
    <message>
        <source>Upload a folder and everything in it, keeping its structure</source>
        <translation>上传一个文件夹及其中的全部内容，保留目录结构</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Upload files</source>
        <translation>上传文件</translation>
    </message>
</context>
<context>
    <name>OverallLine</name>
    <message>
        <source>1 file uploaded</source>
        <translation>已上传 1 个文件</translation>
    </message>
    <message>
        <source>Progress of all uploads</source>
        <translation>全部上传的进度</translation>
    </message>
    <message>
        <source>%1 files uploaded</source>
        <translation>已上传 %1 个文件</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/秒</translation>
    </message>
    <message>
        <source>about %1 left</source>
        <translation>约剩 %1</translation>
    </message>
    <message>
        <source>%1 failed</source>
        <translation>%1 个失败</translation>
    </message>
    <message>
        <source>%1 of %2 files</source>
        <translation>%1/%2 个文件</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>%1, %2 failed</source>
        <translation>%1，%2 个失败</translation>
    </message>
</context>
<context>
    <name>ScanProblems</name>
    <message>
        <source>empty (0 bytes)</source>
        <translation>空文件（0 字节）</translation>
    </message>
    <message>
        <source>symbolic link, not followed</source>
        <translation>符号链接，未跟随</translation>
    </message>
    <message>
        <source>cannot be read</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <source>not a regular file</source>
        <translation>不是普通文件</translation>
    </message>
    <message>
        <source>a name Qiniu does not accept</source>
        <translation>七牛不接受的文件名</translation>
    </message>
    <message>
        <source>Files that will not be uploaded</source>
        <translation>不会上传的文件</translation>
    </message>
    <message>
        <source>1 file will not be uploaded:</source>
        <translation>1 个文件不会上传：</translation>
    </message>
    <message>
        <source>%1 files will not be uploaded:</source>
        <translation>%1 个文件不会上传：</translation>
    </message>
</context>
<context>
    <name>TransferTexts</name>
    <message>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>Uploading</source>
        <translation>上传中</translation>
    </message>
    <message>
        <source>Finishing</source>
        <translation>正在完成</translation>
    </message>
    <message>
        <source>Uploaded</source>
        <translation>已上传</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Skipped: already there</source>
        <translation>已跳过：已存在</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>continued from an earlier session</source>
        <translation>接着上次的进度继续</translation>
    </message>
    <message>
        <source>transcoded on upload: %1</source>
        <translation>上传时转码：%1</translation>
    </message>
    <message>
        <source>job #%1</source>
        <translation>任务 #%1</translation>
    </message>
</context>
<context>
    <name>TransfersModel</name>
    <message>
        <source>about %1</source>
        <translation>约 %1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/秒</translation>
    </message>
</context>
</TS>
