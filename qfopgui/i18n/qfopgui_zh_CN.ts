<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
    <context>
        <name>AccountDialog</name>
        <message>
            <location filename="../ui/dialogs/account_dialog.py" line="72" />
            <source>Edit account</source>
            <translation>编辑账号</translation>
        </message>
        <message>
            <location filename="../ui/dialogs/account_dialog.py" line="72" />
            <source>Add Qiniu account</source>
            <translation>添加七牛账号</translation>
        </message>
        <message>
            <location filename="../ui/dialogs/account_dialog.py" line="83" />
            <source>e.g. Production</source>
            <translation>例如：正式环境</translation>
        </message>
        <message>
            <location filename="../ui/dialogs/account_dialog.py" line="84" />
            <source>Name</source>
            <translation>名称</translation>
        </message>
        <message>
            <location filename="../ui/dialogs/account_dialog.py" line="86" />
            <source>From Qiniu portal → Key management</source>
            <translation>在七牛控制台 → 密钥管理中获取</translation>
        </message>
        <message>
            <location filename="../ui/dialogs/account_dialog.py" line="87" />
            <source>AccessKey</source>
            <translation>AccessKey</translation>
        </message>
        <message>
            <location filename="../ui/dialogs/account_dialog.py" line="91" />
            <source>Leave empty to keep the saved key</source>
            <translation>留空则保留已保存的密钥</translation>
        </message>
        <message>
            <location filename="../ui/dialogs/account_dialog.py" line="93" />
            <location filename="../ui/dialogs/account_dialog.py" line="200" />
            <source>Show</source>
            <translation>显示</translation>
        </message>
        <message>
            <location filename="../ui/dialogs/account_dialog.py" line="99" />
            <source>SecretKey</source>
            <translation>SecretKey</translation>
        </message>
        <message>
            <location filename="../ui/dialogs/account_dialog.py" line="101" />
            <source>Qiniu region</source>
            <translation>七牛存储区域</translation>
        </message>
        <message>
            <location filename="../ui/dialogs/account_dialog.py" line="102" />
            <source>Custom hosts (private cloud)</source>
            <translation>自定义服务地址（私有云）</translation>
        </message>
        <message>
            <location filename="../ui/dialogs/account_dialog.py" line="113" />
            <source>Per-service hosts…</source>
            <translation>按服务设置地址…</translation>
        </message>
        <message>
            <location filename="../ui/dialogs/account_dialog.py" line="121" />
            <source>same as base URL</source>
            <translation>与基础地址相同</translation>
        </message>
        <message>
            <location filename="../ui/dialogs/account_dialog.py" line="137" />
            <source>Where</source>
            <translation>连接到</translation>
        </message>
        <message>
            <location filename="../ui/dialogs/account_dialog.py" line="140" />
            <source>The SecretKey is stored in your system's secure storage (keychain).</source>
            <translation>SecretKey 保存在系统的安全存储（钥匙串）中。</translation>
        </message>
        <message>
            <location filename="../ui/dialogs/account_dialog.py" line="143" />
            <source>Secure storage isn't available: the SecretKey is kept for this session only and you will be asked again next time.</source>
            <translation>安全存储不可用：SecretKey 仅在本次运行期间保留，下次启动时需要重新输入。</translation>
        </message>
        <message>
            <location filename="../ui/dialogs/account_dialog.py" line="154" />
            <source>Test connection</source>
            <translation>测试连接</translation>
        </message>
        <message>
            <location filename="../ui/dialogs/account_dialog.py" line="200" />
            <source>Hide</source>
            <translation>隐藏</translation>
        </message>
        <message>
            <location filename="../ui/dialogs/account_dialog.py" line="269" />
            <source>Enter the SecretKey to test the connection.</source>
            <translation>请先填写 SecretKey 再测试连接。</translation>
        </message>
        <message>
            <location filename="../ui/dialogs/account_dialog.py" line="276" />
            <source>Connecting…</source>
            <translation>正在连接…</translation>
        </message>
        <message>
            <location filename="../ui/dialogs/account_dialog.py" line="291" />
            <source>Connected. %1 buckets: %2</source>
            <translation>连接成功。共 %1 个空间：%2</translation>
        </message>
        <message>
            <location filename="../ui/dialogs/account_dialog.py" line="297" />
            <source>Note: your buckets are in region %1, not %2; choose %1 to work with them.</source>
            <translation>注意：您的空间位于区域 %1，而不是 %2；请选择 %1 以便使用这些空间。</translation>
        </message>
        <message>
            <location filename="../ui/dialogs/account_dialog.py" line="308" />
            <source>The AccessKey or SecretKey is wrong. Copy both again from the Qiniu portal (Key management).</source>
            <translation>AccessKey 或 SecretKey 不正确。请从七牛控制台（密钥管理）重新复制这两项。</translation>
        </message>
        <message>
            <location filename="../ui/dialogs/account_dialog.py" line="316" />
            <source>Could not reach %1. Check the network connection and the host address.</source>
            <translation>无法连接到 %1。请检查网络连接和服务地址。</translation>
        </message>
        <message>
            <location filename="../ui/dialogs/account_dialog.py" line="321" />
            <source>This key is not allowed to list buckets.</source>
            <translation>这个密钥没有列出空间的权限。</translation>
        </message>
        <message>
            <location filename="../ui/dialogs/account_dialog.py" line="327" />
            <source>The region does not match this account's buckets. Choose another region.</source>
            <translation>所选区域与该账号的空间不一致，请选择其他区域。</translation>
        </message>
        <message>
            <location filename="../ui/dialogs/account_dialog.py" line="332" />
            <source>Unexpected error: %1</source>
            <translation>意外错误：%1</translation>
        </message>
        <message>
            <location filename="../ui/dialogs/account_dialog.py" line="38" />
            <source>East China (Zhejiang)</source>
            <translation>华东-浙江</translation>
        </message>
        <message>
            <location filename="../ui/dialogs/account_dialog.py" line="39" />
            <source>East China (Zhejiang 2)</source>
            <translation>华东-浙江2</translation>
        </message>
        <message>
            <location filename="../ui/dialogs/account_dialog.py" line="40" />
            <source>North China (Hebei)</source>
            <translation>华北-河北</translation>
        </message>
        <message>
            <location filename="../ui/dialogs/account_dialog.py" line="41" />
            <source>South China (Guangdong)</source>
            <translation>华南-广东</translation>
        </message>
        <message>
            <location filename="../ui/dialogs/account_dialog.py" line="42" />
            <source>North America</source>
            <translation>北美-洛杉矶</translation>
        </message>
        <message>
            <location filename="../ui/dialogs/account_dialog.py" line="43" />
            <source>Southeast Asia (Singapore)</source>
            <translation>亚太-新加坡</translation>
        </message>
        <message>
            <source>Account name</source>
            <translation>账号名称</translation>
        </message>
        <message>
            <source>Show the SecretKey</source>
            <translation>显示 SecretKey</translation>
        </message>
        <message>
            <source>Base URL</source>
            <translation>基础地址</translation>
        </message>
        <message>
            <source>Show the per-service hosts</source>
            <translation>显示按服务设置的地址</translation>
        </message>
        <message>
            <source>%1 host</source>
            <translation>%1 服务地址</translation>
        </message>
    </context>
    <context>
        <name>AccountsController</name>
        <message>
            <location filename="../ui/accounts.py" line="117" />
            <source>Remove account</source>
            <translation>移除账号</translation>
        </message>
        <message>
            <location filename="../ui/accounts.py" line="119" />
            <source>Remove the account “%1” from this computer? Its SecretKey is deleted from secure storage. Nothing changes in your Qiniu account.</source>
            <translation>要从这台电脑上移除账号“%1”吗？它的 SecretKey 会从安全存储中删除。您的七牛账号本身不会有任何改变。</translation>
        </message>
        <message>
            <location filename="../ui/accounts.py" line="122" />
            <source>Remove</source>
            <translation>移除</translation>
        </message>
        <message>
            <location filename="../ui/accounts.py" line="146" />
            <source>Secure storage isn't available; keys are kept for this session only.</source>
            <translation>安全存储不可用；密钥仅在本次运行期间保留。</translation>
        </message>
        <message>
            <location filename="../ui/accounts.py" line="148" />
            <source>Retry</source>
            <translation>重试</translation>
        </message>
        <message>
            <source>The Sandbox account is built in and can't be removed. It only uses this computer; switch to another account in the toolbar instead.</source>
            <translation>沙盒账号是内置的，无法移除。它只在这台电脑上运行；如需使用其他账号，请在工具栏中切换。</translation>
        </message>
    </context>
    <context>
        <name>Banner</name>
        <message>
            <location filename="../ui/widgets/banner.py" line="68" />
            <source>Hide this message</source>
            <translation>隐藏此消息</translation>
        </message>
    </context>
    <context>
        <name>Breadcrumb</name>
        <message>
            <location filename="../ui/widgets/breadcrumb.py" line="40" />
            <source>No bucket selected</source>
            <translation>未选择空间</translation>
        </message>
        <message>
            <location filename="../ui/widgets/breadcrumb.py" line="57" />
            <source>Go to %1</source>
            <translation>转到 %1</translation>
        </message>
    </context>
    <context>
        <name>ClientFactory</name>
        <message>
            <location filename="../ui/clients.py" line="30" />
            <source>The SecretKey of account “%1” is not available. Open Account → Edit account… and enter it again.</source>
            <translation>账号“%1”的 SecretKey 不可用。请打开“账号 → 编辑账号…”重新输入。</translation>
        </message>
    </context>
    <context>
        <name>FilesView</name>
        <message>
            <location filename="../ui/views/files_view.py" line="101" />
            <source>Buckets</source>
            <translation>空间</translation>
        </message>
        <message>
            <location filename="../ui/views/files_view.py" line="108" />
            <source>Find files whose name starts with…</source>
            <translation>查找名称以此开头的文件…</translation>
        </message>
        <message>
            <location filename="../ui/views/files_view.py" line="117" />
            <source>All</source>
            <translation>全部</translation>
        </message>
        <message>
            <location filename="../ui/views/files_view.py" line="118" />
            <source>Video</source>
            <translation>视频</translation>
        </message>
        <message>
            <location filename="../ui/views/files_view.py" line="119" />
            <source>Audio</source>
            <translation>音频</translation>
        </message>
        <message>
            <location filename="../ui/views/files_view.py" line="120" />
            <source>Image</source>
            <translation>图片</translation>
        </message>
        <message>
            <location filename="../ui/views/files_view.py" line="136" />
            <location filename="../ui/views/files_view.py" line="277" />
            <location filename="../ui/views/files_view.py" line="381" />
            <source>Retry</source>
            <translation>重试</translation>
        </message>
        <message>
            <location filename="../ui/views/files_view.py" line="276" />
            <source>Could not load the buckets: %1</source>
            <translation>无法加载空间列表：%1</translation>
        </message>
        <message>
            <location filename="../ui/views/files_view.py" line="288" />
            <source>Private bucket: links to its files need a signature</source>
            <translation>私有空间：文件链接需要签名</translation>
        </message>
        <message>
            <location filename="../ui/views/files_view.py" line="353" />
            <source>%1 items</source>
            <translation>%1 项</translation>
        </message>
        <message>
            <location filename="../ui/views/files_view.py" line="355" />
            <source>loading…</source>
            <translation>正在加载…</translation>
        </message>
        <message>
            <location filename="../ui/views/files_view.py" line="358" />
            <source>Could not load more files: %1</source>
            <translation>无法加载更多文件：%1</translation>
        </message>
        <message>
            <location filename="../ui/views/files_view.py" line="363" />
            <source>Choose or add an account to see its files.</source>
            <translation>请选择或添加一个账号来查看文件。</translation>
        </message>
        <message>
            <location filename="../ui/views/files_view.py" line="366" />
            <source>Loading buckets…</source>
            <translation>正在加载空间…</translation>
        </message>
        <message>
            <location filename="../ui/views/files_view.py" line="372" />
            <source>This account has no buckets yet. Create one in the Qiniu portal, then press Refresh (F5).</source>
            <translation>这个账号还没有空间。请先在七牛控制台创建空间，然后点击“刷新”（F5）。</translation>
        </message>
        <message>
            <location filename="../ui/views/files_view.py" line="377" />
            <source>Choose a bucket on the left to see its files.</source>
            <translation>请在左侧选择一个空间查看其中的文件。</translation>
        </message>
        <message>
            <location filename="../ui/views/files_view.py" line="380" />
            <source>Could not list the files: %1</source>
            <translation>无法列出文件：%1</translation>
        </message>
        <message>
            <location filename="../ui/views/files_view.py" line="385" />
            <source>Loading files…</source>
            <translation>正在加载文件…</translation>
        </message>
        <message>
            <location filename="../ui/views/files_view.py" line="389" />
            <source>No files here start with “%1”. Check the spelling or clear the search.</source>
            <translation>这里没有名称以“%1”开头的文件。请检查拼写，或清除搜索。</translation>
        </message>
        <message>
            <location filename="../ui/views/files_view.py" line="391" />
            <source>Clear search</source>
            <translation>清除搜索</translation>
        </message>
        <message>
            <location filename="../ui/views/files_view.py" line="396" />
            <source>No files of this type in this folder.</source>
            <translation>此文件夹中没有这种类型的文件。</translation>
        </message>
        <message>
            <location filename="../ui/views/files_view.py" line="397" />
            <source>Show all files</source>
            <translation>显示全部文件</translation>
        </message>
        <message>
            <location filename="../ui/views/files_view.py" line="401" />
            <source>Go up</source>
            <translation>返回上一级</translation>
        </message>
        <message>
            <location filename="../ui/views/files_view.py" line="291" />
            <source>private</source>
            <translation>私有</translation>
        </message>
        <message>
            <location filename="../ui/views/files_view.py" line="397" />
            <source>%1 selected</source>
            <translation>已选 %1 个</translation>
        </message>
    </context>
    <context>
        <name>MainToolbar</name>
        <message>
            <location filename="../ui/main_toolbar.py" line="54" />
            <source>Main toolbar</source>
            <translation>主工具栏</translation>
        </message>
        <message>
            <location filename="../ui/main_toolbar.py" line="62" />
            <source>Account</source>
            <translation>账号</translation>
        </message>
        <message>
            <location filename="../ui/main_toolbar.py" line="66" />
            <source>Accounts</source>
            <translation>账号</translation>
        </message>
        <message>
            <location filename="../ui/main_toolbar.py" line="69" />
            <source>Add, edit or remove accounts</source>
            <translation>添加、编辑或移除账号</translation>
        </message>
        <message>
            <location filename="../ui/main_toolbar.py" line="73" />
            <source>Refresh</source>
            <translation>刷新</translation>
        </message>
        <message>
            <location filename="../ui/main_toolbar.py" line="75" />
            <source>Refresh (F5)</source>
            <translation>刷新（F5）</translation>
        </message>
        <message>
            <location filename="../ui/main_toolbar.py" line="77" />
            <source>Transcode…</source>
            <translation>转码…</translation>
        </message>
        <message>
            <location filename="../ui/main_toolbar.py" line="79" />
            <source>Transcode the selected files (Ctrl+T)</source>
            <translation>转码选中的文件（Ctrl+T）</translation>
        </message>
        <message>
            <location filename="../ui/main_toolbar.py" line="63" />
            <source>No account yet</source>
            <translation>尚无账号</translation>
        </message>
        <message>
            <location filename="../ui/main_toolbar.py" line="93" />
            <source>Transcode 1 file…</source>
            <translation>转码 1 个文件…</translation>
        </message>
        <message>
            <location filename="../ui/main_toolbar.py" line="95" />
            <source>Transcode %1 files…</source>
            <translation>转码 %1 个文件…</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
    <message>
        <source>Views</source>
        <translation>视图</translation>
    </message>
        <message>
            <location filename="../ui/main_window.py" line="68" />
            <source>Files</source>
            <translation>文件</translation>
        </message>
        <message>
            <location filename="../ui/main_window.py" line="156" />
            <location filename="../ui/main_window.py" line="382" />
            <source>Open log folder</source>
            <translation>打开日志文件夹</translation>
        </message>
        <message>
            <location filename="../ui/main_window.py" line="241" />
            <source>on this computer</source>
            <translation>本机</translation>
        </message>
        <message>
            <location filename="../ui/main_window.py" line="300" />
            <location filename="../ui/main_window.py" line="335" />
            <source>Starting the sandbox…</source>
            <translation>正在启动沙盒…</translation>
        </message>
        <message>
            <location filename="../ui/main_window.py" line="307" />
            <location filename="../ui/main_window.py" line="341" />
            <source>The sandbox could not start: %1</source>
            <translation>沙盒无法启动：%1</translation>
        </message>
        <message>
            <location filename="../ui/main_window.py" line="309" />
            <location filename="../ui/main_window.py" line="343" />
            <source>Retry</source>
            <translation>重试</translation>
        </message>
        <message>
            <location filename="../ui/main_window.py" line="315" />
            <source>Connecting to %1…</source>
            <translation>正在连接 %1…</translation>
        </message>
        <message>
            <location filename="../ui/main_window.py" line="325" />
            <source>Connected: %1</source>
            <translation>已连接：%1</translation>
        </message>
        <message>
            <location filename="../ui/main_window.py" line="328" />
            <source>Not connected: %1</source>
            <translation>未连接：%1</translation>
        </message>
        <message>
            <location filename="../ui/main_window.py" line="378" />
            <source>Something went wrong (%1): %2</source>
            <translation>出现问题（%1）：%2</translation>
        </message>
    </context>
    <context>
        <name>ObjectsModel</name>
        <message>
            <location filename="../ui/table_models/objects_model.py" line="344" />
            <source>Name</source>
            <translation>名称</translation>
        </message>
        <message>
            <location filename="../ui/table_models/objects_model.py" line="344" />
            <source>Size</source>
            <translation>大小</translation>
        </message>
        <message>
            <location filename="../ui/table_models/objects_model.py" line="344" />
            <source>Type</source>
            <translation>类型</translation>
        </message>
        <message>
            <location filename="../ui/table_models/objects_model.py" line="344" />
            <source>Modified</source>
            <translation>修改时间</translation>
        </message>
        <message>
            <location filename="../ui/table_models/objects_model.py" line="404" />
            <source>Folder</source>
            <translation>文件夹</translation>
        </message>
        <message>
            <location filename="../ui/table_models/objects_model.py" line="417" />
            <source>video</source>
            <translation>视频</translation>
        </message>
        <message>
            <location filename="../ui/table_models/objects_model.py" line="418" />
            <source>audio</source>
            <translation>音频</translation>
        </message>
        <message>
            <location filename="../ui/table_models/objects_model.py" line="419" />
            <source>image</source>
            <translation>图片</translation>
        </message>
        <message>
            <location filename="../ui/table_models/objects_model.py" line="420" />
            <source>file</source>
            <translation>文件</translation>
        </message>
    </context>
    <context>
        <name>WelcomePage</name>
        <message>
            <location filename="../ui/welcome.py" line="27" />
            <source>Welcome to qfopgui</source>
            <translation>欢迎使用 qfopgui</translation>
        </message>
        <message>
            <location filename="../ui/welcome.py" line="36" />
            <source>Transcode the video, audio and images in your Qiniu buckets and watch every job until it is done. To start, connect your Qiniu account.</source>
            <translation>转码七牛空间中的视频、音频和图片，并跟踪每个任务直到完成。首先，请连接您的七牛账号。</translation>
        </message>
        <message>
            <location filename="../ui/welcome.py" line="43" />
            <source>Add Qiniu account…</source>
            <translation>添加七牛账号…</translation>
        </message>
        <message>
            <location filename="../ui/welcome.py" line="48" />
            <source>You need the AccessKey and SecretKey from the Qiniu portal.</source>
            <translation>需要七牛控制台中的 AccessKey 和 SecretKey。</translation>
        </message>
        <message>
            <location filename="../ui/welcome.py" line="53" />
            <location filename="../ui/welcome.py" line="74" />
            <source>Try the sandbox</source>
            <translation>试用沙盒</translation>
        </message>
        <message>
            <location filename="../ui/welcome.py" line="59" />
            <source>A practice server on this computer with demo files. Nothing is sent to Qiniu and nothing costs money.</source>
            <translation>在本机运行的练习服务器，带有示例文件。不会向七牛发送任何内容，也不会产生费用。</translation>
        </message>
    </context>
    <context>
        <name>format</name>
        <message>
            <location filename="../ui/format.py" line="22" />
            <source>%1 bytes</source>
            <translation>%1 字节</translation>
        </message>
        <message>
            <location filename="../ui/format.py" line="24" />
            <source>1 byte</source>
            <translation>1 字节</translation>
        </message>
        <message>
            <location filename="../ui/format.py" line="49" />
            <source>%1 s</source>
            <translation>%1 秒</translation>
        </message>
        <message>
            <location filename="../ui/format.py" line="53" />
            <source>%1 min %2 s</source>
            <translation>%1 分 %2 秒</translation>
        </message>
        <message>
            <location filename="../ui/format.py" line="55" />
            <source>%1 min</source>
            <translation>%1 分钟</translation>
        </message>
        <message>
            <location filename="../ui/format.py" line="60" />
            <source>%1 h %2 min</source>
            <translation>%1 小时 %2 分</translation>
        </message>
        <message>
            <location filename="../ui/format.py" line="62" />
            <source>%1 h</source>
            <translation>%1 小时</translation>
        </message>
        <message>
            <location filename="../ui/format.py" line="66" />
            <source>%1 d %2 h</source>
            <translation>%1 天 %2 小时</translation>
        </message>
        <message>
            <location filename="../ui/format.py" line="68" />
            <source>%1 d</source>
            <translation>%1 天</translation>
        </message>
        <message>
            <location filename="../ui/format.py" line="81" />
            <source>just now</source>
            <translation>刚刚</translation>
        </message>
        <message>
            <location filename="../ui/format.py" line="83" />
            <source>%1 min ago</source>
            <translation>%1 分钟前</translation>
        </message>
        <message>
            <location filename="../ui/format.py" line="85" />
            <source>%1 h ago</source>
            <translation>%1 小时前</translation>
        </message>
        <message>
            <location filename="../ui/format.py" line="87" />
            <source>yesterday</source>
            <translation>昨天</translation>
        </message>
    </context>
    <context>
        <name>FileDetails</name>
        <message>
            <location filename="../ui/views/file_details.py" line="0" />
            <source>Details</source>
            <translation>详情</translation>
        </message>
        <message>
            <location filename="../ui/views/file_details.py" line="0" />
            <source>Show or hide the details of the selected files</source>
            <translation>显示或隐藏所选文件的详情</translation>
        </message>
        <message>
            <location filename="../ui/views/file_details.py" line="0" />
            <source>“%1” is a folder. Open it to see its files, or select files to see their details.</source>
            <translation>“%1”是文件夹。打开它查看其中的文件，或选择文件查看详情。</translation>
        </message>
        <message>
            <location filename="../ui/views/file_details.py" line="0" />
            <source>%1 folders selected. Folders are not transcoded; select files to see their details.</source>
            <translation>已选择 %1 个文件夹。文件夹不会被转码；选择文件可查看详情。</translation>
        </message>
        <message>
            <location filename="../ui/views/file_details.py" line="0" />
            <source>Select a file to see its size, type and the outputs made from it.</source>
            <translation>选择一个文件，查看它的大小、类型以及由它生成的输出。</translation>
        </message>
        <message>
            <location filename="../ui/views/file_details.py" line="0" />
            <source>The selected folder is not included.</source>
            <translation>所选文件夹不包括在内。</translation>
        </message>
        <message>
            <location filename="../ui/views/file_details.py" line="0" />
            <source>The %1 selected folders are not included.</source>
            <translation>所选的 %1 个文件夹不包括在内。</translation>
        </message>
        <message>
            <location filename="../ui/views/file_details.py" line="0" />
            <source>could not be read</source>
            <translation>无法读取</translation>
        </message>
        <message>
            <location filename="../ui/views/file_details.py" line="0" />
            <source>loading…</source>
            <translation>加载中…</translation>
        </message>
        <message>
            <location filename="../ui/views/file_details.py" line="0" />
            <source>Size</source>
            <translation>大小</translation>
        </message>
        <message>
            <location filename="../ui/views/file_details.py" line="0" />
            <source>%1 bytes</source>
            <translation>%1 字节</translation>
        </message>
        <message>
            <location filename="../ui/views/file_details.py" line="0" />
            <source>Type</source>
            <translation>类型</translation>
        </message>
        <message>
            <location filename="../ui/views/file_details.py" line="0" />
            <source>Modified</source>
            <translation>修改时间</translation>
        </message>
        <message>
            <location filename="../ui/views/file_details.py" line="0" />
            <source>Hash</source>
            <translation>哈希</translation>
        </message>
        <message>
            <location filename="../ui/views/file_details.py" line="0" />
            <source>%1 files selected</source>
            <translation>已选择 %1 个文件</translation>
        </message>
        <message>
            <location filename="../ui/views/file_details.py" line="0" />
            <source>Total size</source>
            <translation>总大小</translation>
        </message>
        <message>
            <location filename="../ui/views/file_details.py" line="0" />
            <source>Select one file to see the outputs made from it.</source>
            <translation>只选择一个文件，可查看由它生成的输出。</translation>
        </message>
        <message>
            <location filename="../ui/views/file_details.py" line="0" />
            <source>Outputs of this file</source>
            <translation>此文件的输出</translation>
        </message>
        <message>
            <location filename="../ui/views/file_details.py" line="0" />
            <source>Looking for jobs…</source>
            <translation>正在查找任务…</translation>
        </message>
        <message>
            <location filename="../ui/views/file_details.py" line="0" />
            <source>Nothing made from this file yet. Press Transcode… to make MP4s, thumbnails and more.</source>
            <translation>还没有由此文件生成的内容。点击“转码…”可生成 MP4、缩略图等。</translation>
        </message>
        <message>
            <location filename="../ui/views/file_details.py" line="0" />
            <source>Showing the latest %1 jobs.</source>
            <translation>仅显示最近的 %1 个任务。</translation>
        </message>
        <message>
            <location filename="../ui/views/file_details.py" line="0" />
            <source>Copy link</source>
            <translation>复制链接</translation>
        </message>
    </context>
    <context>
        <name>OutputJobBox</name>
        <message>
            <location filename="../ui/files/details_widgets.py" line="0" />
            <source>Copy link</source>
            <translation>复制链接</translation>
        </message>
    </context>
    <context>
        <name>ConnectionDot</name>
        <message>
            <location filename="../ui/widgets/status_dot.py" line="0" />
            <source>Connected</source>
            <translation>已连接</translation>
        </message>
        <message>
            <location filename="../ui/widgets/status_dot.py" line="0" />
            <source>Connecting</source>
            <translation>正在连接</translation>
        </message>
        <message>
            <location filename="../ui/widgets/status_dot.py" line="0" />
            <source>Not connected</source>
            <translation>未连接</translation>
        </message>
    </context>
    <context>
        <name>QuitQuestion</name>
        <message>
            <source>Quit qfopgui?</source>
            <translation>退出 qfopgui？</translation>
        </message>
        <message>
            <source>1 job is still waiting or processing.</source>
            <translation>还有 1 个任务正在等待或处理中。</translation>
        </message>
        <message>
            <source>It keeps running on the server, and qfopgui picks it up the next time it starts.</source>
            <translation>它会在服务器上继续运行，qfopgui 下次启动时会继续跟踪它。</translation>
        </message>
        <message>
            <source>%1 jobs are still waiting or processing.</source>
            <translation>还有 %1 个任务正在等待或处理中。</translation>
        </message>
        <message>
            <source>They keep running on the server, and qfopgui picks them up the next time it starts.</source>
            <translation>这些任务会在服务器上继续运行，qfopgui 下次启动时会继续跟踪它们。</translation>
        </message>
        <message>
            <source>Quit</source>
            <translation>退出</translation>
        </message>
        <message>
            <source>Quit qfopgui</source>
            <translation>退出 qfopgui</translation>
        </message>
        <message>
            <source>Cancel and keep qfopgui open</source>
            <translation>取消，保持 qfopgui 打开</translation>
        </message>
        <message>
            <source>1 upload is still going.</source>
            <translation>还有 1 个上传正在进行。</translation>
        </message>
        <message>
            <source>%1 uploads are still going.</source>
            <translation>还有 %1 个上传正在进行。</translation>
        </message>
        <message>
            <source>Uploads stop now and continue from where they stopped the next time qfopgui starts; parts already sent are not sent again.</source>
            <translation>上传现在会暂停，qfopgui 下次启动时从中断处继续；已发送的分片不会重新发送。</translation>
        </message>
    </context>
<context>
    <name>TokensMenu</name>
    <message>
        <source>folder of the source file</source>
        <translation>源文件所在目录</translation>
    </message>
    <message>
        <source>source file name without extension</source>
        <translation>不含扩展名的源文件名</translation>
    </message>
    <message>
        <source>extension of the output format</source>
        <translation>输出格式的扩展名</translation>
    </message>
    <message>
        <source>preset name</source>
        <translation>预设名称</translation>
    </message>
    <message>
        <source>date, YYYYMMDD</source>
        <translation>日期，YYYYMMDD</translation>
    </message>
    <message>
        <source>time, HHMMSS</source>
        <translation>时间，HHMMSS</translation>
    </message>
    <message>
        <source>number of the file in this batch</source>
        <translation>文件在本批次中的序号</translation>
    </message>
    <message>
        <source>source bucket</source>
        <translation>源空间</translation>
    </message>
</context>
<context>
    <name>MainMenus</name>
    <message>
        <source>&amp;Account</source>
        <translation>账号(&amp;A)</translation>
    </message>
    <message>
        <source>Add account…</source>
        <translation>添加账号…</translation>
    </message>
    <message>
        <source>Edit account…</source>
        <translation>编辑账号…</translation>
    </message>
    <message>
        <source>Remove account…</source>
        <translation>移除账号…</translation>
    </message>
    <message>
        <source>Open the sandbox</source>
        <translation>打开沙盒</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Open log folder</source>
        <translation>打开日志文件夹</translation>
    </message>
    <message>
        <source>The Sandbox account is built in and can't be removed.</source>
        <translation>沙盒账号是内置的，无法移除。</translation>
    </message>
    <message>
        <source>Remove “%1” from this computer</source>
        <translation>从这台电脑上移除“%1”</translation>
    </message>
</context>
</TS>
