<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>JobDetails</name>
    <message>
        <location filename="../ui/views/job_details.py" line="117"/>
        <source>Select a job to see its commands, outputs and errors.</source>
        <translation>选择一个任务，查看它的命令、输出和错误。</translation>
    </message>
    <message>
        <location filename="../ui/views/job_details.py" line="124"/>
        <source>in bucket %1</source>
        <translation>位于空间 %1</translation>
    </message>
    <message>
        <location filename="../ui/views/job_details.py" line="134"/>
        <source>Server: %1</source>
        <translation>服务器：%1</translation>
    </message>
    <message>
        <location filename="../ui/views/job_details.py" line="154"/>
        <source>Submitted %1</source>
        <translation>提交于 %1</translation>
    </message>
    <message>
        <location filename="../ui/views/job_details.py" line="156"/>
        <source>Pipeline: %1</source>
        <translation>队列：%1</translation>
    </message>
    <message>
        <location filename="../ui/views/job_details.py" line="156"/>
        <source>shared public queue</source>
        <translation>公共队列</translation>
    </message>
    <message>
        <location filename="../ui/views/job_details.py" line="159"/>
        <source>Took %1</source>
        <translation>耗时 %1</translation>
    </message>
    <message>
        <location filename="../ui/views/job_details.py" line="161"/>
        <source>Overwrites existing outputs</source>
        <translation>覆盖已存在的输出</translation>
    </message>
    <message>
        <location filename="../ui/views/job_details.py" line="163"/>
        <source>Idle-time</source>
        <translation>闲时任务</translation>
    </message>
    <message>
        <location filename="../ui/views/job_details.py" line="165"/>
        <source>Retry of job #%1</source>
        <translation>任务 #%1 的重试</translation>
    </message>
    <message>
        <location filename="../ui/views/job_details.py" line="170"/>
        <source>(no job ID yet)</source>
        <translation>（还没有任务 ID）</translation>
    </message>
    <message>
        <location filename="../ui/views/job_details.py" line="171"/>
        <source>Job ID: %1</source>
        <translation>任务 ID：%1</translation>
    </message>
    <message>
        <location filename="../ui/views/job_details.py" line="172"/>
        <source>Copy job ID</source>
        <translation>复制任务 ID</translation>
    </message>
    <message>
        <location filename="../ui/views/job_details.py" line="190"/>
        <source>(code %1)</source>
        <translation>（代码 %1）</translation>
    </message>
    <message>
        <location filename="../ui/views/job_details.py" line="202"/>
        <source>Output: %1</source>
        <translation>输出：%1</translation>
    </message>
    <message>
        <location filename="../ui/views/job_details.py" line="204"/>
        <source>Copy link</source>
        <translation>复制链接</translation>
    </message>
    <message>
        <location filename="../ui/views/job_details.py" line="207"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../ui/views/job_details.py" line="214"/>
        <source>Available when this command is done</source>
        <translation>此命令完成后可用</translation>
    </message>
    <message>
        <location filename="../ui/views/job_details.py" line="207"/>
        <source>Not made: %1</source>
        <translation>未生成：%1</translation>
    </message>
</context>
<context>
    <name>JobsModel</name>
    <message>
        <location filename="../ui/table_models/jobs_model.py" line="53"/>
        <source>Submitting</source>
        <translation>提交中</translation>
    </message>
    <message>
        <location filename="../ui/table_models/jobs_model.py" line="54"/>
        <source>Needs decision</source>
        <translation>待决定</translation>
    </message>
    <message>
        <location filename="../ui/table_models/jobs_model.py" line="55"/>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <location filename="../ui/table_models/jobs_model.py" line="56"/>
        <source>Processing</source>
        <translation>处理中</translation>
    </message>
    <message>
        <location filename="../ui/table_models/jobs_model.py" line="57"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../ui/table_models/jobs_model.py" line="58"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../ui/table_models/jobs_model.py" line="59"/>
        <source>Notify failed</source>
        <translation>回调失败</translation>
    </message>
    <message>
        <location filename="../ui/table_models/jobs_model.py" line="252"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../ui/table_models/jobs_model.py" line="252"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../ui/table_models/jobs_model.py" line="252"/>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <location filename="../ui/table_models/jobs_model.py" line="252"/>
        <source>Pipeline</source>
        <translation>队列</translation>
    </message>
    <message>
        <location filename="../ui/table_models/jobs_model.py" line="252"/>
        <source>Submitted</source>
        <translation>提交时间</translation>
    </message>
    <message>
        <location filename="../ui/table_models/jobs_model.py" line="253"/>
        <source>Took</source>
        <translation>耗时</translation>
    </message>
    <message>
        <location filename="../ui/table_models/jobs_model.py" line="283"/>
        <source>shared queue</source>
        <translation>公共队列</translation>
    </message>
    <message>
        <location filename="../ui/table_models/jobs_model.py" line="298"/>
        <source>The shared public queue (slower than a dedicated pipeline)</source>
        <translation>公共队列（比专用队列慢）</translation>
    </message>
</context>
<context>
    <name>JobsView</name>
    <message>
        <source>Copy links</source>
        <translation>复制链接</translation>
    </message>
    <message>
        <source>Copy the download links of the outputs of the selected jobs (all jobs shown when none is selected), one per line (Ctrl+Shift+C)</source>
        <translation>复制所选任务输出文件的下载链接（未选择时为显示的全部任务），每行一个（Ctrl+Shift+C）</translation>
    </message>
    <message>
        <location filename="../ui/views/jobs_view.py" line="79"/>
        <source>No jobs yet. Choose files in Files and press Transcode… to start.</source>
        <translation>还没有任务。在“文件”中选择文件，然后点击“转码…”开始。</translation>
    </message>
    <message>
        <location filename="../ui/views/jobs_view.py" line="117"/>
        <source>All pipelines</source>
        <translation>全部队列</translation>
    </message>
    <message>
        <location filename="../ui/views/jobs_view.py" line="123"/>
        <source>Search by job ID or file name</source>
        <translation>按任务 ID 或文件名搜索</translation>
    </message>
    <message>
        <location filename="../ui/views/jobs_view.py" line="133"/>
        <source>Show all jobs</source>
        <translation>显示全部任务</translation>
    </message>
    <message>
        <location filename="../ui/views/jobs_view.py" line="151"/>
        <source>Retry all failed</source>
        <translation>重试全部失败</translation>
    </message>
    <message>
        <location filename="../ui/views/jobs_view.py" line="155"/>
        <source>Submit every failed job again, overwriting partial outputs</source>
        <translation>重新提交所有失败的任务，并覆盖不完整的输出</translation>
    </message>
    <message>
        <location filename="../ui/views/jobs_view.py" line="158"/>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <location filename="../ui/views/jobs_view.py" line="159"/>
        <source>Submit the selected jobs again (overwrites)</source>
        <translation>重新提交选中的任务（覆盖输出）</translation>
    </message>
    <message>
        <location filename="../ui/views/jobs_view.py" line="160"/>
        <source>Track job ID…</source>
        <translation>跟踪任务 ID…</translation>
    </message>
    <message>
        <location filename="../ui/views/jobs_view.py" line="161"/>
        <source>Remove from list</source>
        <translation>从列表移除</translation>
    </message>
    <message>
        <location filename="../ui/views/jobs_view.py" line="163"/>
        <source>Stop following the selected jobs. Jobs already on the server keep running.</source>
        <translation>不再跟踪选中的任务。已在服务器上的任务会继续运行。</translation>
    </message>
    <message>
        <location filename="../ui/views/jobs_view.py" line="165"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location filename="../ui/views/jobs_view.py" line="166"/>
        <source>Copy job ID</source>
        <translation>复制任务 ID</translation>
    </message>
    <message>
        <location filename="../ui/views/jobs_view.py" line="238"/>
        <source>Showing batch %1</source>
        <translation>正在显示批次 %1</translation>
    </message>
    <message>
        <location filename="../ui/views/jobs_view.py" line="248"/>
        <source>shared public queue</source>
        <translation>公共队列</translation>
    </message>
    <message>
        <location filename="../ui/views/jobs_view.py" line="264"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../ui/views/jobs_view.py" line="264"/>
        <source>Active</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location filename="../ui/views/jobs_view.py" line="265"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../ui/views/jobs_view.py" line="265"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../ui/views/jobs_view.py" line="266"/>
        <source>Needs decision</source>
        <translation>待决定</translation>
    </message>
    <message>
        <location filename="../ui/views/jobs_view.py" line="275"/>
        <source>Retry all failed (%1)</source>
        <translation>重试全部失败（%1）</translation>
    </message>
    <message>
        <location filename="../ui/views/jobs_view.py" line="0"/>
        <source>Showing %1 batches</source>
        <translation>正在显示 %1 个批次</translation>
    </message>
</context>
<context>
    <name>LinkResolver</name>
    <message>
        <location filename="../ui/jobs_links.py" line="48"/>
        <source>The download address of %1 could not be found: %2</source>
        <translation>无法获取 %1 的下载地址：%2</translation>
    </message>
    <message>
        <location filename="../ui/jobs_links.py" line="52"/>
        <source>The bucket %1 has no download domain. Add one in the Qiniu console to get links.</source>
        <translation>空间 %1 没有下载域名。请在七牛控制台添加域名后再获取链接。</translation>
    </message>
</context>
<context>
    <name>PipelinesModel</name>
    <message>
        <location filename="../ui/table_models/pipelines_model.py" line="85"/>
        <source>Pipeline</source>
        <translation>队列</translation>
    </message>
    <message>
        <location filename="../ui/table_models/pipelines_model.py" line="85"/>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <location filename="../ui/table_models/pipelines_model.py" line="85"/>
        <source>Processing</source>
        <translation>处理中</translation>
    </message>
    <message>
        <location filename="../ui/table_models/pipelines_model.py" line="85"/>
        <source>Done today</source>
        <translation>今天完成</translation>
    </message>
    <message>
        <location filename="../ui/table_models/pipelines_model.py" line="86"/>
        <source>Failed today</source>
        <translation>今天失败</translation>
    </message>
    <message>
        <location filename="../ui/table_models/pipelines_model.py" line="86"/>
        <source>Typical wait</source>
        <translation>典型等待时长</translation>
    </message>
    <message>
        <location filename="../ui/table_models/pipelines_model.py" line="86"/>
        <source>Typical processing</source>
        <translation>典型处理时长</translation>
    </message>
    <message>
        <location filename="../ui/table_models/pipelines_model.py" line="100"/>
        <source>Qiniu's shared public queue: free to use but slower than a dedicated pipeline; jobs may wait long when it is busy.</source>
        <translation>七牛的公共队列：免费，但比专用队列慢；繁忙时任务可能要等很久。</translation>
    </message>
    <message>
        <location filename="../ui/table_models/pipelines_model.py" line="103"/>
        <source>Seen in your jobs but not in this account's pipeline list</source>
        <translation>出现在任务中，但不在此账号的队列列表里</translation>
    </message>
    <message>
        <location filename="../ui/table_models/pipelines_model.py" line="115"/>
        <source>Shared public queue</source>
        <translation>公共队列</translation>
    </message>
    <message>
        <location filename="../ui/table_models/pipelines_model.py" line="116"/>
        <source>default</source>
        <translation>默认</translation>
    </message>
</context>
<context>
    <name>PipelinesView</name>
    <message>
        <location filename="../ui/views/pipelines_view.py" line="47"/>
        <source>Jobs wait in a pipeline (queue) until a worker is free. The shared public queue is free to use but slower; a dedicated pipeline, created in the Qiniu console, keeps your jobs moving. Counts are for jobs this app follows; “today” starts at midnight.</source>
        <translation>任务在队列中等待空闲的处理节点。公共队列免费但较慢；在七牛控制台创建的专用队列能让任务更快完成。统计只包括本程序跟踪的任务；“今天”从零点开始。</translation>
    </message>
    <message>
        <location filename="../ui/views/pipelines_view.py" line="65"/>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <location filename="../ui/views/pipelines_view.py" line="66"/>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <location filename="../ui/views/pipelines_view.py" line="67"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../ui/views/pipelines_view.py" line="68"/>
        <source>Use as default</source>
        <translation>设为默认</translation>
    </message>
    <message>
        <location filename="../ui/views/pipelines_view.py" line="69"/>
        <source>New transcodes use this pipeline unless you choose another</source>
        <translation>新的转码默认使用此队列，除非另选</translation>
    </message>
    <message>
        <location filename="../ui/views/pipelines_view.py" line="118"/>
        <source>Pipeline name, exactly as in the Qiniu console:</source>
        <translation>队列名称（与七牛控制台中完全一致）：</translation>
    </message>
    <message>
        <location filename="../ui/views/pipelines_view.py" line="124"/>
        <source>Use only letters, digits, '-', '_' and '.'. Pipeline name:</source>
        <translation>只能使用字母、数字、“-”、“_”和“.”。队列名称：</translation>
    </message>
    <message>
        <location filename="../ui/views/pipelines_view.py" line="126"/>
        <source>%1 is already in the list. Pipeline name:</source>
        <translation>%1 已在列表中。队列名称：</translation>
    </message>
    <message>
        <location filename="../ui/views/pipelines_view.py" line="132"/>
        <source>Add pipeline</source>
        <translation>添加队列</translation>
    </message>
    <message>
        <location filename="../ui/views/pipelines_view.py" line="141"/>
        <source>Rename pipeline</source>
        <translation>重命名队列</translation>
    </message>
</context>
<context>
    <name>SubmitDialog</name>
    <message>
        <location filename="../ui/dialogs/submit_dialog.py" line="103"/>
        <source>Transcode 1 file</source>
        <translation>转码 1 个文件</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submit_dialog.py" line="104"/>
        <source>Transcode %1 files</source>
        <translation>转码 %1 个文件</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submit_dialog.py" line="358"/>
        <source>Submitting failed: %1</source>
        <translation>提交失败：%1</translation>
    </message>
</context>
<context>
    <name>SubmitForm</name>
    <message>
        <location filename="../ui/dialogs/submit_form.py" line="45"/>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submit_form.py" line="55"/>
        <source>&amp;Bucket</source>
        <translation>空间(&amp;B)</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submit_form.py" line="59"/>
        <source>each preset's own name</source>
        <translation>使用各预设自己的命名</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submit_form.py" line="62"/>
        <source>Tokens</source>
        <translation>变量</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submit_form.py" line="68"/>
        <source>&amp;Name</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submit_form.py" line="86"/>
        <source>Pipeline</source>
        <translation>队列</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submit_form.py" line="88"/>
        <source>Overwrite existing outputs</source>
        <translation>覆盖已存在的输出</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submit_form.py" line="92"/>
        <source>Idle-time (cheaper, slower)</source>
        <translation>闲时任务（更便宜、更慢）</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submit_form.py" line="93"/>
        <source>Run as an idle-time task: lower price, may wait longer before it starts.</source>
        <translation>作为闲时任务运行：价格更低，开始前可能等待更久。</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submit_form.py" line="101"/>
        <source>optional, https://…</source>
        <translation>可选，https://…</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submit_form.py" line="103"/>
        <source>Notify URL</source>
        <translation>回调地址</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submit_form.py" line="140"/>
        <source>Presets</source>
        <translation>预设</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submit_form.py" line="140"/>
        <source>Output bucket</source>
        <translation>输出空间</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submit_form.py" line="141"/>
        <source>Output name</source>
        <translation>输出文件名</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submit_form.py" line="144"/>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submit_form.py" line="156"/>
        <source>folder of the source file</source>
        <translation>源文件所在目录</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submit_form.py" line="157"/>
        <source>source file name without extension</source>
        <translation>不含扩展名的源文件名</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submit_form.py" line="158"/>
        <source>extension of the output format</source>
        <translation>输出格式的扩展名</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submit_form.py" line="159"/>
        <source>preset name</source>
        <translation>预设名称</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submit_form.py" line="160"/>
        <source>date, YYYYMMDD</source>
        <translation>日期，YYYYMMDD</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submit_form.py" line="161"/>
        <source>time, HHMMSS</source>
        <translation>时间，HHMMSS</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submit_form.py" line="162"/>
        <source>number of the file in this batch</source>
        <translation>文件在本批次中的序号</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submit_form.py" line="163"/>
        <source>source bucket</source>
        <translation>源空间</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submit_form.py" line="63"/>
        <source>Insert a part of the name: folder, file name…</source>
        <translation>插入名称的组成部分：文件夹、文件名…</translation>
    </message>
    <message>
        <source>P&amp;ipeline</source>
        <translation>队列(&amp;I)</translation>
    </message>
    <message>
        <source>Notify &amp;URL</source>
        <translation>回调地址(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Overwrite existing outputs</source>
        <translation>覆盖已存在的输出(&amp;O)</translation>
    </message>
    <message>
        <source>I&amp;dle-time (cheaper, slower)</source>
        <translation>闲时任务（更便宜、更慢）(&amp;D)</translation>
    </message>
</context>
<context>
    <name>SubmitPreview</name>
    <message>
        <location filename="../ui/dialogs/submit_preview_model.py" line="204"/>
        <source>Source</source>
        <translation>源文件</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submit_preview_model.py" line="204"/>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submit_preview_model.py" line="204"/>
        <source>Output name</source>
        <translation>输出文件名</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submit_preview_model.py" line="204"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
</context>
<context>
    <name>TrackDialog</name>
    <message>
        <location filename="../ui/dialogs/track_dialog.py" line="33"/>
        <source>Track job ID</source>
        <translation>跟踪任务 ID</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/track_dialog.py" line="36"/>
        <source>Paste the job IDs (persistentId) of jobs submitted elsewhere, one per line. They are added to Jobs and followed like your own.</source>
        <translation>粘贴在其他地方提交的任务 ID（persistentId），每行一个。它们会加入任务列表，并像您自己的任务一样被跟踪。</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/track_dialog.py" line="64"/>
        <source>Track 1 job</source>
        <translation>跟踪 1 个任务</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/track_dialog.py" line="65"/>
        <source>Track %1 jobs</source>
        <translation>跟踪 %1 个任务</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/track_dialog.py" line="67"/>
        <source>Not a job ID: %1</source>
        <translation>不是任务 ID：%1</translation>
    </message>
</context>
<context>
    <name>UnresolvedDialog</name>
    <message>
        <location filename="../ui/dialogs/unresolved_dialog.py" line="37"/>
        <source>Submissions that need your decision</source>
        <translation>需要您决定的提交</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/unresolved_dialog.py" line="40"/>
        <source>These jobs were being submitted when the app stopped or the server did not answer, so they may or may not be running. Check their outputs if you can, then submit them again (existing outputs are overwritten) or discard them.</source>
        <translation>这些任务在提交时程序停止了或服务器没有响应，因此不确定它们是否在运行。请尽量先检查输出，然后重新提交（会覆盖已有输出）或丢弃。</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/unresolved_dialog.py" line="48"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/unresolved_dialog.py" line="48"/>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/unresolved_dialog.py" line="48"/>
        <source>Submitted</source>
        <translation>提交时间</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/unresolved_dialog.py" line="49"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/unresolved_dialog.py" line="53"/>
        <source>Submit again</source>
        <translation>重新提交</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/unresolved_dialog.py" line="55"/>
        <source>Discard</source>
        <translation>丢弃</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/unresolved_dialog.py" line="57"/>
        <source>Decide later</source>
        <translation>稍后决定</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/unresolved_dialog.py" line="62"/>
        <source>For the selected jobs:</source>
        <translation>对选中的任务：</translation>
    </message>
</context>
<context>
    <name>notifications</name>
    <message>
        <location filename="../ui/notifications.py" line="0"/>
        <source>%1 done</source>
        <translation>%1 个完成</translation>
    </message>
    <message>
        <location filename="../ui/notifications.py" line="0"/>
        <source>%1 failed</source>
        <translation>%1 个失败</translation>
    </message>
    <message>
        <location filename="../ui/notifications.py" line="0"/>
        <source>%1 need your decision</source>
        <translation>%1 个待决定</translation>
    </message>
</context>
<context>
    <name>problems</name>
    <message>
        <location filename="../core/plan.py" line="0"/>
        <source>Choose at least one preset</source>
        <translation>请至少选择一个预设</translation>
    </message>
    <message>
        <location filename="../core/plan.py" line="0"/>
        <source>Choose the bucket to save the results in</source>
        <translation>请选择保存结果的空间</translation>
    </message>
    <message>
        <location filename="../core/plan.py" line="0"/>
        <source>Unknown token {token} in the output name; use {tokens}</source>
        <translation>输出文件名中有未知变量 {token}；可用变量：{tokens}</translation>
    </message>
    <message>
        <location filename="../core/plan.py" line="0"/>
        <source>The output name template is empty</source>
        <translation>输出文件名模板为空</translation>
    </message>
    <message>
        <location filename="../core/plan.py" line="0"/>
        <source>The output name has an unmatched '{{' or '}}'</source>
        <translation>输出文件名中有不配对的“{{”或“}}”</translation>
    </message>
    <message>
        <location filename="../core/plan.py" line="0"/>
        <source>{key} would also be made from {other}; add {{name}} to the output name</source>
        <translation>{key} 也会由 {other} 生成；请在输出文件名中加入 {{name}}</translation>
    </message>
    <message>
        <location filename="../core/plan.py" line="0"/>
        <source>{key} is one of the source files; it would be overwritten</source>
        <translation>{key} 是源文件之一，会被覆盖</translation>
    </message>
    <message>
        <location filename="../core/plan.py" line="0"/>
        <source>Two outputs would both be saved as {key} ({first} and {second}); add {{preset}} or {{ext}} to the output name</source>
        <translation>两个输出都会保存为 {key}（{first} 和 {second}）；请在输出文件名中加入 {{preset}} 或 {{ext}}</translation>
    </message>
    <message>
        <location filename="../core/plan.py" line="0"/>
        <source>The output name {key} is the source file itself; it would be overwritten</source>
        <translation>输出文件名 {key} 就是源文件本身，会被覆盖</translation>
    </message>
</context>
<context>
    <name>BatchBanner</name>
    <message>
        <location filename="../ui/batch_banner.py" line="0"/>
        <source>Batch finished: %1</source>
        <translation>批次完成：%1</translation>
    </message>
    <message>
        <location filename="../ui/batch_banner.py" line="0"/>
        <source>%1 batches finished: %2</source>
        <translation>%1 个批次完成：%2</translation>
    </message>
    <message>
        <location filename="../ui/batch_banner.py" line="0"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
</context>
<context>
    <name>JobsController</name>
    <message>
        <source>%1 failed</source>
        <translation>%1 个失败</translation>
    </message>
    <message>
        <source>%1 failed today</source>
        <translation>今天失败 %1 个</translation>
    </message>
    <message>
        <source>%1 submissions need your decision</source>
        <translation>%1 个提交需要您决定</translation>
    </message>
    <message>
        <source>(next check %1 s)</source>
        <translation>（%1 秒后检查）</translation>
    </message>
    <message>
        <source>1 submission needs your decision</source>
        <translation>1 个提交需要您决定</translation>
    </message>
    <message>
        <source>Decide…</source>
        <translation>处理…</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Pipelines</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>Showing the batch of %2 jobs submitted at %1</source>
        <translation>正在显示 %1 提交的 %2 个任务</translation>
    </message>
    <message>
        <source>Showing the batch of 1 job submitted at %1</source>
        <translation>正在显示 %1 提交的 1 个任务</translation>
    </message>
    <message>
        <source>Transcoding finished</source>
        <translation>转码完成</translation>
    </message>
    <message>
        <source>watching %1 jobs</source>
        <translation>正在跟踪 %1 个任务</translation>
    </message>
    <message>
        <source>watching 1 job</source>
        <translation>正在跟踪 1 个任务</translation>
    </message>
</context>
<context>
    <name>TrackDialog</name>
    <message>
        <source>%1 could not be checked: %2</source>
        <translation>无法检查 %1：%2</translation>
    </message>
    <message>
        <source>%1 of the IDs are now in Jobs.</source>
        <translation>其中 %1 个 ID 已加入任务列表。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>Job IDs</source>
        <translation>任务 ID</translation>
    </message>
    <message>
        <source>The server does not know these job IDs (they may have expired, or belong to another account): %1</source>
        <translation>服务器不认识这些任务 ID（可能已过期，或属于其他账号）：%1</translation>
    </message>
    <message>
        <source>Track</source>
        <translation>跟踪</translation>
    </message>
</context>
<context>
    <name>JobDetails</name>
    <message>
        <source>%1 jobs selected</source>
        <translation>已选择 %1 个任务</translation>
    </message>
    <message>
        <source>Copy %1 job IDs</source>
        <translation>复制 %1 个任务 ID</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Needs decision</source>
        <translation>待决定</translation>
    </message>
    <message>
        <source>Remove %1 from list</source>
        <translation>从列表移除 %1 个</translation>
    </message>
    <message>
        <source>Retried</source>
        <translation>已重试</translation>
    </message>
    <message>
        <source>Retry %1 jobs</source>
        <translation>重试 %1 个任务</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
</context>
<context>
    <name>SubmitForm</name>
    <message>
        <source>Source file</source>
        <translation>源文件</translation>
    </message>
</context>
<context>
    <name>JobDetails</name>
    <message>
        <source>Finished while qfopgui was closed</source>
        <translation>在 qfopgui 关闭期间完成</translation>
    </message>
    <message>
        <source>(ran at least %1)</source>
        <translation>（至少运行了 %1）</translation>
    </message>
</context>
<context>
    <name>JobsModel</name>
    <message>
        <source>Finished while qfopgui was closed, so how long it took is not known</source>
        <translation>在 qfopgui 关闭期间完成，因此不知道用了多长时间</translation>
    </message>
</context>
<context>
    <name>OutputActions</name>
    <message>
        <source>1 link copied</source>
        <translation>已复制 1 个链接</translation>
    </message>
    <message>
        <source>%1 links copied</source>
        <translation>已复制 %1 个链接</translation>
    </message>
    <message>
        <source>(left out, not done yet: %1)</source>
        <translation>（未完成、未包含：%1 个任务）</translation>
    </message>
    <message>
        <source>%1 outputs have no link, for example %2: %3</source>
        <translation>%1 个输出没有链接，例如 %2：%3</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Export jobs</source>
        <translation>导出任务</translation>
    </message>
    <message>
        <source>Exported %1 jobs to %2</source>
        <translation>已导出 %1 个任务到 %2</translation>
    </message>
    <message>
        <source>Link copied</source>
        <translation>链接已复制</translation>
    </message>
    <message>
        <source>The jobs could not be exported to %1: %2</source>
        <translation>无法将任务导出到 %1：%2</translation>
    </message>
</context>
<context>
    <name>PipelinesController</name>
    <message>
        <source>The pipelines could not be saved: %1</source>
        <translation>无法保存队列：%1</translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation>更新于 %1</translation>
    </message>
</context>
<context>
    <name>ServiceNotices</name>
    <message>
        <source>(%1 more waiting)</source>
        <translation>（另有 %1 个在排队）</translation>
    </message>
    <message>
        <source>Checking job status failed: %1. The app keeps trying.</source>
        <translation>查询任务状态失败：%1。程序会继续重试。</translation>
    </message>
    <message>
        <source>Copy ID</source>
        <translation>复制 ID</translation>
    </message>
    <message>
        <source>Discarding %1 of %2…</source>
        <translation>正在放弃第 %1 个，共 %2 个…</translation>
    </message>
    <message>
        <source>Job %1 was accepted by the server, but qfopgui could not save it: %2. Its ID is kept in memory and in the log, and saving is retried. Free disk space or fix the data folder; do not quit before this message goes away.</source>
        <translation>服务器已接受任务 %1，但 qfopgui 无法保存它：%2。它的 ID 已保存在内存和日志中，并会不断重试保存。请释放磁盘空间或修复数据文件夹；在此消息消失之前不要退出。</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Retrying %1 of %2…</source>
        <translation>正在重试 %1 / %2…</translation>
    </message>
    <message>
        <source>The server refused this account's keys, so job status is not checked any more. Fix the keys, then retry.</source>
        <translation>服务器拒绝了此账号的密钥，任务状态已停止查询。请修正密钥后重试。</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>处理中…</translation>
    </message>
</context>
<context>
    <name>PresetsPicker</name>
    <message>
        <source>Presets</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>&amp;Presets</source>
        <translation>预设(&amp;P)</translation>
    </message>
</context>
<context>
    <name>SubmitDialog</name>
    <message>
        <source>Pre&amp;view…</source>
        <translation>预览(&amp;V)…</translation>
    </message>
    <message>
        <source>Preview the ticked preset</source>
        <translation>预览勾选的预设</translation>
    </message>
    <message>
        <source>Try the ticked preset on the selected file (tick exactly one preset)</source>
        <translation>用勾选的预设试做所选文件（只能勾选一个预设）</translation>
    </message>
</context>
<context>
    <name>SubmitFooter</name>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Submit</source>
        <translation>提交</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>(and 1 more problem; see the preview)</source>
        <translation>（另有 1 个问题，见预览）</translation>
    </message>
    <message>
        <source>(and %1 more problems; see the preview)</source>
        <translation>（另有 %1 个问题，见预览）</translation>
    </message>
    <message>
        <source>Submit 1 job</source>
        <translation>提交 1 个任务</translation>
    </message>
    <message>
        <source>Submit %1 jobs</source>
        <translation>提交 %1 个任务</translation>
    </message>
    <message>
        <source>1 job</source>
        <translation>1 个任务</translation>
    </message>
    <message>
        <source>%1 jobs</source>
        <translation>%1 个任务</translation>
    </message>
    <message>
        <source>1 output</source>
        <translation>1 个输出</translation>
    </message>
    <message>
        <source>%1 outputs</source>
        <translation>%1 个输出</translation>
    </message>
    <message>
        <source>1 not sent (see the preview)</source>
        <translation>1 项不提交（见预览）</translation>
    </message>
    <message>
        <source>%1 not sent (see the preview)</source>
        <translation>%1 项不提交（见预览）</translation>
    </message>
    <message>
        <source>pipeline %1</source>
        <translation>队列 %1</translation>
    </message>
    <message>
        <source>Checking names… %1 of %2</source>
        <translation>正在检查文件名… %1 / %2</translation>
    </message>
    <message>
        <source>Checking %1 of %2 outputs…</source>
        <translation>正在检查输出 %1 / %2…</translation>
    </message>
    <message>
        <source>Reading the picture size of %1 of %2 files…</source>
        <translation>正在读取画面尺寸 %1 / %2 个文件…</translation>
    </message>
    <message>
        <source>Submitting %1 of %2</source>
        <translation>正在提交 %1 / %2</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
</context>
<context>
    <name>SubmitForm</name>
    <message>
        <source>The processing queue. The shared queue is Qiniu's public one, which is slower than a dedicated pipeline. Add pipelines in the Pipelines view.</source>
        <translation>处理队列。共享队列即七牛的公共队列，比专用队列慢。可在“队列”页添加队列。</translation>
    </message>
    <message>
        <source>Submit checks which outputs already exist and asks what to do with them; this box answers Overwrite in advance.</source>
        <translation>提交时会检查哪些输出已存在并询问如何处理；勾选此项即预先选择“覆盖”。</translation>
    </message>
    <message>
        <source>Insert a part of the name</source>
        <translation>插入名称的组成部分</translation>
    </message>
    <message>
        <source>Shared queue — slower</source>
        <translation>共享队列（较慢）</translation>
    </message>
</context>
<context>
    <name>PreviewPane</name>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Preview of the outputs</source>
        <translation>输出预览</translation>
    </message>
    <message>
        <source>Show commands</source>
        <translation>显示命令</translation>
    </message>
    <message>
        <source>Commands to be sent</source>
        <translation>将要提交的命令</translation>
    </message>
    <message>
        <source>Show &amp;commands</source>
        <translation>显示命令(&amp;C)</translation>
    </message>
</context>
<context>
    <name>SubmitPreview</name>
    <message>
        <source>not sent</source>
        <translation>不提交</translation>
    </message>
</context>
<context>
    <name>PreflightQuestion</name>
    <message>
        <source>Copy all</source>
        <translation>全部复制</translation>
    </message>
    <message>
        <source>Copy all the names to the clipboard</source>
        <translation>把所有文件名复制到剪贴板</translation>
    </message>
    <message>
        <source>Copy every name in the list, one per line</source>
        <translation>复制列表中的所有文件名，每行一个</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
</context>
<context>
    <name>PreflightFlow</name>
    <message>
        <source>Outputs not checked</source>
        <translation>输出未检查</translation>
    </message>
    <message>
        <source>qfopgui could not check whether the outputs already exist or whether a video would be enlarged: %1</source>
        <translation>qfopgui 无法检查输出是否已存在，也无法检查视频是否会被放大：%1</translation>
    </message>
    <message>
        <source>Send anyway</source>
        <translation>仍然提交</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Nothing was sent.</source>
        <translation>没有提交任何任务。</translation>
    </message>
    <message>
        <source>The check was stopped; nothing was sent.</source>
        <translation>检查已停止，没有提交任何任务。</translation>
    </message>
    <message>
        <source>Two files would make the same output</source>
        <translation>两个文件会生成同一个输出</translation>
    </message>
    <message>
        <source>Each of these outputs would be written by two files, and the later one would replace the other. Change the output name, then submit again.</source>
        <translation>下列每个输出都会由两个文件写入，后写入的会替换先写入的。请修改输出文件名后再提交。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Nothing is left to send: every output was skipped.</source>
        <translation>没有可提交的内容：所有输出都已跳过。</translation>
    </message>
    <message>
        <source>qfopgui could not check whether 1 output already exists. If it does, the job is reported done at once and the old file is kept.</source>
        <translation>qfopgui 无法检查 1 个输出是否已存在。如果已存在，任务会直接报告完成，并保留原文件。</translation>
    </message>
    <message>
        <source>qfopgui could not check whether %1 outputs already exist. Those that do are reported done at once and the old files are kept.</source>
        <translation>qfopgui 无法检查 %1 个输出是否已存在。已存在的会直接报告完成，并保留原文件。</translation>
    </message>
    <message>
        <source>%1 · %2 · from %3</source>
        <translation>%1 · %2 · 来自 %3</translation>
    </message>
    <message>
        <source>1 output already exists in %2.</source>
        <translation>空间 %2 中已存在 1 个输出。</translation>
    </message>
    <message>
        <source>%1 outputs already exist in %2.</source>
        <translation>空间 %2 中已存在 %1 个输出。</translation>
    </message>
    <message>
        <source>Overwrite replaces them with new results. Skip those sends only the other outputs (a file with nothing else to make is not sent).</source>
        <translation>“覆盖”会用新结果替换它们。“跳过这些”只提交其他输出（没有其他输出要生成的文件不会提交）。</translation>
    </message>
    <message>
        <source>Outputs already exist</source>
        <translation>输出已存在</translation>
    </message>
    <message>
        <source>Overwrite</source>
        <translation>覆盖</translation>
    </message>
    <message>
        <source>Skip those</source>
        <translation>跳过这些</translation>
    </message>
    <message>
        <source>Never enlarge: 1 output is changed so that no video is made bigger.</source>
        <translation>不放大：已调整 1 个输出，避免把视频放大。</translation>
    </message>
    <message>
        <source>Never enlarge: %1 outputs are changed so that no video is made bigger.</source>
        <translation>不放大：已调整 %1 个输出，避免把视频放大。</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>提交</translation>
    </message>
    <message>
        <source>Smaller sources</source>
        <translation>源文件尺寸较小</translation>
    </message>
</context>
<context>
    <name>JobsStatusLine</name>
    <message>
        <source>watching 1 job</source>
        <translation>正在跟踪 1 个任务</translation>
    </message>
    <message>
        <source>watching %1 jobs</source>
        <translation>正在跟踪 %1 个任务</translation>
    </message>
    <message>
        <source>(next check %1 s)</source>
        <translation>（%1 秒后检查）</translation>
    </message>
    <message>
        <source>%1 failed today</source>
        <translation>今天失败 %1 个</translation>
    </message>
</context>
<context>
    <name>RetryFlow</name>
    <message>
        <source>Replace the outputs?</source>
        <translation>覆盖输出吗？</translation>
    </message>
    <message>
        <source>1 selected job is done. Transcoding it again replaces its outputs.</source>
        <translation>所选的 1 个任务已完成。再次转码会覆盖它的输出。</translation>
    </message>
    <message>
        <source>%1 selected jobs are done. Transcoding them again replaces their outputs.</source>
        <translation>所选的 %1 个任务已完成。再次转码会覆盖它们的输出。</translation>
    </message>
    <message>
        <source>Replace outputs</source>
        <translation>覆盖输出</translation>
    </message>
    <message>
        <source>Jobs tracked by their ID cannot be retried: qfopgui does not know which commands they ran. Submit the file again from Files.</source>
        <translation>按 ID 跟踪的任务无法重试：qfopgui 不知道它们执行了哪些命令。请在“文件”中重新提交该文件。</translation>
    </message>
    <message>
        <source>Already retried: retry the newer job</source>
        <translation>已经重试过：请重试较新的那个任务</translation>
    </message>
    <message>
        <source>Still running: nothing to retry</source>
        <translation>仍在运行：无需重试</translation>
    </message>
</context>
<context>
    <name>JobRemoval</name>
    <message>
        <source>1 job removed from the list</source>
        <translation>已从列表移除 1 个任务</translation>
    </message>
    <message>
        <source>%1 jobs removed from the list</source>
        <translation>已从列表移除 %1 个任务</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>1 job restored</source>
        <translation>已恢复 1 个任务</translation>
    </message>
    <message>
        <source>%1 jobs restored</source>
        <translation>已恢复 %1 个任务</translation>
    </message>
</context>
</TS>
