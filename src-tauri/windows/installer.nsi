; Regulars' Windows installer, built by `cargo xtask dist --windows` with makensis (Debian's
; `nsis` package or NSIS on Windows). Our own script, not the Tauri bundler's template: that one
; needs a plugin DLL downloaded at build time.
;
; - Per user, no administrator rights: the program goes to %LOCALAPPDATA%\Programs\Regulars.
; - A Start-menu entry, and an entry in Settings > Apps to uninstall it.
; - The uninstaller keeps the owner's shop (%APPDATA%\Regulars) unless they tick the box, or
;   pass /DELETEDATA on the command line. `/S` installs and uninstalls silently.
; - Regulars needs Microsoft Edge WebView2 (part of Windows 10 and 11); when it is missing the
;   installer says so and where to get it.
;
; xtask passes: VERSION (from tauri.conf.json), BIN (the folder with the built .exe files),
; ICON, OUTFILE.

; A 64-bit installer for a 64-bit program (and Wine 64 runs it in tests).
Target amd64-unicode
SetCompressor /SOLID lzma
RequestExecutionLevel user

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"

!define NAME "Regulars"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${NAME}"
; The WebView2 runtime's id in EdgeUpdate, the same for every channel of the evergreen runtime.
!define WEBVIEW2_ID "{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"

Name "${NAME}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${NAME}"
InstallDirRegKey HKCU "Software\${NAME}" "InstallDir"
BrandingText "${NAME} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey "ProductName" "${NAME}"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "FileDescription" "${NAME} installer"
VIAddVersionKey "LegalCopyright" "The Regulars authors"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\regulars.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Open Regulars"

!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!define MUI_COMPONENTSPAGE_TEXT_TOP "Your shop stays on this computer unless you tick the box below."
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "English"

Function .onInit
  Call HasWebView2
  Pop $0
  ${If} $0 == "no"
    MessageBox MB_OKCANCEL|MB_ICONEXCLAMATION "Regulars needs Microsoft Edge WebView2, which is part of Windows 10 and 11 but is missing here.$\r$\n$\r$\nInstall the WebView2 Runtime from https://developer.microsoft.com/microsoft-edge/webview2/ and Regulars will open. Install Regulars now anyway?" /SD IDOK IDOK +2
    Abort
  ${EndIf}
FunctionEnd

; Pushes "yes" when the WebView2 runtime is installed for the machine or this user, else "no".
Function HasWebView2
  SetRegView 64
  ReadRegStr $1 HKLM "SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_ID}" "pv"
  ${If} $1 == ""
  ${OrIf} $1 == "0.0.0.0"
    ReadRegStr $1 HKLM "SOFTWARE\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_ID}" "pv"
  ${EndIf}
  ${If} $1 == ""
  ${OrIf} $1 == "0.0.0.0"
    ReadRegStr $1 HKCU "Software\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_ID}" "pv"
  ${EndIf}
  ${If} $1 == ""
  ${OrIf} $1 == "0.0.0.0"
    Push "no"
  ${Else}
    Push "yes"
  ${EndIf}
FunctionEnd

Section "Regulars" Program
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; A running Regulars holds its .exe open; the owner is asked to close it, then Retry.
  File "${BIN}\regulars.exe"
  File "${BIN}\regulars-cli.exe"
  !ifdef WEBVIEW2_LOADER
    File "${BIN}\WebView2Loader.dll"
  !endif
  File "/oname=regulars.ico" "${ICON}"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${NAME}.lnk" "$INSTDIR\regulars.exe" "" "$INSTDIR\regulars.ico"

  WriteRegStr HKCU "Software\${NAME}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "The Regulars authors"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\regulars.ico"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" $0
SectionEnd

Section "un.Regulars" UnProgram
  SectionIn RO
  ; Regulars must be closed: its .exe cannot be removed while it runs.
  retry:
  ClearErrors
  Delete "$INSTDIR\regulars.exe"
  ${If} ${Errors}
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "Regulars is still open. Close it, then choose Retry." /SD IDCANCEL IDRETRY retry
    Abort
  ${EndIf}
  Delete "$INSTDIR\regulars-cli.exe"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\regulars.ico"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${NAME}.lnk"
  ; The web view's cache and the window's place: not the owner's data.
  RMDir /r "$LOCALAPPDATA\app.regulars.desktop"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "Software\${NAME}"
SectionEnd

; Off unless ticked (or /DELETEDATA): the customers, sales, contacts and backups.
Section /o "un.Also delete my shop (customers, sales, backups)" UnData
  RMDir /r "$APPDATA\Regulars"
  RMDir /r "$APPDATA\app.regulars.desktop"
SectionEnd

Function un.onInit
  ${GetParameters} $0
  ClearErrors
  ${GetOptions} $0 "/DELETEDATA" $1
  ${IfNot} ${Errors}
    SectionSetFlags ${UnData} ${SF_SELECTED}
  ${EndIf}
FunctionEnd
