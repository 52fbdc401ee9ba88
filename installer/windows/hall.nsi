; Command Hall Console: Windows installer (NSIS 3, per-machine, 64-bit).
;
; Input: the PyInstaller onedir of installer/hall.spec built on Windows (dist\hall: hall.exe,
; hall-console.exe, _internal\). Build (see installer/README.md):
;   makensis /DVERSION=0.1.0 /DPAYLOAD=..\..\build\installer\dist\hall ^
;            /DICON=..\..\build\installer\icons\command-hall-console.ico ^
;            /DOUTFILE=..\..\build\installer\CommandHallConsole-0.1.0-setup.exe installer\windows\hall.nsi
; On Linux, installer/windows/build-nsis.sh compiles it against a dummy payload to catch script errors.
;
; IT departments install silently:   CommandHallConsole-0.1.0-setup.exe /S [/D=C:\Path\Without\Quotes]
; and remove silently:               "C:\Program Files\Command Hall Console\uninstall.exe" /S

Unicode true
ManifestDPIAware true
RequestExecutionLevel admin
SetCompressor /SOLID lzma

!ifndef VERSION
  !define VERSION "0.0.0"
!endif
!ifndef PAYLOAD
  !error "PAYLOAD (the PyInstaller folder dist\hall) is required: makensis /DPAYLOAD=... hall.nsi"
!endif
!ifndef OUTFILE
  !define OUTFILE "CommandHallConsole-${VERSION}-setup.exe"
!endif

!define APPNAME "Command Hall Console"
!define COMPANY "Command Hall"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\CommandHallConsole"
!define ENV_KEY "SYSTEM\CurrentControlSet\Control\Session Manager\Environment"
; console/config.py reads the system-wide file named by HALL_SYSTEM_CONFIG before the operator's own.
; With SetShellVarContext all, $APPDATA is the all-users folder (C:\ProgramData).
!define CONFIG_DIR "$APPDATA\Command Hall"

!include "MUI2.nsh"
!include "x64.nsh"
!include "LogicLib.nsh"
!include "WinMessages.nsh"

Name "${APPNAME}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${APPNAME}"
InstallDirRegKey HKLM "${UNINST_KEY}" "InstallLocation"
BrandingText "${APPNAME} ${VERSION}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey "ProductName" "${APPNAME}"
VIAddVersionKey "CompanyName" "${COMPANY}"
VIAddVersionKey "FileDescription" "${APPNAME} installer"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "LegalCopyright" "Apache-2.0"

!ifdef ICON
  !define MUI_ICON "${ICON}"
  !define MUI_UNICON "${ICON}"
!endif
!define MUI_ABORTWARNING
; No "start now" box on the finish page: it would start the console elevated, as the administrator who
; installed it, with that account's settings. Operators start it from the start menu.

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "SimpChinese"

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "${APPNAME} needs 64-bit Windows." /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64
  SetShellVarContext all
FunctionEnd

Function un.onInit
  SetRegView 64
  SetShellVarContext all
FunctionEnd

Section "${APPNAME}" SecMain
  SectionIn RO
  ; An upgrade replaces the program folder as a whole (stale DLLs of an older Qt would otherwise stay).
  RMDir /r "$INSTDIR\_internal"
  SetOutPath "$INSTDIR"
  File /r "${PAYLOAD}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  ; System-wide settings: an example, never overwriting the file IT has edited.
  CreateDirectory "${CONFIG_DIR}"
  SetOverwrite off
  File "/oname=${CONFIG_DIR}\hall.toml" "${__FILEDIR__}\..\hall.toml.example"
  SetOverwrite on
  File "/oname=${CONFIG_DIR}\hall.toml.example" "${__FILEDIR__}\..\hall.toml.example"
  WriteRegExpandStr HKLM "${ENV_KEY}" "HALL_SYSTEM_CONFIG" "${CONFIG_DIR}\hall.toml"
  SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=2000

  ; Start menu (all users).
  CreateDirectory "$SMPROGRAMS\${APPNAME}"
  CreateShortcut "$SMPROGRAMS\${APPNAME}\${APPNAME}.lnk" "$INSTDIR\hall-console.exe" "console" \
    "$INSTDIR\hall-console.exe" 0 SW_SHOWNORMAL "" "Alerts, video wall and calls to the towns"
  CreateShortcut "$SMPROGRAMS\${APPNAME}\Uninstall ${APPNAME}.lnk" "$INSTDIR\uninstall.exe"

  ; Programs and Features.
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayName" "${APPNAME}"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINST_KEY}" "Publisher" "${COMPANY}"
  WriteRegStr HKLM "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\hall-console.exe,0"
  WriteRegStr HKLM "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINST_KEY}" "NoRepair" 1
  SectionGetSize ${SecMain} $0
  WriteRegDWORD HKLM "${UNINST_KEY}" "EstimatedSize" $0
SectionEnd

Section "Uninstall"
  Delete "$SMPROGRAMS\${APPNAME}\${APPNAME}.lnk"
  Delete "$SMPROGRAMS\${APPNAME}\Uninstall ${APPNAME}.lnk"
  RMDir "$SMPROGRAMS\${APPNAME}"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\hall.exe"
  Delete "$INSTDIR\hall-console.exe"
  Delete "$INSTDIR\README.md"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegValue HKLM "${ENV_KEY}" "HALL_SYSTEM_CONFIG"
  SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=2000
  DeleteRegKey HKLM "${UNINST_KEY}"
  ; Kept on purpose: ${CONFIG_DIR} (IT's settings) and each operator's %LOCALAPPDATA%\command-hall.
SectionEnd
