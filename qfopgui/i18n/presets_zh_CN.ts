<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>FieldEditor</name>
    <message>
        <source>not set (server default)</source>
        <translation>未设置（服务器默认）</translation>
    </message>
    <message>
        <source>From %1 to %2</source>
        <translation>范围：%1 到 %2</translation>
    </message>
    <message>
        <source>At least %1</source>
        <translation>至少 %1</translation>
    </message>
    <message>
        <source>At most %1</source>
        <translation>最多 %1</translation>
    </message>
</context>
<context>
    <name>EitherOrChoice</name>
    <message>
        <source>%1 or %2</source>
        <translation>%1或%2</translation>
    </message>
</context>
<context>
    <name>CommandForm</name>
    <message>
        <source>Transcode</source>
        <translation>转码</translation>
    </message>
    <message>
        <source>%1 output</source>
        <translation>%1 输出</translation>
    </message>
    <message>
        <source>Snapshot</source>
        <translation>截图</translation>
    </message>
    <message>
        <source>Frames</source>
        <translation>截帧</translation>
    </message>
    <message>
        <source>%1 snapshot</source>
        <translation>%1 截图</translation>
    </message>
    <message>
        <source>%1 frames</source>
        <translation>%1 截帧</translation>
    </message>
    <message>
        <source>Not kept from the pasted command: %1</source>
        <translation>粘贴的命令中未保留：%1</translation>
    </message>
    <message>
        <source>Not shown in the form, kept while this command is unchanged: %1</source>
        <translation>表单中未显示，只要不修改此命令就会保留：%1</translation>
    </message>
    <message>
        <source>Not shown in the form and left out, because this command was changed: %1</source>
        <translation>表单中未显示，且因为此命令已修改而被舍弃：%1</translation>
    </message>
</context>
<context>
    <name>CommandTabs</name>
    <message>
        <source>No commands yet: add one, or paste a command with Edit as command.</source>
        <translation>还没有命令：添加一条，或用“以命令编辑”粘贴命令。</translation>
    </message>
    <message>
        <source>Commands</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Add &amp;command</source>
        <translation>添加命令(&amp;C)</translation>
    </message>
    <message>
        <source>Transcode video/audio (avthumb)</source>
        <translation>音视频转码（avthumb）</translation>
    </message>
    <message>
        <source>Snapshot (vframe)</source>
        <translation>视频截图（vframe）</translation>
    </message>
    <message>
        <source>Frames at intervals (vsample)</source>
        <translation>按间隔截帧（vsample）</translation>
    </message>
    <message>
        <source>Re&amp;move command</source>
        <translation>移除命令(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Edit as command…</source>
        <translation>以命令编辑(&amp;E)…</translation>
    </message>
    <message>
        <source>Paste fop commands, a qshell pfop line or a processing URL.</source>
        <translation>粘贴 fop 命令、qshell pfop 命令行或处理 URL。</translation>
    </message>
    <message>
        <source>This command has problems</source>
        <translation>此命令有问题</translation>
    </message>
    <message>
        <source>This command cannot be edited in the form; it is kept as it is.</source>
        <translation>此命令无法在表单中编辑，将原样保留。</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>命令</translation>
    </message>
</context>
<context>
    <name>CommandPasteDialog</name>
    <message>
        <source>Edit as command</source>
        <translation>以命令编辑</translation>
    </message>
    <message>
        <source>&amp;Paste one or more fop commands (separated by ; or new lines), a qshell pfop command line, or a processing URL.</source>
        <translation>粘贴(&amp;P)一条或多条 fop 命令（用 ; 或换行分隔）、一行 qshell pfop 命令，或一个处理 URL。</translation>
    </message>
    <message>
        <source>Commands to read</source>
        <translation>要读取的命令</translation>
    </message>
    <message>
        <source>&amp;What the form reads:</source>
        <translation>表单读取到的内容(&amp;W)：</translation>
    </message>
    <message>
        <source>What the form reads</source>
        <translation>表单读取到的内容</translation>
    </message>
    <message>
        <source>&amp;Replace commands</source>
        <translation>替换命令(&amp;R)</translation>
    </message>
    <message>
        <source>Use these commands instead of the preset's own</source>
        <translation>用这些命令替换预设原有的命令</translation>
    </message>
    <message>
        <source>&amp;Add to preset</source>
        <translation>添加到预设(&amp;A)</translation>
    </message>
    <message>
        <source>Add these commands after the preset's own</source>
        <translation>把这些命令添加到预设原有命令之后</translation>
    </message>
    <message>
        <source>Not kept by the form: %1</source>
        <translation>表单无法保留：%1</translation>
    </message>
    <message>
        <source>Transcode video/audio (avthumb)</source>
        <translation>音视频转码（avthumb）</translation>
    </message>
    <message>
        <source>Snapshot (vframe)</source>
        <translation>视频截图（vframe）</translation>
    </message>
    <message>
        <source>Frames at intervals (vsample)</source>
        <translation>按间隔截帧（vsample）</translation>
    </message>
    <message>
        <source>Cannot be used</source>
        <translation>无法使用</translation>
    </message>
    <message>
        <source>Command %1: %2</source>
        <translation>命令 %1：%2</translation>
    </message>
</context>
<context>
    <name>PresetEditor</name>
    <message>
        <source>Select a preset to see and edit its commands.</source>
        <translation>选择一个预设，查看并编辑它的命令。</translation>
    </message>
    <message>
        <source>Built-in presets are locked. Duplicate to edit.</source>
        <translation>内置预设已锁定。复制后即可编辑。</translation>
    </message>
    <message>
        <source>Commands sent for each file:</source>
        <translation>每个文件发送的命令：</translation>
    </message>
    <message>
        <source>Commands sent for each file</source>
        <translation>每个文件发送的命令</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save the preset (Ctrl+S)</source>
        <translation>保存预设（Ctrl+S）</translation>
    </message>
    <message>
        <source>Sa&amp;ve as…</source>
        <translation>另存为(&amp;V)…</translation>
    </message>
    <message>
        <source>Save as a new preset (Ctrl+Shift+S)</source>
        <translation>另存为新预设（Ctrl+Shift+S）</translation>
    </message>
    <message>
        <source>&amp;Revert</source>
        <translation>还原(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Duplicate</source>
        <translation>复制(&amp;D)</translation>
    </message>
    <message>
        <source>De&amp;lete…</source>
        <translation>删除(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;Preview on a file…</source>
        <translation>在文件上预览(&amp;P)…</translation>
    </message>
    <message>
        <source>(%1: fix the problems to see this command)</source>
        <translation>（%1：修正问题后才能看到此命令）</translation>
    </message>
    <message>
        <source>For %1: %2</source>
        <translation>对于 %1：%2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>…and %1 more</source>
        <translation>…还有 %1 条</translation>
    </message>
    <message>
        <source>&amp;Duplicate to edit</source>
        <translation>复制后编辑(&amp;D)</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>有未保存的更改</translation>
    </message>
    <message>
        <source>For %1: the output names show once the problems are fixed</source>
        <translation>对于 %1：问题修正后即显示输出文件名</translation>
    </message>
</context>
<context>
    <name>PresetHeader</name>
    <message>
        <source>&amp;Name</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <source>Name of the preset</source>
        <translation>预设名称</translation>
    </message>
    <message>
        <source>Descrip&amp;tion</source>
        <translation>说明(&amp;T)</translation>
    </message>
    <message>
        <source>optional: what it is for</source>
        <translation>可选：用途</translation>
    </message>
    <message>
        <source>&amp;Output name</source>
        <translation>输出文件名(&amp;O)</translation>
    </message>
    <message>
        <source>for example {dir}/{name}.{ext}</source>
        <translation>例如 {dir}/{name}.{ext}</translation>
    </message>
    <message>
        <source>Where each result is saved; the tokens are filled in for every file.</source>
        <translation>每个结果保存的位置；其中的变量会按每个文件填入。</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>变量</translation>
    </message>
    <message>
        <source>Insert a token</source>
        <translation>插入变量</translation>
    </message>
    <message>
        <source>Insert a part of the name: folder, file name…</source>
        <translation>插入名称的组成部分：文件夹、文件名…</translation>
    </message>
    <message>
        <source>Enlarge it</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Skip this output</source>
        <translation>跳过此输出</translation>
    </message>
    <message>
        <source>Keep the source's size</source>
        <translation>保持源文件尺寸</translation>
    </message>
    <message>
        <source>I&amp;f the source is smaller than the size set:</source>
        <translation>源文件小于设定尺寸时(&amp;F)：</translation>
    </message>
    <message>
        <source>Enlarging a small video makes a bigger file that looks no better.</source>
        <translation>放大小视频只会让文件更大，画面并不会更清晰。</translation>
    </message>
</context>
</TS>
