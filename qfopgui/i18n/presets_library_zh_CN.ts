<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DialogQuestions</name>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <source>The preset “%1” has changes that are not saved.</source>
        <translation>预设“%1”有尚未保存的更改。</translation>
    </message>
    <message>
        <source>Save them before going on?</source>
        <translation>继续之前要保存吗？</translation>
    </message>
    <message>
        <source>Save the changes</source>
        <translation>保存更改</translation>
    </message>
    <message>
        <source>Discard the changes</source>
        <translation>放弃更改</translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>继续编辑</translation>
    </message>
    <message>
        <source>Delete preset</source>
        <translation>删除预设</translation>
    </message>
    <message>
        <source>Delete the preset “%1”? This cannot be undone; export it first to keep a copy.</source>
        <translation>删除预设“%1”？此操作无法撤销；如需保留副本，请先导出。</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>另存为</translation>
    </message>
    <message>
        <source>Name of the new preset:</source>
        <translation>新预设的名称：</translation>
    </message>
    <message>
        <source>Import presets</source>
        <translation>导入预设</translation>
    </message>
    <message>
        <source>Export presets</source>
        <translation>导出预设</translation>
    </message>
    <message>
        <source>Name of the new preset</source>
        <translation>新预设的名称</translation>
    </message>
</context>
<context>
    <name>ImportConflictsDialog</name>
    <message>
        <source>Import presets</source>
        <translation>导入预设</translation>
    </message>
    <message>
        <source>%1 contains %2 presets; %3 of them have the name of a preset you already have. Choose what to do with each.</source>
        <translation>%1 含有 %2 个预设，其中 %3 个与你已有的预设同名。请为每个选择处理方式。</translation>
    </message>
    <message>
        <source>Presets with names already in use</source>
        <translation>名称已被使用的预设</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>处理方式</translation>
    </message>
    <message>
        <source>%1 (built-in)</source>
        <translation>%1（内置）</translation>
    </message>
    <message>
        <source>%1 (same as yours)</source>
        <translation>%1（与你的相同）</translation>
    </message>
    <message>
        <source>What to do with %1</source>
        <translation>如何处理 %1</translation>
    </message>
    <message>
        <source>Replace mine</source>
        <translation>替换我的</translation>
    </message>
    <message>
        <source>Keep both</source>
        <translation>两者都保留</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>For all:</source>
        <translation>全部：</translation>
    </message>
    <message>
        <source>%1 for every preset listed</source>
        <translation>对列出的每个预设：%1</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>Import with these choices</source>
        <translation>按这些选择导入</translation>
    </message>
    <message>
        <source>Cancel: import nothing</source>
        <translation>取消：不导入任何预设</translation>
    </message>
    <message>
        <source>&amp;Replace mine</source>
        <translation>替换我的(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Keep both</source>
        <translation>两者都保留(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Skip</source>
        <translation>跳过(&amp;S)</translation>
    </message>
</context>
<context>
    <name>PresetsController</name>
    <message>
        <source>Presets</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>Saved “%1”.</source>
        <translation>已保存“%1”。</translation>
    </message>
    <message>
        <source>Made “%1”; edit it and save.</source>
        <translation>已创建“%1”；编辑后请保存。</translation>
    </message>
    <message>
        <source>Deleted “%1”.</source>
        <translation>已删除“%1”。</translation>
    </message>
    <message>
        <source>Import presets</source>
        <translation>导入预设</translation>
    </message>
    <message>
        <source>Export preset</source>
        <translation>导出预设</translation>
    </message>
    <message>
        <source>Save the new preset before exporting it.</source>
        <translation>请先保存新预设，再导出。</translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation>已导出到 %1。</translation>
    </message>
    <message>
        <source>Export presets</source>
        <translation>导出预设</translation>
    </message>
    <message>
        <source>You have no presets of your own yet. Built-in presets come with every copy of qfopgui, so they are not exported; to share one, duplicate it.</source>
        <translation>你还没有自己的预设。内置预设随每个 qfopgui 提供，因此不会导出；如要分享某个内置预设，请先复制它。</translation>
    </message>
    <message>
        <source>Exported %1 presets to %2.</source>
        <translation>已将 %1 个预设导出到 %2。</translation>
    </message>
    <message>
        <source>Check the form.</source>
        <translation>请检查表单。</translation>
    </message>
    <message>
        <source>The preset cannot be saved yet</source>
        <translation>暂时无法保存该预设</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <source>Imported %1 presets.</source>
        <translation>已导入 %1 个预设。</translation>
    </message>
    <message>
        <source>Replaced: %1.</source>
        <translation>已替换：%1。</translation>
    </message>
    <message>
        <source>Skipped: %1.</source>
        <translation>已跳过：%1。</translation>
    </message>
    <message>
        <source>Added under new names: %1.</source>
        <translation>以新名称添加：%1。</translation>
    </message>
</context>
<context>
    <name>PresetsModel</name>
    <message>
        <source>Your preset, with unsaved changes</source>
        <translation>你的预设，有未保存的更改</translation>
    </message>
    <message>
        <source>Built-in: locked. Duplicate it to make your own version.</source>
        <translation>内置：已锁定。复制后可制作你自己的版本。</translation>
    </message>
    <message>
        <source>Built-in preset</source>
        <translation>内置预设</translation>
    </message>
    <message>
        <source>Your preset</source>
        <translation>你的预设</translation>
    </message>
</context>
<context>
    <name>PresetsView</name>
    <message>
        <source>Search presets</source>
        <translation>搜索预设</translation>
    </message>
    <message>
        <source>Presets</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>No preset matches the search.</source>
        <translation>没有与搜索匹配的预设。</translation>
    </message>
    <message>
        <source>Ne&amp;w preset</source>
        <translation>新建预设(&amp;W)</translation>
    </message>
    <message>
        <source>New preset</source>
        <translation>新建预设</translation>
    </message>
    <message>
        <source>Start a new preset (Ctrl+N)</source>
        <translation>新建一个预设（Ctrl+N）</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <source>Import presets from a file</source>
        <translation>从文件导入预设</translation>
    </message>
    <message>
        <source>E&amp;xport</source>
        <translation>导出(&amp;X)</translation>
    </message>
    <message>
        <source>Export presets to a file</source>
        <translation>将预设导出到文件</translation>
    </message>
    <message>
        <source>This preset…</source>
        <translation>此预设…</translation>
    </message>
    <message>
        <source>All my presets…</source>
        <translation>我的全部预设…</translation>
    </message>
    <message>
        <source>%1 built-in · %2 yours</source>
        <translation>%1 个内置 · %2 个你的</translation>
    </message>
</context>
<context>
    <name>PreviewLauncher</name>
    <message>
        <source>To preview a preset, open a bucket in Files and select the file to try it on, then choose Preview again.</source>
        <translation>要预览预设，请先在“文件”中打开一个存储空间并选中要试用的文件，然后再次选择“预览”。</translation>
    </message>
</context>
</TS>
