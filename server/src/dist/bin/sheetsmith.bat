@echo off
rem Sheetsmith from the unpacked distribution.
rem   bin\sheetsmith                          the HTTP server with the config.yml beside bin\
rem   bin\sheetsmith stdio                    MCP over stdio, for Claude Desktop, Cursor, ...
rem   bin\sheetsmith keys create --owner NAME config.yml
rem   bin\sheetsmith --version
rem Without SHEETSMITH_DB_URL / SHEETSMITH_FILES_DIR / SHEETSMITH_PLUGINS_DIR the data lives in data\
rem beside bin\. JAVA_HOME picks the Java (17 or later), JAVA_OPTS adds JVM options.
setlocal
set "SHEETSMITH_DIR=%~dp0.."
if "%SHEETSMITH_DB_URL%"=="" set "SHEETSMITH_DB_URL=jdbc:h2:file:%SHEETSMITH_DIR%\data\sheetsmith"
if "%SHEETSMITH_FILES_DIR%"=="" set "SHEETSMITH_FILES_DIR=%SHEETSMITH_DIR%\data\files"
if "%SHEETSMITH_PLUGINS_DIR%"=="" set "SHEETSMITH_PLUGINS_DIR=%SHEETSMITH_DIR%\data\plugins"
set "JAVA_EXE=java"
if not "%JAVA_HOME%"=="" set "JAVA_EXE=%JAVA_HOME%\bin\java"

if "%~1"=="" (
  "%JAVA_EXE%" %JAVA_OPTS% -jar "%SHEETSMITH_DIR%\sheetsmith.jar" server "%SHEETSMITH_DIR%\config.yml"
  goto :end
)
if "%~2"=="" if /i "%~1"=="server" goto :withconfig
if "%~2"=="" if /i "%~1"=="stdio" goto :withconfig
if "%~2"=="" if /i "%~1"=="check" goto :withconfig
"%JAVA_EXE%" %JAVA_OPTS% -jar "%SHEETSMITH_DIR%\sheetsmith.jar" %*
goto :end
:withconfig
"%JAVA_EXE%" %JAVA_OPTS% -jar "%SHEETSMITH_DIR%\sheetsmith.jar" %1 "%SHEETSMITH_DIR%\config.yml"
:end
endlocal & exit /b %ERRORLEVEL%
