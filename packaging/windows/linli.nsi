; The Windows installer of 邻里 Linli, built on Linux by make dist:
;   makensis -DVERSION=0.1.0 -DEXE=dist/linli.exe -DICON=dist/icons/linli.ico -DOUTFILE=dist/Linli-Setup-0.1.0.exe linli.nsi
; It installs for the current user only (no administrator rights: office PCs are locked down), into
; %LOCALAPPDATA%\Programs\Linli, with Start-menu and desktop shortcuts. /S installs silently.
; The uninstaller removes the program, its shortcuts and its registry entries, and nothing else:
; the database and its backups (%APPDATA%\Linli) stay where they are.
Unicode true
Target amd64-unicode
SetCompressor /SOLID lzma
RequestExecutionLevel user

!include "MUI2.nsh"

!ifndef VERSION | EXE | ICON | OUTFILE
  !error "usage: makensis -DVERSION=x.y.z -DEXE=linli.exe -DICON=linli.ico -DOUTFILE=setup.exe linli.nsi"
!endif

!define APPNAME "邻里 Linli"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Linli"

Name "${APPNAME} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\Linli"
InstallDirRegKey HKCU "Software\Linli" "InstallDir"
ShowInstDetails show

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_FINISHPAGE_RUN "$INSTDIR\linli.exe"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"

VIProductVersion "${VERSION}.0"
VIFileVersion "${VERSION}.0"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileDescription" "${APPNAME} ${VERSION} 安装程序"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "LegalCopyright" "Linli developers"

Section "Linli"
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File "/oname=linli.exe" "${EXE}"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortcut "$SMPROGRAMS\${APPNAME}.lnk" "$INSTDIR\linli.exe" "" "$INSTDIR\linli.exe" 0
  CreateShortcut "$DESKTOP\${APPNAME}.lnk" "$INSTDIR\linli.exe" "" "$INSTDIR\linli.exe" 0
  WriteRegStr HKCU "Software\Linli" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "${APPNAME}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "Linli"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\linli.exe,0"
  WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
SectionEnd

; Only what the installer put there: never the database folder (%APPDATA%\Linli) or its backups.
Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\${APPNAME}.lnk"
  Delete "$DESKTOP\${APPNAME}.lnk"
  Delete "$INSTDIR\linli.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTKEY}"
  DeleteRegKey HKCU "Software\Linli"
SectionEnd
