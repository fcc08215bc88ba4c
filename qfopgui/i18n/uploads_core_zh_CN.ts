<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>uploads</name>
    <message>
        <source>Symbolic link, not followed</source>
        <translation>符号链接，未跟随</translation>
    </message>
    <message>
        <source>Empty (0 bytes), not uploaded</source>
        <translation>空文件（0 字节），未上传</translation>
    </message>
    <message>
        <source>Cannot be read: {error}</source>
        <translation>无法读取：{error}</translation>
    </message>
    <message>
        <source>The folder cannot be read: {error}</source>
        <translation>无法读取该文件夹：{error}</translation>
    </message>
    <message>
        <source>Not a regular file (a device, socket or pipe), not uploaded</source>
        <translation>不是普通文件（设备、套接字或管道），未上传</translation>
    </message>
    <message>
        <source>No longer exists</source>
        <translation>已不存在</translation>
    </message>
    <message>
        <source>Another file of this upload would also be saved as {key}</source>
        <translation>本次上传中的另一个文件也会保存为 {key}</translation>
    </message>
    <message>
        <source>{error} Retry continues from where it stopped (the parts already sent are kept).</source>
        <translation>{error} 重试会从中断处继续（已上传的分片会保留）。</translation>
    </message>
    <message>
        <source>{error} Retry sends it again.</source>
        <translation>{error} 重试会重新发送。</translation>
    </message>
    <message>
        <source>The answer to the last request was lost, so the file may or may not be in the bucket. Retry checks the bucket first and sends only what is missing.</source>
        <translation>最后一个请求的应答丢失了，文件可能已经在空间中，也可能没有。重试时会先检查空间，只发送缺少的部分。</translation>
    </message>
    <message>
        <source>The file cannot be read any more: {error}</source>
        <translation>无法再读取该文件：{error}</translation>
    </message>
    <message>
        <source>The file changed while it was being uploaded. Retry uploads it again.</source>
        <translation>文件在上传过程中被修改了。重试会重新上传。</translation>
    </message>
    <message>
        <source>The file saved in the bucket differs from the local file (their hashes differ), perhaps because the file changed during the upload. Retry uploads it again.</source>
        <translation>空间中保存的文件与本地文件不同（哈希值不一致），可能是文件在上传过程中被修改了。重试会重新上传。</translation>
    </message>
    <message>
        <source>{key} was created in the bucket after this upload was planned, so it was not replaced. Upload it again and choose Overwrite or Keep both.</source>
        <translation>在计划这次上传之后，空间中出现了 {key}，因此没有覆盖它。请重新上传，并选择“覆盖”或“保留两者”。</translation>
    </message>
    <message>
        <source>The server lost this upload twice in a row. Retry starts it again.</source>
        <translation>服务器连续两次丢失了这次上传。重试会重新开始。</translation>
    </message>
    <message>
        <source>The presets cannot be applied to this file: {problem}</source>
        <translation>无法对该文件应用所选预设：{problem}</translation>
    </message>
    <message>
        <source>The upload could not be recorded, so it was not started: {error}</source>
        <translation>无法记录这次上传，因此没有开始：{error}</translation>
    </message>
    <message>
        <source>Unexpected error: {error}</source>
        <translation>意外错误：{error}</translation>
    </message>
    <message>
        <source>The file changed since its upload began, so it was uploaded again from the start.</source>
        <translation>文件在开始上传后被修改过，因此已从头重新上传。</translation>
    </message>
    <message>
        <source>The server no longer had the earlier part of this upload, so it started again from the beginning.</source>
        <translation>服务器上已没有之前上传的部分，因此已从头重新开始。</translation>
    </message>
    <message>
        <source>Continued the earlier upload: {parts} of {total} parts were already on the server.</source>
        <translation>已继续之前的上传：{total} 个分片中有 {parts} 个已在服务器上。</translation>
    </message>
    <message>
        <source>The file was uploaded, but the answer named no transcoding job, so it cannot be followed. Check the outputs in Jobs.</source>
        <translation>文件已上传，但应答中没有转码任务 ID，因此无法跟踪。请到“任务”中检查输出。</translation>
    </message>
    <message>
        <source>The list of uploads in progress was damaged or unreadable, so a new one was started. Unfinished uploads must be started again. The old file was kept as {backup}.</source>
        <translation>正在进行的上传列表已损坏或无法读取，因此已新建一个。未完成的上传需要重新开始。旧文件已保留为 {backup}。</translation>
    </message>
    <message>
        <source>The list of uploads in progress ({path}) could not be read or written: {error}</source>
        <translation>无法读取或写入正在进行的上传列表（{path}）：{error}</translation>
    </message>
    <message>
        <source>The list of uploads in progress ({path}) cannot be used ({error}). Uploads still work, but they cannot be continued after the app is closed.</source>
        <translation>无法使用正在进行的上传列表（{path}）（{error}）。上传仍可进行，但关闭应用后无法继续。</translation>
    </message>
</context>
</TS>
