<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>problems</name>
    <message>
        <source>the bucket has no download domain</source>
        <translation>该空间没有下载域名</translation>
    </message>
    <message>
        <source>'{key}' is not a valid parameter name</source>
        <translation>“{key}”不是有效的参数名</translation>
    </message>
    <message>
        <source>'{name}' is a built-in preset and cannot be deleted</source>
        <translation>“{name}”是内置预设，不能删除</translation>
    </message>
    <message>
        <source>A bucket name cannot contain ':'</source>
        <translation>空间名称不能包含“:”</translation>
    </message>
    <message>
        <source>A preset named '{name}' already exists</source>
        <translation>已有名为“{name}”的预设</translation>
    </message>
    <message>
        <source>A preset needs at least one command</source>
        <translation>预设至少需要一条命令</translation>
    </message>
    <message>
        <source>A segment domain cannot be used with relative URLs</source>
        <translation>使用相对地址时不能设置分片域名</translation>
    </message>
    <message>
        <source>Add at least one more file to join</source>
        <translation>请至少再添加一个要拼接的文件</translation>
    </message>
    <message>
        <source>An encryption key URL needs an encryption key</source>
        <translation>设置密钥地址时必须同时设置加密密钥</translation>
    </message>
    <message>
        <source>Aspect ratio must look like 16:9</source>
        <translation>宽高比的格式应类似 16:9</translation>
    </message>
    <message>
        <source>At most {max} more files can be joined (you gave {count})</source>
        <translation>最多只能再拼接 {max} 个文件（当前为 {count} 个）</translation>
    </message>
    <message>
        <source>Audio quality for {codec} must be between {min} and {max}</source>
        <translation>{codec} 的音频质量必须在 {min} 到 {max} 之间</translation>
    </message>
    <message>
        <source>Audio quality must be between {min} and {max}</source>
        <translation>音频质量必须在 {min} 到 {max} 之间</translation>
    </message>
    <message>
        <source>Choose at least one preset</source>
        <translation>请至少选择一个预设</translation>
    </message>
    <message>
        <source>Choose the bucket to save the result in</source>
        <translation>请选择保存结果的空间</translation>
    </message>
    <message>
        <source>Choose the bucket to save the results in</source>
        <translation>请选择保存结果的空间</translation>
    </message>
    <message>
        <source>Choose the output format, e.g. mp4</source>
        <translation>请选择输出格式，例如 mp4</translation>
    </message>
    <message>
        <source>Choose the time of the frame (offset in seconds)</source>
        <translation>请选择截帧的时间点（以秒为单位的偏移）</translation>
    </message>
    <message>
        <source>Could not check whether {key} already exists in {bucket}: {reason}</source>
        <translation>无法检查空间 {bucket} 中是否已有 {key}：{reason}</translation>
    </message>
    <message>
        <source>Could not read {path}: {error}</source>
        <translation>无法读取 {path}：{error}</translation>
    </message>
    <message>
        <source>Could not write {path}: {error}</source>
        <translation>无法写入 {path}：{error}</translation>
    </message>
    <message>
        <source>Duration must be more than 0</source>
        <translation>时长必须大于 0</translation>
    </message>
    <message>
        <source>Each file to join must be a full URL, like http://…</source>
        <translation>每个要拼接的文件都必须是完整的网址，例如 http://…</translation>
    </message>
    <message>
        <source>Encryption key must be {size} bytes, written in URL-safe base64</source>
        <translation>加密密钥必须为 {size} 字节，并以 URL 安全的 Base64 编码书写</translation>
    </message>
    <message>
        <source>Encryption key type must be 0 or 1.x (e.g. 1.0)</source>
        <translation>密钥类型必须是 0 或 1.x（例如 1.0）</translation>
    </message>
    <message>
        <source>Format must not be empty or contain spaces, '/', '|' or ';'</source>
        <translation>格式不能为空，也不能包含空格、“/”、“|”或“;”</translation>
    </message>
    <message>
        <source>Frame rate must be more than 0</source>
        <translation>帧率必须大于 0</translation>
    </message>
    <message>
        <source>Give either an interval or a number of pictures, not both</source>
        <translation>间隔和图片数量只能设置其中一个</translation>
    </message>
    <message>
        <source>Give either pattern or savePattern, not both</source>
        <translation>pattern 和 savePattern 只能设置其中一个</translation>
    </message>
    <message>
        <source>Give the preset a name</source>
        <translation>请为预设命名</translation>
    </message>
    <message>
        <source>H.264 level must look like 3.1 or 4</source>
        <translation>H.264 级别的格式应类似 3.1 或 4</translation>
    </message>
    <message>
        <source>H.264 profile must be baseline, main or high</source>
        <translation>H.264 配置必须是 baseline、main 或 high</translation>
    </message>
    <message>
        <source>HLS options need the format m3u8</source>
        <translation>HLS 选项要求输出格式为 m3u8</translation>
    </message>
    <message>
        <source>Height must be between {min} and {max} pixels</source>
        <translation>高度必须在 {min} 到 {max} 像素之间</translation>
    </message>
    <message>
        <source>Interval must be more than 0</source>
        <translation>间隔必须大于 0</translation>
    </message>
    <message>
        <source>Join without re-encoding cannot add silent audio</source>
        <translation>不重新编码的拼接无法添加静音音轨</translation>
    </message>
    <message>
        <source>Join without re-encoding cannot change the size</source>
        <translation>不重新编码的拼接无法改变尺寸</translation>
    </message>
    <message>
        <source>Number of pictures must be more than 0</source>
        <translation>图片数量必须大于 0</translation>
    </message>
    <message>
        <source>Parameter '{key}' is given twice</source>
        <translation>参数“{key}”重复出现</translation>
    </message>
    <message>
        <source>Position of the source file must be between 1 and {max}</source>
        <translation>源文件的位置必须在 1 到 {max} 之间</translation>
    </message>
    <message>
        <source>Preset commands must not contain saveas; the output name template decides where results go</source>
        <translation>预设命令中不能包含 saveas；结果保存位置由输出文件名模板决定</translation>
    </message>
    <message>
        <source>Set crf or h264Crf, not both</source>
        <translation>crf 和 h264Crf 只能设置其中一个</translation>
    </message>
    <message>
        <source>Set either a quality (CRF) or a video bitrate, not both</source>
        <translation>质量（CRF）和视频码率只能设置其中一个</translation>
    </message>
    <message>
        <source>Set either an audio quality or an audio bitrate, not both</source>
        <translation>音频质量和音频码率只能设置其中一个</translation>
    </message>
    <message>
        <source>Size must be width x height, like {example}, not '{value}'</source>
        <translation>尺寸必须写成“宽x高”，例如 {example}，而不是“{value}”</translation>
    </message>
    <message>
        <source>The aac_he profile needs the audio codec libfdk_aac</source>
        <translation>aac_he 配置需要使用音频编码器 libfdk_aac</translation>
    </message>
    <message>
        <source>The file name pattern must contain {variable} (it numbers the files)</source>
        <translation>文件名格式必须包含 {variable}（用于给文件编号）</translation>
    </message>
    <message>
        <source>The file name is empty</source>
        <translation>文件名为空</translation>
    </message>
    <message>
        <source>The file name {key} contains bytes that are not valid UTF-8 text; rename the file</source>
        <translation>文件名 {key} 含有不是有效 UTF-8 文本的字节，请给文件改名</translation>
    </message>
    <message>
        <source>The file name {key} is only dots, so no download link can name it; rename the file</source>
        <translation>文件名 {key} 只由点组成，无法为它生成下载链接，请给文件改名</translation>
    </message>
    <message>
        <source>The file name {key} is {size} bytes long; the limit is {max} bytes</source>
        <translation>文件名 {key} 长 {size} 字节，上限为 {max} 字节</translation>
    </message>
    <message>
        <source>The output file name is empty</source>
        <translation>输出文件名为空</translation>
    </message>
    <message>
        <source>The output file name is longer than {max} bytes</source>
        <translation>输出文件名超过 {max} 字节</translation>
    </message>
    <message>
        <source>The output name has an unmatched '{{' or '}}'</source>
        <translation>输出文件名中有不配对的“{{”或“}}”</translation>
    </message>
    <message>
        <source>The output name is empty</source>
        <translation>输出文件名为空</translation>
    </message>
    <message>
        <source>The output name template is empty</source>
        <translation>输出文件名模板为空</translation>
    </message>
    <message>
        <source>The output name {key} ends with '/', so it has no file name</source>
        <translation>输出文件名 {key} 以“/”结尾，缺少文件名</translation>
    </message>
    <message>
        <source>The output name {key} is the source file itself; it would be overwritten</source>
        <translation>输出文件名 {key} 就是源文件本身，会被覆盖</translation>
    </message>
    <message>
        <source>The picture size of {key} could not be read ({reason}); it is converted as set</source>
        <translation>无法读取 {key} 的画面尺寸（{reason}），将按设置转码</translation>
    </message>
    <message>
        <source>The preset file</source>
        <translation>预设文件</translation>
    </message>
    <message>
        <source>The source file name is empty</source>
        <translation>源文件名为空</translation>
    </message>
    <message>
        <source>The value of '{key}' must not be empty or contain spaces, '/', '|' or ';'</source>
        <translation>“{key}”的值不能为空，也不能包含空格、“/”、“|”或“;”</translation>
    </message>
    <message>
        <source>There is no preset named '{name}'</source>
        <translation>没有名为“{name}”的预设</translation>
    </message>
    <message>
        <source>Two outputs would both be saved as {key} ({first} and {second}); add {{preset}} or {{ext}} to the output name</source>
        <translation>两个输出都会保存为 {key}（{first} 和 {second}）；请在输出文件名中加入 {{preset}} 或 {{ext}}</translation>
    </message>
    <message>
        <source>Unknown token {token} in the output name; use {tokens}</source>
        <translation>输出文件名中有未知变量 {token}；可用变量：{tokens}</translation>
    </message>
    <message>
        <source>Watermark font, color, size and position need a text</source>
        <translation>设置水印字体、颜色、字号和位置前，请先填写水印文字</translation>
    </message>
    <message>
        <source>Watermark position and offsets need a watermark image</source>
        <translation>设置水印位置和偏移前，请先指定水印图片</translation>
    </message>
    <message>
        <source>Width must be between {min} and {max} pixels</source>
        <translation>宽度必须在 {min} 到 {max} 像素之间</translation>
    </message>
    <message>
        <source>vsample needs a picture name pattern containing $(count)</source>
        <translation>vsample 需要一个包含 $(count) 的图片名格式</translation>
    </message>
    <message>
        <source>{first} and {second} would both be saved as {key}; the later one would replace the other. Add {{name}} or {{dir}} to the output name</source>
        <translation>{first} 和 {second} 都会保存为 {key}，后完成的会覆盖另一个。请在输出文件名中加入 {{name}} 或 {{dir}}</translation>
    </message>
    <message>
        <source>{key} already exists in {bucket} ({size} bytes); the result for {file} would replace it</source>
        <translation>空间 {bucket} 中已有 {key}（{size} 字节），{file} 的处理结果会覆盖它</translation>
    </message>
    <message>
        <source>{key} is a picture; {operation} needs a video</source>
        <translation>{key} 是图片，{operation} 需要视频</translation>
    </message>
    <message>
        <source>{key} is a picture; {operation} needs a video or audio file</source>
        <translation>{key} 是图片，{operation} 需要视频或音频文件</translation>
    </message>
    <message>
        <source>{key} is an audio file, but this {operation} command drops the sound and keeps only the picture, so nothing would be left</source>
        <translation>{key} 是音频文件，而这条 {operation} 命令会去掉声音、只保留画面，结果将什么都不剩</translation>
    </message>
    <message>
        <source>{key} is an audio file; {operation} takes pictures from a video, so it needs a video</source>
        <translation>{key} 是音频文件；{operation} 从视频中截取画面，需要视频</translation>
    </message>
    <message>
        <source>{key} is not a video or audio file, so {operation} cannot process it</source>
        <translation>{key} 不是视频或音频文件，{operation} 无法处理它</translation>
    </message>
    <message>
        <source>{key} is only {width}×{height}, smaller than {target}; it is converted at its own size instead of being enlarged</source>
        <translation>{key} 只有 {width}×{height}，小于 {target}；将按原尺寸转码，不会放大</translation>
    </message>
    <message>
        <source>{key} is only {width}×{height}, smaller than {target}; this output is skipped so the video is not enlarged</source>
        <translation>{key} 只有 {width}×{height}，小于 {target}；为避免放大视频，跳过这个输出</translation>
    </message>
    <message>
        <source>{label} must be a number</source>
        <translation>{label}必须是数字</translation>
    </message>
    <message>
        <source>{label} must be between {min} and {max}</source>
        <translation>{label}必须在 {min} 到 {max} 之间</translation>
    </message>
    <message>
        <source>{label} must be between {min} and {max} {unit}</source>
        <translation>{label}必须在 {min} 到 {max} {unit}之间</translation>
    </message>
    <message>
        <source>{label} must be more than 0</source>
        <translation>{label}必须大于 0</translation>
    </message>
    <message>
        <source>{label} must look like 128k, 1.25m or a plain number, not '{value}'</source>
        <translation>{label}的格式应类似 128k、1.25m 或纯数字，而不是“{value}”</translation>
    </message>
    <message>
        <source>{label} must not be empty</source>
        <translation>{label}不能为空</translation>
    </message>
    <message>
        <source>{label} must not be empty or contain spaces, '/', '|' or ';'</source>
        <translation>{label}不能为空，也不能包含空格、“/”、“|”或“;”</translation>
    </message>
    <message>
        <source>{label} must not be negative</source>
        <translation>{label}不能为负数</translation>
    </message>
    <message>
        <source>{path} does not exist.</source>
        <translation>{path} 不存在。</translation>
    </message>
    <message>
        <source>{source} has an unknown format version ({version}).</source>
        <translation>{source}的格式版本未知（{version}）。</translation>
    </message>
    <message>
        <source>{source} has no valid version number.</source>
        <translation>{source}没有有效的版本号。</translation>
    </message>
    <message>
        <source>{source} has two presets named '{name}'.</source>
        <translation>{source}中有两个名为“{name}”的预设。</translation>
    </message>
    <message>
        <source>{source} is not a qfopgui preset file.</source>
        <translation>{source}不是 qfopgui 预设文件。</translation>
    </message>
    <message>
        <source>{source} is not valid JSON (line {line}).</source>
        <translation>{source}不是有效的 JSON（第 {line} 行）。</translation>
    </message>
    <message>
        <source>{source} was made by a newer qfopgui (format version {version}); this version reads format {supported}.</source>
        <translation>{source}由较新版本的 qfopgui 创建（格式版本 {version}）；当前版本只能读取格式 {supported}。</translation>
    </message>
    <message>
        <source>{source}, preset '{name}', command {number}: {error}</source>
        <translation>{source}，预设“{name}”，第 {number} 条命令：{error}</translation>
    </message>
    <message>
        <source>{source}, preset '{name}': 'commands' must be a list of command strings.</source>
        <translation>{source}，预设“{name}”：“commands”必须是命令字符串列表。</translation>
    </message>
    <message>
        <source>{source}, preset '{name}': template and description must be text.</source>
        <translation>{source}，预设“{name}”：模板和说明必须是文本。</translation>
    </message>
    <message>
        <source>{source}, preset '{name}': {problem}</source>
        <translation>{source}，预设“{name}”：{problem}</translation>
    </message>
    <message>
        <source>{source}, preset '{name}': 'never_upscale' must be one of {choices}.</source>
        <translation>{source}，预设“{name}”：“never_upscale”必须是以下之一：{choices}。</translation>
    </message>
    <message>
        <source>{source}, preset {number} has no name.</source>
        <translation>{source}，第 {number} 个预设没有名称。</translation>
    </message>
    <message>
        <source>{source}, preset {number} is not an object.</source>
        <translation>{source}，第 {number} 个预设不是对象。</translation>
    </message>
    <message>
        <source>{source}: 'presets' must be a list.</source>
        <translation>{source}：“presets”必须是列表。</translation>
    </message>
    <message>
        <source>A preset named “{name}” already exists. Choose another name.</source>
        <translation>已有名为“{name}”的预设，请换一个名称。</translation>
    </message>
    <message>
        <source>“{name}” is the name of a built-in preset. Choose another name.</source>
        <translation>“{name}”是内置预设的名称，请换一个名称。</translation>
    </message>
    <message>
        <source>There is no preset named “{name}”.</source>
        <translation>没有名为“{name}”的预设。</translation>
    </message>
    <message>
        <source>“{name}” is a built-in preset and cannot be changed. Duplicate it to get a copy you can edit.</source>
        <translation>“{name}”是内置预设，不能修改。复制一份即可得到可编辑的副本。</translation>
    </message>
    <message>
        <source>“{name}” is a built-in preset and cannot be deleted.</source>
        <translation>“{name}”是内置预设，不能删除。</translation>
    </message>
    <message>
        <source>The preset “{name}” cannot be saved: {problem}</source>
        <translation>预设“{name}”无法保存：{problem}</translation>
    </message>
    <message>
        <source>Presets cannot be changed now: the preset library ({path}) was left untouched when the app started (see the message shown then). This change was not saved.</source>
        <translation>现在无法修改预设：应用启动时已让预设库（{path}）保持原样（请参见当时显示的消息）。此次修改未保存。</translation>
    </message>
    <message>
        <source>Choose what to do with the imported preset “{name}”: replace, keep both or skip.</source>
        <translation>请选择如何处理导入的预设“{name}”：替换、保留两者或跳过。</translation>
    </message>
    <message>
        <source>The preset library ({path}) could not be saved: {error}. Nothing was changed. Check that its folder is writable and the disk is not full.</source>
        <translation>预设库（{path}）未能保存：{error}。没有做任何更改。请检查其文件夹是否可写、磁盘是否已满。</translation>
    </message>
    <message>
        <source>The presets could not be exported to {path}: {error}. Choose another folder or file name.</source>
        <translation>预设未能导出到 {path}：{error}。请选择其他文件夹或文件名。</translation>
    </message>
    <message>
        <source>The file {path} does not exist. Nothing was imported.</source>
        <translation>文件 {path} 不存在。没有导入任何预设。</translation>
    </message>
    <message>
        <source>The file {path} could not be read: {error}. Nothing was imported.</source>
        <translation>无法读取文件 {path}：{error}。没有导入任何预设。</translation>
    </message>
    <message>
        <source>{path} was made by a newer qfopgui (format {version}; this version reads up to {supported}). Nothing was imported; update qfopgui to import it.</source>
        <translation>{path} 由更新版本的 qfopgui 创建（格式 {version}；此版本最高只能读取 {supported}）。没有导入任何预设；请更新 qfopgui 后再导入。</translation>
    </message>
    <message>
        <source>The preset library could not be read ({error}), so a new, empty one was started. The file was kept as {backup}; the presets in it are not shown.</source>
        <translation>预设库无法读取（{error}），因此已新建一个空的预设库。原文件已保留为 {backup}；其中的预设不会显示。</translation>
    </message>
    <message>
        <source>The preset library ({path}) was made by a newer qfopgui (format {version}; this version reads up to {supported}). It was left as it is: built-in presets can be used, but changes are not saved. Use the newer qfopgui, or move the file away to start a new library.</source>
        <translation>预设库（{path}）由更新版本的 qfopgui 创建（格式 {version}；此版本最高只能读取 {supported}）。该文件保持原样：可以使用内置预设，但修改不会保存。请使用更新版本的 qfopgui，或将该文件移走以新建预设库。</translation>
    </message>
    <message>
        <source>The preset library ({path}) could not be read ({error}). It was left as it is: built-in presets can be used, but changes are not saved. Make the file readable, then restart the app.</source>
        <translation>无法读取预设库（{path}）（{error}）。该文件保持原样：可以使用内置预设，但修改不会保存。请让该文件可读，然后重新启动应用。</translation>
    </message>
    <message>
        <source>The preset library ({path}) is damaged ({error}) and could not be moved aside ({move_error}). It was left as it is: built-in presets can be used, but changes are not saved. Move the file away, then restart the app.</source>
        <translation>预设库（{path}）已损坏（{error}），且无法移到一旁（{move_error}）。该文件保持原样：可以使用内置预设，但修改不会保存。请将该文件移走，然后重新启动应用。</translation>
    </message>
    <message>
        <source>Some of your presets have the same name as a built-in preset of this version, so they were renamed: {names}.</source>
        <translation>你的部分预设与此版本的内置预设同名，已重命名：{names}。</translation>
    </message>
    <message>
        <source>'{key}' is not a field of this form</source>
        <translation>“{key}”不是此表单中的字段</translation>
    </message>
    <message>
        <source>'{kind}' is not a kind of command the form can edit</source>
        <translation>表单无法编辑“{kind}”类型的命令</translation>
    </message>
    <message>
        <source>Choose a {label}</source>
        <translation>请选择{label}</translation>
    </message>
    <message>
        <source>Command {number} could not be read: {error}</source>
        <translation>无法读取第 {number} 条命令：{error}</translation>
    </message>
    <message>
        <source>Could not find the fops argument in the qshell command line; paste the fops part instead</source>
        <translation>在 qshell 命令行中找不到处理命令（fops）参数；请只粘贴 fops 部分</translation>
    </message>
    <message>
        <source>Enter a {label} like 1280x720 for a custom resolution</source>
        <translation>自定义分辨率需要填写{label}，例如 1280x720</translation>
    </message>
    <message>
        <source>Only qshell pfop command lines can be read; paste the fops part instead</source>
        <translation>只能读取 qshell pfop 命令行；请只粘贴 fops 部分</translation>
    </message>
    <message>
        <source>Paste a command such as avthumb/mp4/vb/1m</source>
        <translation>请粘贴一条命令，例如 avthumb/mp4/vb/1m</translation>
    </message>
    <message>
        <source>Set either {label} or {other_label}, not both</source>
        <translation>{label}和{other_label}只能设置其中一个</translation>
    </message>
    <message>
        <source>The address has no processing command after '?', like ?vframe/jpg/offset/1</source>
        <translation>地址中“?”后面没有处理命令，应类似 ?vframe/jpg/offset/1</translation>
    </message>
    <message>
        <source>The form cannot show these parameters, so saving from the form leaves them out: {keys}</source>
        <translation>表单无法显示以下参数，从表单保存时将不包含它们：{keys}</translation>
    </message>
    <message>
        <source>The qshell command line has an unclosed quote; check the quotes</source>
        <translation>qshell 命令行中有未闭合的引号，请检查引号</translation>
    </message>
    <message>
        <source>The saveas step was left out: a preset does not say where results are saved, its output name template does</source>
        <translation>已忽略 saveas 步骤：预设不指定结果保存位置，由输出文件名模板决定</translation>
    </message>
    <message>
        <source>{label} must be a whole number</source>
        <translation>{label}必须是整数</translation>
    </message>
    <message>
        <source>{label} must be on or off</source>
        <translation>{label}只能是开或关</translation>
    </message>
    <message>
        <source>{label} must be one of {allowed}, not '{value}'</source>
        <translation>{label}必须是 {allowed} 之一，而不是“{value}”</translation>
    </message>
    <message>
        <source>{label} must be text</source>
        <translation>{label}必须是文本</translation>
    </message>
    <message>
        <source>{label} {value} does not match the chosen resolution; choose Custom size to use it</source>
        <translation>{label} {value} 与所选分辨率不一致；如要使用它，请选择“自定义尺寸”</translation>
    </message>
    <message>
        <source>{operation} commands cannot be edited in the preset form</source>
        <translation>预设表单无法编辑 {operation} 命令</translation>
    </message>
    <message>
        <source>Aliyun OSS can only turn video automatically (from the source's rotation tag), not by a fixed angle</source>
        <translation>阿里云 OSS 只能按源视频的旋转标记自动旋转视频，不能按固定角度旋转</translation>
    </message>
    <message>
        <source>Aliyun OSS cannot add a picture watermark during conversion</source>
        <translation>阿里云 OSS 转码时不能添加图片水印</translation>
    </message>
    <message>
        <source>Aliyun OSS cannot add a text watermark during conversion</source>
        <translation>阿里云 OSS 转码时不能添加文字水印</translation>
    </message>
    <message>
        <source>Aliyun OSS cannot convert to {format}; choose one of {formats}</source>
        <translation>阿里云 OSS 不能转换为 {format}；请选择以下格式之一：{formats}</translation>
    </message>
    <message>
        <source>Aliyun OSS cannot drop the audio track during conversion</source>
        <translation>阿里云 OSS 转码时不能去掉音轨</translation>
    </message>
    <message>
        <source>Aliyun OSS cannot encode audio as {codec}; choose one of {codecs}</source>
        <translation>阿里云 OSS 不能用 {codec} 编码音频；请选择以下编码之一：{codecs}</translation>
    </message>
    <message>
        <source>Aliyun OSS cannot encode video as {codec}; choose one of {codecs}</source>
        <translation>阿里云 OSS 不能用 {codec} 编码视频；请选择以下编码之一：{codecs}</translation>
    </message>
    <message>
        <source>Aliyun OSS conversion cannot add subtitles</source>
        <translation>阿里云 OSS 转码不能添加字幕</translation>
    </message>
    <message>
        <source>Aliyun OSS conversion cannot remove metadata</source>
        <translation>阿里云 OSS 转码不能去除元数据</translation>
    </message>
    <message>
        <source>Aliyun OSS conversion has no H.264 profile or level setting</source>
        <translation>阿里云 OSS 转码没有 H.264 档次（profile）或级别（level）设置</translation>
    </message>
    <message>
        <source>Aliyun OSS conversion has no MP3 Xing header setting</source>
        <translation>阿里云 OSS 转码没有 MP3 Xing 头设置</translation>
    </message>
    <message>
        <source>Aliyun OSS conversion has no audio profile</source>
        <translation>阿里云 OSS 转码没有音频档次（profile）设置</translation>
    </message>
    <message>
        <source>Aliyun OSS conversion has no display aspect ratio setting</source>
        <translation>阿里云 OSS 转码没有显示宽高比设置</translation>
    </message>
    <message>
        <source>Aliyun OSS has no asynchronous command like {operation}</source>
        <translation>阿里云 OSS 没有类似 {operation} 的异步处理命令</translation>
    </message>
    <message>
        <source>Aliyun OSS has no audio quality (VBR) setting; set an audio bitrate instead</source>
        <translation>阿里云 OSS 没有音频质量（VBR）设置；请改为设置音频码率</translation>
    </message>
    <message>
        <source>Aliyun OSS has no parameter for '{key}'; remove it for Aliyun OSS</source>
        <translation>阿里云 OSS 没有“{key}”参数；用于阿里云 OSS 时请删除它</translation>
    </message>
    <message>
        <source>Aliyun OSS needs an interval or a number of pictures for snapshots</source>
        <translation>阿里云 OSS 截图需要设置间隔或图片数量</translation>
    </message>
    <message>
        <source>Aliyun OSS numbers the pictures itself, adding a suffix such as _0_1 to the output name</source>
        <translation>阿里云 OSS 会自行为图片编号，在输出文件名后加上 _0_1 这样的后缀</translation>
    </message>
    <message>
        <source>Aliyun OSS snapshots cannot rotate the picture</source>
        <translation>阿里云 OSS 截图不能旋转图片</translation>
    </message>
    <message>
        <source>Aliyun OSS video conversion cannot make HLS (m3u8) streams</source>
        <translation>阿里云 OSS 视频转码不能生成 HLS（m3u8）流</translation>
    </message>
    <message>
        <source>Sample rate on Aliyun OSS must be one of {rates} Hz</source>
        <translation>阿里云 OSS 的采样率必须是 {rates} Hz 之一</translation>
    </message>
    <message>
        <source>The output name is longer than {max} bytes</source>
        <translation>输出文件名超过 {max} 字节</translation>
    </message>
    <message>
        <source>The output name {key} starts with '/' or '\', which Aliyun OSS refuses</source>
        <translation>输出文件名 {key} 以“/”或“\”开头，阿里云 OSS 不接受</translation>
    </message>
    <message>
        <source>To drop the video on Aliyun OSS, choose an audio format such as mp3 or m4a</source>
        <translation>要在阿里云 OSS 上去掉视频，请选择 mp3 或 m4a 等音频格式</translation>
    </message>
    <message>
        <source>qfopgui cannot send a concatenation to Aliyun OSS yet</source>
        <translation>qfopgui 暂时不能向阿里云 OSS 发送拼接任务</translation>
    </message>
    <message>
        <source>{bucket} is not an Aliyun OSS bucket name: use 3 to 63 lowercase letters, digits and hyphens, starting and ending with a letter or digit</source>
        <translation>{bucket} 不是有效的阿里云 OSS 存储空间名称：请使用 3 到 63 个小写字母、数字和连字符，并以字母或数字开头和结尾</translation>
    </message>
    <message>
        <source>{label} does not apply to audio output on Aliyun OSS</source>
        <translation>在阿里云 OSS 上，{label}不适用于纯音频输出</translation>
    </message>
    <message>
        <source>{label} must be between {min} and {max} on Aliyun OSS</source>
        <translation>在阿里云 OSS 上，{label}必须在 {min} 到 {max} 之间</translation>
    </message>
    <message>
        <source>{label} must be between {min} and {max} {unit} on Aliyun OSS</source>
        <translation>在阿里云 OSS 上，{label}必须在 {min} 到 {max} {unit}之间</translation>
    </message>
</context>
<context>
    <name>fop_params</name>
    <message>
        <source>Add silent audio</source>
        <translation>添加静音音轨</translation>
    </message>
    <message>
        <source>Audio bitrate</source>
        <translation>音频码率</translation>
    </message>
    <message>
        <source>Audio channels</source>
        <translation>声道数</translation>
    </message>
    <message>
        <source>Audio codec</source>
        <translation>音频编码器</translation>
    </message>
    <message>
        <source>Audio profile</source>
        <translation>音频配置</translation>
    </message>
    <message>
        <source>Audio quality</source>
        <translation>音频质量</translation>
    </message>
    <message>
        <source>Display aspect ratio</source>
        <translation>显示宽高比</translation>
    </message>
    <message>
        <source>Drop audio</source>
        <translation>去除音频</translation>
    </message>
    <message>
        <source>Drop subtitles</source>
        <translation>去除字幕</translation>
    </message>
    <message>
        <source>Drop video</source>
        <translation>去除视频</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Encryption key</source>
        <translation>加密密钥</translation>
    </message>
    <message>
        <source>Encryption key URL</source>
        <translation>密钥地址</translation>
    </message>
    <message>
        <source>Encryption key type</source>
        <translation>密钥类型</translation>
    </message>
    <message>
        <source>First segment length</source>
        <translation>首个分片时长</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Frame rate</source>
        <translation>帧率</translation>
    </message>
    <message>
        <source>H.264 level</source>
        <translation>H.264 级别</translation>
    </message>
    <message>
        <source>H.264 profile</source>
        <translation>H.264 配置</translation>
    </message>
    <message>
        <source>HLS preset</source>
        <translation>HLS 预设</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>高度</translation>
    </message>
    <message>
        <source>Hz</source>
        <translation>Hz</translation>
    </message>
    <message>
        <source>Interval</source>
        <translation>间隔</translation>
    </message>
    <message>
        <source>Join mode</source>
        <translation>拼接方式</translation>
    </message>
    <message>
        <source>Keep aspect ratio</source>
        <translation>保持宽高比</translation>
    </message>
    <message>
        <source>Keyframe interval</source>
        <translation>关键帧间隔</translation>
    </message>
    <message>
        <source>Maximum bitrate</source>
        <translation>最大码率</translation>
    </message>
    <message>
        <source>Number of pictures</source>
        <translation>图片数量</translation>
    </message>
    <message>
        <source>Picture format</source>
        <translation>图片格式</translation>
    </message>
    <message>
        <source>Picture name pattern</source>
        <translation>图片名格式</translation>
    </message>
    <message>
        <source>Position of the source file</source>
        <translation>源文件的位置</translation>
    </message>
    <message>
        <source>Quality (CRF)</source>
        <translation>质量（CRF）</translation>
    </message>
    <message>
        <source>Quality (H.264 CRF)</source>
        <translation>质量（H.264 CRF）</translation>
    </message>
    <message>
        <source>Relative segment URLs</source>
        <translation>分片使用相对地址</translation>
    </message>
    <message>
        <source>Remove metadata</source>
        <translation>移除元数据</translation>
    </message>
    <message>
        <source>Rotation</source>
        <translation>旋转</translation>
    </message>
    <message>
        <source>Sample rate</source>
        <translation>采样率</translation>
    </message>
    <message>
        <source>Segment domain</source>
        <translation>分片域名</translation>
    </message>
    <message>
        <source>Segment length</source>
        <translation>分片时长</translation>
    </message>
    <message>
        <source>Segment name pattern</source>
        <translation>分片名格式</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <source>Start time</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Subtitle codec</source>
        <translation>字幕编码器</translation>
    </message>
    <message>
        <source>Subtitle file URL</source>
        <translation>字幕文件地址</translation>
    </message>
    <message>
        <source>Time of the frame</source>
        <translation>截帧时间</translation>
    </message>
    <message>
        <source>Video bitrate</source>
        <translation>视频码率</translation>
    </message>
    <message>
        <source>Video codec</source>
        <translation>视频编码器</translation>
    </message>
    <message>
        <source>Watermark font</source>
        <translation>水印字体</translation>
    </message>
    <message>
        <source>Watermark font color</source>
        <translation>水印文字颜色</translation>
    </message>
    <message>
        <source>Watermark font size</source>
        <translation>水印字号</translation>
    </message>
    <message>
        <source>Watermark horizontal offset</source>
        <translation>水印水平偏移</translation>
    </message>
    <message>
        <source>Watermark image URL</source>
        <translation>水印图片地址</translation>
    </message>
    <message>
        <source>Watermark image position</source>
        <translation>水印图片位置</translation>
    </message>
    <message>
        <source>Watermark text</source>
        <translation>水印文字</translation>
    </message>
    <message>
        <source>Watermark text position</source>
        <translation>水印文字位置</translation>
    </message>
    <message>
        <source>Watermark vertical offset</source>
        <translation>水印垂直偏移</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>宽度</translation>
    </message>
    <message>
        <source>Write MP3 Xing header</source>
        <translation>写入 MP3 Xing 头</translation>
    </message>
    <message>
        <source>frames</source>
        <translation>帧</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <source>0 for a plain key, or 1.x when the key is encrypted with Qiniu's public key.</source>
        <translation>明文密钥填 0；密钥已用七牛公钥加密时填 1.x。</translation>
    </message>
    <message>
        <source>1080p Full HD (1920×1080)</source>
        <translation>1080p 全高清（1920×1080）</translation>
    </message>
    <message>
        <source>480p SD (854×480)</source>
        <translation>480p 标清（854×480）</translation>
    </message>
    <message>
        <source>4K Ultra HD (3840×2160)</source>
        <translation>4K 超高清（3840×2160）</translation>
    </message>
    <message>
        <source>720p HD (1280×720)</source>
        <translation>720p 高清（1280×720）</translation>
    </message>
    <message>
        <source>90° clockwise</source>
        <translation>顺时针 90°</translation>
    </message>
    <message>
        <source>90° counter-clockwise</source>
        <translation>逆时针 90°</translation>
    </message>
    <message>
        <source>A 16-byte AES key in URL-safe base64 to encrypt the segments; leave empty for none.</source>
        <translation>用于加密分片的 16 字节 AES 密钥（URL 安全的 base64）；留空表示不加密。</translation>
    </message>
    <message>
        <source>A common picture size, or Custom size to type your own.</source>
        <translation>常用画面尺寸，或选择“自定义尺寸”自行填写。</translation>
    </message>
    <message>
        <source>A different length for the first segment only, so playback starts sooner.</source>
        <translation>仅为第一个分片设置不同的时长，让播放更快开始。</translation>
    </message>
    <message>
        <source>AAC (aac)</source>
        <translation>AAC（aac）</translation>
    </message>
    <message>
        <source>AAC audio</source>
        <translation>AAC 音频</translation>
    </message>
    <message>
        <source>AAC, Fraunhofer encoder (libfdk_aac)</source>
        <translation>AAC，Fraunhofer 编码器（libfdk_aac）</translation>
    </message>
    <message>
        <source>Address of a picture to put over the video, such as a logo.</source>
        <translation>叠加在视频上的图片地址，例如台标。</translation>
    </message>
    <message>
        <source>Animated GIF</source>
        <translation>GIF 动图</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>音频</translation>
    </message>
    <message>
        <source>Bottom center</source>
        <translation>底部居中</translation>
    </message>
    <message>
        <source>Bottom left</source>
        <translation>左下角</translation>
    </message>
    <message>
        <source>Bottom right</source>
        <translation>右下角</translation>
    </message>
    <message>
        <source>Center</source>
        <translation>正中</translation>
    </message>
    <message>
        <source>Clip</source>
        <translation>截取</translation>
    </message>
    <message>
        <source>Constant quality instead of a fixed bitrate: lower numbers look better and make bigger files.</source>
        <translation>用恒定质量代替固定码率：数值越小画质越好，文件也越大。</translation>
    </message>
    <message>
        <source>Container</source>
        <translation>封装格式</translation>
    </message>
    <message>
        <source>Custom size</source>
        <translation>自定义尺寸</translation>
    </message>
    <message>
        <source>FLV video</source>
        <translation>FLV 视频</translation>
    </message>
    <message>
        <source>File names of the pictures; $(count) is replaced by the picture's number.</source>
        <translation>图片的文件名；$(count) 会被替换为图片序号。</translation>
    </message>
    <message>
        <source>Fit the video inside the size without stretching it, so nothing looks squashed.</source>
        <translation>按比例缩放到该尺寸以内，不拉伸画面，避免变形。</translation>
    </message>
    <message>
        <source>Follow the video's rotation tag</source>
        <translation>按视频的旋转标记</translation>
    </message>
    <message>
        <source>H.264 (libx264)</source>
        <translation>H.264（libx264）</translation>
    </message>
    <message>
        <source>H.265 / HEVC (libx265)</source>
        <translation>H.265 / HEVC（libx265）</translation>
    </message>
    <message>
        <source>HLS</source>
        <translation>HLS 切片</translation>
    </message>
    <message>
        <source>HLS stream (m3u8)</source>
        <translation>HLS 流（m3u8）</translation>
    </message>
    <message>
        <source>How far the watermark picture moves down, in pixels.</source>
        <translation>水印图片向下移动的距离，单位为像素。</translation>
    </message>
    <message>
        <source>How far the watermark picture moves to the right, in pixels.</source>
        <translation>水印图片向右移动的距离，单位为像素。</translation>
    </message>
    <message>
        <source>How long each HLS segment is, in seconds (10 if left empty).</source>
        <translation>每个 HLS 分片的时长，单位为秒（留空为 10）。</translation>
    </message>
    <message>
        <source>How long the result is, in seconds; leave empty to go to the end.</source>
        <translation>结果的时长，单位为秒；留空表示一直到结尾。</translation>
    </message>
    <message>
        <source>How many frames may pass between two full pictures; 0 lets the encoder decide.</source>
        <translation>两个关键帧之间最多间隔的帧数；0 表示由编码器决定。</translation>
    </message>
    <message>
        <source>How many pictures per second the video shows, for example 25 or 30.</source>
        <translation>视频每秒显示的画面数，例如 25 或 30。</translation>
    </message>
    <message>
        <source>How many pictures to take, spread over the time range.</source>
        <translation>在时间范围内均匀截取的图片数量。</translation>
    </message>
    <message>
        <source>How many seconds of video to take pictures from.</source>
        <translation>从多少秒长的视频中截图。</translation>
    </message>
    <message>
        <source>How many sound samples per second, for example 44100 or 48000.</source>
        <translation>每秒的声音采样数，例如 44100 或 48000。</translation>
    </message>
    <message>
        <source>How much data per second the picture may use, like 2m or 800k; more looks better but makes bigger files.</source>
        <translation>画面每秒可用的数据量，例如 2m 或 800k；越大画质越好，文件也越大。</translation>
    </message>
    <message>
        <source>How much data per second the sound may use, like 128k; more sounds better.</source>
        <translation>声音每秒可用的数据量，例如 128k；越大音质越好。</translation>
    </message>
    <message>
        <source>How the picture is compressed; H.264 plays almost everywhere.</source>
        <translation>画面的压缩方式；H.264 几乎在所有设备上都能播放。</translation>
    </message>
    <message>
        <source>How the sound is compressed; AAC suits MP4 and MP3 suits MP3 files.</source>
        <translation>声音的压缩方式；MP4 适合 AAC，MP3 文件适合 MP3。</translation>
    </message>
    <message>
        <source>JPG makes smaller files; PNG keeps every detail.</source>
        <translation>JPG 文件更小；PNG 保留全部细节。</translation>
    </message>
    <message>
        <source>JPG picture</source>
        <translation>JPG 图片</translation>
    </message>
    <message>
        <source>Leave the picture out, for example to keep only the sound.</source>
        <translation>去掉画面，例如只保留声音。</translation>
    </message>
    <message>
        <source>Leave the sound out, for example for a silent clip.</source>
        <translation>去掉声音，例如制作无声片段。</translation>
    </message>
    <message>
        <source>M4A audio</source>
        <translation>M4A 音频</translation>
    </message>
    <message>
        <source>MP3 (libmp3lame)</source>
        <translation>MP3（libmp3lame）</translation>
    </message>
    <message>
        <source>MP3 audio</source>
        <translation>MP3 音频</translation>
    </message>
    <message>
        <source>MP4 video</source>
        <translation>MP4 视频</translation>
    </message>
    <message>
        <source>Middle left</source>
        <translation>左侧居中</translation>
    </message>
    <message>
        <source>Middle right</source>
        <translation>右侧居中</translation>
    </message>
    <message>
        <source>Mono (1 channel)</source>
        <translation>单声道（1 个声道）</translation>
    </message>
    <message>
        <source>Number of sound channels: 1 for mono, 2 for stereo.</source>
        <translation>声道数：1 为单声道，2 为立体声。</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>PNG picture</source>
        <translation>PNG 图片</translation>
    </message>
    <message>
        <source>Picture</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>Picture height in pixels; give only width or height to keep the proportions.</source>
        <translation>图片高度（像素）；只填宽度或高度可保持比例。</translation>
    </message>
    <message>
        <source>Picture size as width x height; leave one side empty to keep proportions.</source>
        <translation>图片尺寸，格式为 宽x高；一边留空可保持比例。</translation>
    </message>
    <message>
        <source>Picture width in pixels; give only width or height to keep the proportions.</source>
        <translation>图片宽度（像素）；只填宽度或高度可保持比例。</translation>
    </message>
    <message>
        <source>QuickTime video (mov)</source>
        <translation>QuickTime 视频（mov）</translation>
    </message>
    <message>
        <source>Remove the source's metadata (title, location, camera) from the result.</source>
        <translation>从结果中去掉源文件的元数据（标题、位置、相机等）。</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>分辨率</translation>
    </message>
    <message>
        <source>Same as the source</source>
        <translation>与源文件相同</translation>
    </message>
    <message>
        <source>Seconds between two pictures (5 if left empty).</source>
        <translation>两张图片之间间隔的秒数（留空为 5）。</translation>
    </message>
    <message>
        <source>Stereo (2 channels)</source>
        <translation>立体声（2 个声道）</translation>
    </message>
    <message>
        <source>The address players fetch the key from, written into the playlist.</source>
        <translation>播放器获取密钥的地址，会写入播放列表。</translation>
    </message>
    <message>
        <source>The color of the watermark text, as a name like red or a code like #FF0000.</source>
        <translation>水印文字的颜色，可用颜色名（如 red）或色值（如 #FF0000）。</translation>
    </message>
    <message>
        <source>The font of the watermark text; Chinese text needs a Chinese font.</source>
        <translation>水印文字的字体；中文文字需要使用中文字体。</translation>
    </message>
    <message>
        <source>The kind of file to make; choose HLS (m3u8) for streaming in segments.</source>
        <translation>要生成的文件类型；分片流式播放请选择 HLS（m3u8）。</translation>
    </message>
    <message>
        <source>The moment of the video to take the picture from, in seconds.</source>
        <translation>截取画面的时间点，单位为秒。</translation>
    </message>
    <message>
        <source>The picture size as width x height in pixels, for example 1280x720.</source>
        <translation>画面尺寸，格式为 宽x高（像素），例如 1280x720。</translation>
    </message>
    <message>
        <source>The size of the watermark text in twips (20 twips = 1 point); 0 means default.</source>
        <translation>水印文字大小，单位为缇（20 缇 = 1 磅）；0 表示默认大小。</translation>
    </message>
    <message>
        <source>Top center</source>
        <translation>顶部居中</translation>
    </message>
    <message>
        <source>Top left</source>
        <translation>左上角</translation>
    </message>
    <message>
        <source>Top right</source>
        <translation>右上角</translation>
    </message>
    <message>
        <source>Turn the picture; use the video's rotation tag to straighten phone recordings.</source>
        <translation>旋转画面；按视频的旋转标记可把手机拍摄的视频摆正。</translation>
    </message>
    <message>
        <source>Upside down (180°)</source>
        <translation>上下颠倒（180°）</translation>
    </message>
    <message>
        <source>VP8 (libvpx)</source>
        <translation>VP8（libvpx）</translation>
    </message>
    <message>
        <source>VP9 (libvpx-vp9)</source>
        <translation>VP9（libvpx-vp9）</translation>
    </message>
    <message>
        <source>Variable quality instead of a fixed audio bitrate: 0–9 for MP3 and 10–500 for AAC, lower is better.</source>
        <translation>用可变质量代替固定音频码率：MP3 为 0–9，AAC 为 10–500，数值越小越好。</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>视频</translation>
    </message>
    <message>
        <source>Vorbis (libvorbis)</source>
        <translation>Vorbis（libvorbis）</translation>
    </message>
    <message>
        <source>Watermark</source>
        <translation>水印</translation>
    </message>
    <message>
        <source>WebM video</source>
        <translation>WebM 视频</translation>
    </message>
    <message>
        <source>Where in the source the result starts, in seconds from the beginning.</source>
        <translation>结果从源文件的什么位置开始，单位为秒（从开头算起）。</translation>
    </message>
    <message>
        <source>Where in the video the pictures start, in seconds.</source>
        <translation>从视频的第几秒开始截图。</translation>
    </message>
    <message>
        <source>Which corner or edge of the video the watermark picture sits at.</source>
        <translation>水印图片位于视频的哪个角或哪条边。</translation>
    </message>
    <message>
        <source>Which corner or edge of the video the watermark text sits at.</source>
        <translation>水印文字位于视频的哪个角或哪条边。</translation>
    </message>
    <message>
        <source>Words to put over the video instead of a picture.</source>
        <translation>代替图片叠加在视频上的文字。</translation>
    </message>
    <message>
        <source>Write segment addresses without a domain, so the playlist works on any domain.</source>
        <translation>分片地址不带域名，使播放列表在任何域名下都能使用。</translation>
    </message>
    <message>
        <source>frames per second</source>
        <translation>帧/秒</translation>
    </message>
    <message>
        <source>pixels</source>
        <translation>像素</translation>
    </message>
</context>
<context>
    <name>failures</name>
    <message>
        <source>The request was accepted, but its answer named no job, so the job cannot be followed. Check the outputs, then use Retry to run it again.</source>
        <translation>请求已被接受，但应答中没有任务 ID，因此无法跟踪该任务。请检查输出，然后使用“重试”再次运行。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>A processing option is not valid</source>
        <translation>某个处理参数无效</translation>
    </message>
    <message>
        <source>HTTP {status}</source>
        <translation>HTTP {status}</translation>
    </message>
    <message>
        <source>Interrupted while submitting; submitted again as job #{new_id}.</source>
        <translation>提交时被中断；已重新提交为任务 #{new_id}。</translation>
    </message>
    <message>
        <source>Processing took too long on the server</source>
        <translation>服务器处理超时</translation>
    </message>
    <message>
        <source>The bucket does not exist</source>
        <translation>空间不存在</translation>
    </message>
    <message>
        <source>The job failed (the server gave no reason)</source>
        <translation>任务失败（服务器未说明原因）</translation>
    </message>
    <message>
        <source>The output could not be saved</source>
        <translation>无法保存输出文件</translation>
    </message>
    <message>
        <source>The output file already exists (submit with overwrite)</source>
        <translation>输出文件已存在（请勾选覆盖后重新提交）</translation>
    </message>
    <message>
        <source>The output name (saveas) is not valid</source>
        <translation>输出文件名（saveas）无效</translation>
    </message>
    <message>
        <source>The outputs were made, but the notification to the notify URL failed</source>
        <translation>输出文件已生成，但向回调地址发送通知失败</translation>
    </message>
    <message>
        <source>The requested codec is not supported</source>
        <translation>不支持所选的编码器</translation>
    </message>
    <message>
        <source>The requested format or option is not supported</source>
        <translation>不支持所选的格式或选项</translation>
    </message>
    <message>
        <source>The answer to the request was lost, so the job may or may not have been submitted. Check the output, then submit it again (it will overwrite) or discard it.</source>
        <translation>请求的应答丢失了，任务可能已提交，也可能没有。请先检查输出文件，然后重新提交（会覆盖）或放弃该任务。</translation>
    </message>
    <message>
        <source>The server ran out of memory processing this file</source>
        <translation>服务器处理此文件时内存不足</translation>
    </message>
    <message>
        <source>The source file does not exist (any more)</source>
        <translation>源文件不存在（可能已被删除）</translation>
    </message>
    <message>
        <source>The source file has no audio or video track</source>
        <translation>源文件没有音轨或视频轨</translation>
    </message>
    <message>
        <source>The source file has no audio track</source>
        <translation>源文件没有音轨</translation>
    </message>
    <message>
        <source>The source file has no video track</source>
        <translation>源文件没有视频轨</translation>
    </message>
    <message>
        <source>The source file is empty or could not be read</source>
        <translation>源文件为空或无法读取</translation>
    </message>
    <message>
        <source>The source file is not a video or audio file</source>
        <translation>源文件不是视频或音频文件</translation>
    </message>
    <message>
        <source>The source video is incomplete or damaged</source>
        <translation>源视频不完整或已损坏</translation>
    </message>
    <message>
        <source>Unexpected error: {error}</source>
        <translation>意外错误：{error}</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>request ID {reqid}</source>
        <translation>请求 ID {reqid}</translation>
    </message>
    <message>
        <source>server: {server}</source>
        <translation>服务器：{server}</translation>
    </message>
    <message>
        <source>{first}. {second}</source>
        <translation>{first}。{second}</translation>
    </message>
    <message>
        <source>{op}: {words}</source>
        <translation>{op}：{words}</translation>
    </message>
    <message>
        <source>{words} (server: {server})</source>
        <translation>{words}（服务器：{server}）</translation>
    </message>
</context>
<context>
    <name>api_errors</name>
    <message>
        <source>A file with this name already exists.</source>
        <translation>同名文件已存在。</translation>
    </message>
    <message>
        <source>The processing queue “{pipeline}” does not exist on this account. Create it in the Qiniu console, or pick another queue in Pipelines.</source>
        <translation>此账号没有处理队列“{pipeline}”。请在七牛控制台中创建它，或在“队列”中选择其他队列。</translation>
    </message>
    <message>
        <source>Bucket “{bucket}” does not exist in this account or region.</source>
        <translation>空间“{bucket}”在此账号或区域中不存在。</translation>
    </message>
    <message>
        <source>Could not connect to {host}. Check the network connection and the region or host settings.</source>
        <translation>无法连接到 {host}。请检查网络连接以及区域或主机设置。</translation>
    </message>
    <message>
        <source>The AccessKey or SecretKey is wrong, or the key was disabled. Check them in the account settings.</source>
        <translation>AccessKey 或 SecretKey 不正确，或密钥已被停用。请在账号设置中检查。</translation>
    </message>
    <message>
        <source>The Qiniu server failed to handle the request. Try again later.</source>
        <translation>七牛服务器处理请求失败，请稍后重试。</translation>
    </message>
    <message>
        <source>The bucket does not exist in this account or region.</source>
        <translation>该空间在此账号或区域中不存在。</translation>
    </message>
    <message>
        <source>The bucket list did not end after {pages} pages — not a Qiniu server?</source>
        <translation>空间列表在 {pages} 页之后仍未结束——这可能不是七牛服务器？</translation>
    </message>
    <message>
        <source>The bucket list repeats itself — not a Qiniu server?</source>
        <translation>空间列表在重复——这可能不是七牛服务器？</translation>
    </message>
    <message>
        <source>The connection to {host} broke before the whole answer arrived. The server may or may not have received the request. Check the network connection or try again later.</source>
        <translation>与 {host} 的连接在完整响应到达之前中断了。服务器可能收到了这个请求，也可能没有收到。请检查网络连接或稍后重试。</translation>
    </message>
    <message>
        <source>The file is larger than the upload policy allows.</source>
        <translation>文件大小超出了上传策略的限制。</translation>
    </message>
    <message>
        <source>The file was not found (“{key}” in “{bucket}”). It may have been deleted or renamed.</source>
        <translation>找不到文件（空间“{bucket}”中的“{key}”），它可能已被删除或重命名。</translation>
    </message>
    <message>
        <source>The file was not found. It may have been deleted or renamed.</source>
        <translation>找不到文件，它可能已被删除或重命名。</translation>
    </message>
    <message>
        <source>The file was uploaded, but the upload callback to your server failed.</source>
        <translation>文件已上传，但回调你的服务器失败。</translation>
    </message>
    <message>
        <source>The listing position is no longer valid. Reload the list from the start.</source>
        <translation>列表位置已失效，请从头重新加载列表。</translation>
    </message>
    <message>
        <source>The listing repeats itself — not a Qiniu server?</source>
        <translation>文件列表在重复——这可能不是七牛服务器？</translation>
    </message>
    <message>
        <source>The listing sent {pages} empty pages in a row without ending — not a Qiniu server?</source>
        <translation>文件列表连续返回了 {pages} 个空页仍未结束——这可能不是七牛服务器？</translation>
    </message>
    <message>
        <source>The processing job “{id}” was not found. It may have expired or belong to another account or region.</source>
        <translation>找不到处理任务“{id}”，它可能已过期，或属于其他账号或区域。</translation>
    </message>
    <message>
        <source>The server refused the request (HTTP {code}).</source>
        <translation>服务器拒绝了请求（HTTP {code}）。</translation>
    </message>
    <message>
        <source>The server refused the request (HTTP {code}): {server}</source>
        <translation>服务器拒绝了请求（HTTP {code}）：{server}</translation>
    </message>
    <message>
        <source>The server rejected the request as invalid.</source>
        <translation>服务器认为请求无效并拒绝了它。</translation>
    </message>
    <message>
        <source>The server rejected the request as invalid: {server}</source>
        <translation>服务器认为请求无效并拒绝了它：{server}</translation>
    </message>
    <message>
        <source>The server's answer was not understood (the field “{field}” has a wrong type or value) — not a Qiniu server? Check the region or host settings.</source>
        <translation>无法理解服务器的响应（字段“{field}”的类型或取值不对）——这可能不是七牛服务器？请检查区域或主机设置。</translation>
    </message>
    <message>
        <source>The server's answer was not understood ({why}) — not a Qiniu server? Check the region or host settings.</source>
        <translation>无法理解服务器的响应（{why}）——这可能不是七牛服务器？请检查区域或主机设置。</translation>
    </message>
    <message>
        <source>The upload or download token has expired. Try again to get a fresh one.</source>
        <translation>上传或下载凭证已过期，请重试以获取新的凭证。</translation>
    </message>
    <message>
        <source>The upload was damaged in transit (checksum mismatch). Try again.</source>
        <translation>上传数据在传输中损坏（校验和不一致），请重试。</translation>
    </message>
    <message>
        <source>The upload was damaged in transit (part checksum mismatch). Try again.</source>
        <translation>上传数据在传输中损坏（分片校验和不一致），请重试。</translation>
    </message>
    <message>
        <source>This key is not allowed to do that ({server}). Check the bucket permissions and upload policy.</source>
        <translation>此密钥无权执行该操作（{server}）。请检查空间权限和上传策略。</translation>
    </message>
    <message>
        <source>This key is not allowed to do that. Check the bucket permissions and upload policy.</source>
        <translation>此密钥无权执行该操作。请检查空间权限和上传策略。</translation>
    </message>
    <message>
        <source>Too many requests for the same resource. Wait a moment and try again.</source>
        <translation>对同一资源的请求过多，请稍候再试。</translation>
    </message>
    <message>
        <source>expected a JSON list of domains</source>
        <translation>应为域名的 JSON 列表</translation>
    </message>
    <message>
        <source>expected a JSON object</source>
        <translation>应为 JSON 对象</translation>
    </message>
    <message>
        <source>no X-Reqid header</source>
        <translation>缺少 X-Reqid 响应头</translation>
    </message>
    <message>
        <source>no code in the prefop answer</source>
        <translation>prefop 响应中缺少 code</translation>
    </message>
    <message>
        <source>no etag in the part answer</source>
        <translation>分片上传响应中缺少 etag</translation>
    </message>
    <message>
        <source>no persistentId in the pfop answer</source>
        <translation>pfop 响应中缺少 persistentId</translation>
    </message>
    <message>
        <source>no uploadId in the multipart init answer</source>
        <translation>分片上传初始化响应中缺少 uploadId</translation>
    </message>
    <message>
        <source>the JSON holds a number that is out of range</source>
        <translation>JSON 中有超出范围的数字</translation>
    </message>
    <message>
        <source>the JSON is nested too deeply</source>
        <translation>JSON 嵌套层数过多</translation>
    </message>
    <message>
        <source>the answer is too large</source>
        <translation>响应过大</translation>
    </message>
    <message>
        <source>the body is not JSON</source>
        <translation>响应内容不是 JSON</translation>
    </message>
    <message>
        <source>the body is not UTF-8 text</source>
        <translation>响应内容不是 UTF-8 文本</translation>
    </message>
    <message>
        <source>the compressed body is damaged</source>
        <translation>压缩的响应内容已损坏</translation>
    </message>
    <message>
        <source>no TaskId in the async processing answer</source>
        <translation>异步处理的响应中没有 TaskId</translation>
    </message>
    <message>
        <source>the answer does not have the shape OSS uses</source>
        <translation>响应的结构与 OSS 的不符</translation>
    </message>
    <message>
        <source>This AccessKey is not allowed to do that ({server}). Check its RAM permissions on the bucket in the Aliyun console.</source>
        <translation>此 AccessKey 无权执行该操作（{server}）。请在阿里云控制台中检查它对该存储空间的 RAM 权限。</translation>
    </message>
    <message>
        <source>This computer's clock differs from the OSS server's by more than 15 minutes. Correct the date and time, then try again.</source>
        <translation>本机时钟与 OSS 服务器相差超过 15 分钟。请校正日期和时间后重试。</translation>
    </message>
    <message>
        <source>The Aliyun OSS server failed to handle the request. Try again later.</source>
        <translation>阿里云 OSS 服务器处理请求失败，请稍后重试。</translation>
    </message>
    <message>
        <source>The server's answer was not understood ({why}) — not an Aliyun OSS server? Check the region or endpoint settings.</source>
        <translation>无法理解服务器的响应（{why}）——可能不是阿里云 OSS 服务器？请检查区域或 Endpoint 设置。</translation>
    </message>
    <message>
        <source>The multipart upload no longer exists on the server. Start the upload again.</source>
        <translation>服务器上已没有这个分片上传。请重新开始上传。</translation>
    </message>
    <message>
        <source>“{bucket}” is not a valid OSS bucket name. Use 3 to 63 lower-case letters, digits and hyphens, not starting or ending with a hyphen.</source>
        <translation>“{bucket}”不是有效的 OSS 存储空间名称。请使用 3 到 63 个小写字母、数字和连字符，且不能以连字符开头或结尾。</translation>
    </message>
    <message>
        <source>The object name is empty or too long. Use 1 to 1023 bytes.</source>
        <translation>对象名称为空或过长。请使用 1 到 1023 个字节。</translation>
    </message>
    <message>
        <source>{host} did not answer in time. The server may or may not have received the request. Check the network connection or try again later.</source>
        <translation>{host} 未及时响应。服务器可能收到了这个请求，也可能没有收到。请检查网络连接或稍后重试。</translation>
    </message>
    <message>
        <source>{host} did not finish answering within {seconds} seconds. The server may or may not have received the request. Check the network connection or try again later.</source>
        <translation>{host} 未在 {seconds} 秒内完成响应。服务器可能收到了这个请求，也可能没有收到。请检查网络连接或稍后重试。</translation>
    </message>
</context>
<context>
    <name>presets</name>
    <message>
        <source>MP4 H.264 480p</source>
        <translation>MP4 H.264 480p</translation>
    </message>
    <message>
        <source>MP4 H.264 720p</source>
        <translation>MP4 H.264 720p</translation>
    </message>
    <message>
        <source>MP4 H.264 1080p</source>
        <translation>MP4 H.264 1080p</translation>
    </message>
    <message>
        <source>HLS 720p</source>
        <translation>HLS 720p</translation>
    </message>
    <message>
        <source>MP3 128k</source>
        <translation>MP3 128k</translation>
    </message>
    <message>
        <source>MP3 320k</source>
        <translation>MP3 320k</translation>
    </message>
    <message>
        <source>AAC 128k</source>
        <translation>AAC 128k</translation>
    </message>
    <message>
        <source>WebM 720p</source>
        <translation>WebM 720p</translation>
    </message>
    <message>
        <source>GIF (5 s, 480 wide)</source>
        <translation>GIF（5 秒，宽 480）</translation>
    </message>
    <message>
        <source>JPG thumbnail</source>
        <translation>JPG 缩略图</translation>
    </message>
    <message>
        <source>PNG poster frame</source>
        <translation>PNG 封面帧</translation>
    </message>
    <message>
        <source>H.264/AAC MP4 that fits in 854×480, 1 Mbit/s</source>
        <translation>H.264/AAC 编码的 MP4，缩放到 854×480 以内，1 Mbit/s</translation>
    </message>
    <message>
        <source>H.264/AAC MP4 that fits in 1280×720, 2 Mbit/s</source>
        <translation>H.264/AAC 编码的 MP4，缩放到 1280×720 以内，2 Mbit/s</translation>
    </message>
    <message>
        <source>H.264/AAC MP4 that fits in 1920×1080, 4 Mbit/s</source>
        <translation>H.264/AAC 编码的 MP4，缩放到 1920×1080 以内，4 Mbit/s</translation>
    </message>
    <message>
        <source>HLS stream (m3u8 + 10 s segments, relative URLs), 1280×720, 2 Mbit/s</source>
        <translation>HLS 流（m3u8 + 10 秒分片，相对地址），1280×720，2 Mbit/s</translation>
    </message>
    <message>
        <source>MP3 audio at 128 kbit/s</source>
        <translation>MP3 音频，128 kbit/s</translation>
    </message>
    <message>
        <source>MP3 audio at 320 kbit/s</source>
        <translation>MP3 音频，320 kbit/s</translation>
    </message>
    <message>
        <source>AAC audio in an .m4a file at 128 kbit/s</source>
        <translation>.m4a 文件中的 AAC 音频，128 kbit/s</translation>
    </message>
    <message>
        <source>VP9/Vorbis WebM that fits in 1280×720, 1.5 Mbit/s</source>
        <translation>VP9/Vorbis 编码的 WebM，缩放到 1280×720 以内，1.5 Mbit/s</translation>
    </message>
    <message>
        <source>Animated GIF of the first 5 seconds at 10 frames/s, fitting in 480×480 (480 wide for landscape video)</source>
        <translation>前 5 秒的动态 GIF，每秒 10 帧，缩放到 480×480 以内（横向视频宽 480）</translation>
    </message>
    <message>
        <source>JPG picture of the frame at 1 s, 320 pixels wide</source>
        <translation>第 1 秒画面的 JPG 图片，宽 320 像素</translation>
    </message>
    <message>
        <source>PNG picture of the frame at 3 s, full size</source>
        <translation>第 3 秒画面的 PNG 图片，原始尺寸</translation>
    </message>
</context>
<context>
    <name>store_errors</name>
    <message>
        <source>The disk is full, so the job history ({path}) could not be saved. Free some disk space, then try again.</source>
        <translation>磁盘已满，任务记录（{path}）未能保存。请释放一些磁盘空间后重试。</translation>
    </message>
    <message>
        <source>The job history ({path}) cannot be created ({error}). Jobs submitted now are kept only until the app quits. Make sure its folder is writable, then restart the app.</source>
        <translation>无法创建任务记录 {path}（{error}）。现在提交的任务只保留到应用退出为止。请确认其所在文件夹可写，然后重新启动应用。</translation>
    </message>
    <message>
        <source>The job history ({path}) cannot be opened: {error}. Check that its folder exists and is writable, then restart the app.</source>
        <translation>无法打开任务记录（{path}）：{error}。请确认其所在文件夹存在且可写，然后重新启动应用。</translation>
    </message>
    <message>
        <source>The job history ({path}) cannot be used and could not be moved aside ({error}). Jobs submitted now are kept only until the app quits. Move the file somewhere else or make its folder writable, then restart the app.</source>
        <translation>任务记录（{path}）无法使用，也无法移到一旁（{error}）。现在提交的任务只保留到应用退出为止。请把该文件移到别处或让其所在文件夹可写，然后重新启动应用。</translation>
    </message>
    <message>
        <source>The job history ({path}) cannot be used: {error}. Restart the app; if this keeps happening, move the file somewhere else.</source>
        <translation>无法使用任务记录（{path}）：{error}。请重新启动应用；如果问题仍然存在，请把该文件移到别处。</translation>
    </message>
    <message>
        <source>The job history ({path}) could not be read or written because of a disk error. Check the disk, then restart the app.</source>
        <translation>由于磁盘错误，无法读写任务记录（{path}）。请检查磁盘，然后重新启动应用。</translation>
    </message>
    <message>
        <source>The job history ({path}) could not be updated for this version of the app: {error}. The file was left as it was.</source>
        <translation>无法将任务记录（{path}）更新为此版本应用使用的格式：{error}。该文件保持原样，未被改动。</translation>
    </message>
    <message>
        <source>The job history ({path}) is busy in another program, perhaps a second copy of this app. Close it, then try again.</source>
        <translation>任务记录（{path}）正被另一个程序占用（可能是本应用的另一个副本）。请关闭它后重试。</translation>
    </message>
    <message>
        <source>The job history ({path}) is damaged. Restart the app so it can check the file: a damaged file is kept as a copy and a new, empty history is started.</source>
        <translation>任务记录（{path}）已损坏。请重新启动应用以检查该文件：损坏的文件会保留一份副本，并新建一个空的任务记录。</translation>
    </message>
    <message>
        <source>The job history ({path}) is read-only, so this change was not saved. Make the file and its folder writable, then restart the app.</source>
        <translation>任务记录（{path}）是只读的，此次更改未保存。请让该文件及其所在文件夹可写，然后重新启动应用。</translation>
    </message>
    <message>
        <source>The job history ({path}) is read-only: earlier jobs are shown, but new jobs cannot be submitted and running ones are not updated. Make the file and its folder writable, then restart the app.</source>
        <translation>任务记录（{path}）是只读的：可以查看之前的任务，但无法提交新任务，正在运行的任务也不会更新。请让该文件及其所在文件夹可写，然后重新启动应用。</translation>
    </message>
    <message>
        <source>The job history ({path}) was written by a newer version of the app (format {found}; this version knows {known}).</source>
        <translation>任务记录（{path}）由更新版本的应用写入（格式 {found}；此版本只支持到 {known}）。</translation>
    </message>
    <message>
        <source>The job history could not be read ({error}), so the app started a new, empty one. The file was kept as {backup}.</source>
        <translation>无法读取任务记录（{error}），应用已新建一个空的任务记录。原文件已保留为 {backup}。</translation>
    </message>
    <message>
        <source>The job history is closed because the app is shutting down.</source>
        <translation>应用正在退出，任务记录已关闭。</translation>
    </message>
    <message>
        <source>The job history was damaged, so the app started a new, empty one. The damaged file was kept as {backup}. Jobs already sent to the server still run, but earlier jobs are no longer listed here.</source>
        <translation>任务记录已损坏，应用已新建一个空的任务记录。损坏的文件已保留为 {backup}。已提交到服务器的任务仍会继续运行，但之前的任务不会再列在这里。</translation>
    </message>
    <message>
        <source>The job history was written by a newer version of the app (format {found}; this version knows {known}), so this version started a new, empty one. The file was kept as {backup}: to use it again, rename it back to {name} and run the newer version.</source>
        <translation>任务记录由更新版本的应用写入（格式 {found}；此版本只支持到 {known}），因此此版本新建了一个空的任务记录。原文件已保留为 {backup}：如需再次使用，请将它改回 {name} 并运行更新版本的应用。</translation>
    </message>
</context>
<context>
    <name>services</name>
    <message>
        <source>Give the account a name.</source>
        <translation>请为账号填写名称。</translation>
    </message>
    <message>
        <source>The name is {count} characters long; use at most {max}.</source>
        <translation>名称有 {count} 个字符；最多只能有 {max} 个。</translation>
    </message>
    <message>
        <source>The name contains a line break, tab or other control character. Remove it.</source>
        <translation>名称中含有换行符、制表符或其他控制字符，请删除。</translation>
    </message>
    <message>
        <source>Another account is already called “{other}”. Choose a different name.</source>
        <translation>已有账号名为“{other}”，请换一个名称。</translation>
    </message>
    <message>
        <source>“{name}” is the name of the built-in practice account. Choose a different name.</source>
        <translation>“{name}”是内置练习账号（沙盒）的名称，请换一个名称。</translation>
    </message>
    <message>
        <source>Enter the {key}.</source>
        <translation>请填写 {key}。</translation>
    </message>
    <message>
        <source>The {key} contains a space or line break. Copy it again from the Qiniu portal (Key management).</source>
        <translation>{key} 中含有空格或换行符。请从七牛控制台（密钥管理）重新复制。</translation>
    </message>
    <message>
        <source>The {key} contains “{char}”. Qiniu keys use only letters, digits, “-” and “_”.</source>
        <translation>{key} 中含有“{char}”。七牛密钥只包含字母、数字、“-”和“_”。</translation>
    </message>
    <message>
        <source>The SecretKey contains a character Qiniu keys never have. They use only letters, digits, “-” and “_”.</source>
        <translation>SecretKey 中含有七牛密钥不会出现的字符。七牛密钥只包含字母、数字、“-”和“_”。</translation>
    </message>
    <message>
        <source>The {key} has {count} characters, but a Qiniu key has {typical}. Copy the whole key from the Qiniu portal (Key management).</source>
        <translation>{key} 有 {count} 个字符，而七牛密钥有 {typical} 个。请从七牛控制台（密钥管理）复制完整的密钥。</translation>
    </message>
    <message>
        <source>Enter a base URL, or a host for every service.</source>
        <translation>请填写基础地址，或为每个服务都填写地址。</translation>
    </message>
    <message>
        <source>The {field} contains a space. Enter only the address, like https://qiniu.example.com.</source>
        <translation>{field}中含有空格。请只填写地址，例如 https://qiniu.example.com。</translation>
    </message>
    <message>
        <source>The {field} must start with http:// or https://.</source>
        <translation>{field}必须以 http:// 或 https:// 开头。</translation>
    </message>
    <message>
        <source>The {field} has no host name after “{scheme}://”.</source>
        <translation>{field}在“{scheme}://”之后缺少主机名。</translation>
    </message>
    <message>
        <source>The {field} has an invalid port. Use a number from 1 to 65535, like https://qiniu.example.com:8080.</source>
        <translation>{field}的端口无效。请使用 1 到 65535 之间的数字，例如 https://qiniu.example.com:8080。</translation>
    </message>
    <message>
        <source>The {field} must be only the scheme, host and port (like https://qiniu.example.com:8080), without a path or “?…”.</source>
        <translation>{field}只能包含协议、主机和端口（例如 https://qiniu.example.com:8080），不能带路径或“?…”。</translation>
    </message>
    <message>
        <source>base URL</source>
        <translation>基础地址</translation>
    </message>
    <message>
        <source>uc host</source>
        <translation>uc 服务地址</translation>
    </message>
    <message>
        <source>rs host</source>
        <translation>rs 服务地址</translation>
    </message>
    <message>
        <source>rsf host</source>
        <translation>rsf 服务地址</translation>
    </message>
    <message>
        <source>api host</source>
        <translation>api 服务地址</translation>
    </message>
    <message>
        <source>up host</source>
        <translation>up 服务地址</translation>
    </message>
    <message>
        <source>io host</source>
        <translation>io 服务地址</translation>
    </message>
    <message>
        <source>There is no account named “{profile}”.</source>
        <translation>没有名为“{profile}”的账号。</translation>
    </message>
    <message>
        <source>The SecretKey of account “{profile}” is not available. Open Account → Edit account… and enter it again.</source>
        <translation>账号“{profile}”的 SecretKey 不可用。请打开“账号 → 编辑账号…”重新输入。</translation>
    </message>
    <message>
        <source>The download address of {bucket} could not be found: {why}</source>
        <translation>找不到 {bucket} 的下载地址：{why}</translation>
    </message>
    <message>
        <source>The bucket {bucket} has no download domain. Add one in the Qiniu console to get links.</source>
        <translation>存储空间 {bucket} 没有下载域名。请在七牛控制台添加一个，才能获取链接。</translation>
    </message>
</context>
<context>
    <name>oss_status</name>
    <message>
        <source>Watching for the output file</source>
        <translation>正在等待输出文件出现</translation>
    </message>
    <message>
        <source>Asking IMM for the task's status</source>
        <translation>正在向 IMM 查询任务状态</translation>
    </message>
    <message>
        <source>Listening for the task's notification</source>
        <translation>正在等待任务的通知消息</translation>
    </message>
    <message>
        <source>Waiting for the output ({ready} of {total} ready)</source>
        <translation>正在等待输出（已完成 {ready}/{total}）</translation>
    </message>
    <message>
        <source>{key} is older than this job; waiting for the new file</source>
        <translation>{key} 早于此任务生成；正在等待新文件</translation>
    </message>
    <message>
        <source>{key} is still empty; waiting for it to be written</source>
        <translation>{key} 仍为空；正在等待写入</translation>
    </message>
    <message>
        <source>{count} pictures so far; waiting until no more appear</source>
        <translation>目前已有 {count} 张图片；正在等待直到不再出现新图片</translation>
    </message>
    <message>
        <source>Could not check for the output: {error}. Trying again.</source>
        <translation>无法检查输出：{error}。将重试。</translation>
    </message>
    <message>
        <source>Every output is there ({total} of {total})</source>
        <translation>所有输出均已生成（{total}/{total}）</translation>
    </message>
    <message>
        <source>No output after {minutes} min. OSS cannot say whether the task failed or is still running: check the source and the parameters, or look the task up in the OSS console (Data Processing, Tasks).</source>
        <translation>{minutes} 分钟后仍无输出。OSS 无法告知任务是失败了还是仍在运行：请检查源文件和参数，或在 OSS 控制台（数据处理，任务）中查找该任务。</translation>
    </message>
    <message>
        <source>The service reports that the task is running</source>
        <translation>服务报告任务正在运行</translation>
    </message>
    <message>
        <source>The service reports that the task succeeded</source>
        <translation>服务报告任务已成功</translation>
    </message>
    <message>
        <source>The service reports that the task failed: {message}</source>
        <translation>服务报告任务失败：{message}</translation>
    </message>
    <message>
        <source>The service reports that the task failed without saying why</source>
        <translation>服务报告任务失败，但未说明原因</translation>
    </message>
    <message>
        <source>The service answered “{status}”, which this app does not know; still waiting</source>
        <translation>服务返回了本应用不认识的状态“{status}”；仍在等待</translation>
    </message>
</context>
</TS>
