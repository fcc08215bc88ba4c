; Inno Setup 6 script. Per-user install, no admin rights needed.
; The AppId below must never change: it is how Windows recognises upgrades of the same app.
#define AppName "qfopgui"
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6B0C1E52-3F1D-4C0B-9E64-2B8F8A0E5D11}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=qfopgui
DefaultDirName={localappdata}\Programs\{#AppName}
DefaultGroupName={#AppName}
PrivilegesRequired=lowest
OutputDir=..\..\dist
OutputBaseFilename=qfopgui-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\qfopgui.exe

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "zh"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Files]
Source: "..\..\dist\qfopgui\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\qfopgui.exe"
Name: "{group}\{#AppName} (sandbox)"; Filename: "{app}\qfopgui.exe"; Parameters: "--sandbox"

[Run]
Filename: "{app}\qfopgui.exe"; Description: "Start {#AppName}"; Flags: nowait postinstall skipifsilent
