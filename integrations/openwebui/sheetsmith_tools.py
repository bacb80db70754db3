"""
title: Sheetsmith spreadsheets
author: Sheetsmith
description: Create, read and edit Excel workbooks on a Sheetsmith server, including spreadsheets attached to the chat; results come back as files in the chat and as download links.
version: 0.2.0
license: MIT
"""

# A workspace tool for Open-WebUI. Open-WebUI runs this module once and shares one Tools() instance
# between every user and chat of a worker, so this class keeps no state of its own: every call is
# one stateless HTTP request to Sheetsmith's OpenAPI routes, carrying the calling user's id.

import asyncio
import base64
import json
import os
import urllib.error
import urllib.parse
import urllib.request
import uuid
from typing import Any, Awaitable, Callable, Optional, Union

from pydantic import BaseModel, Field

Emitter = Optional[Callable[[dict], Awaitable[None]]]
# Rows of cells. Open-WebUI turns these hints into the function schema the model sees, and OpenAI
# refuses an array without a typed "items" (the whole chat request fails), so every list says what
# it holds. Records [{"Name": "Ada"}] are accepted too (the docstrings say so): a JSON object with
# keys of the model's choosing is something Gemini's schema subset cannot describe.
Cell = Union[str, float, bool]
Rows = list[list[Cell]]
# What Sheetsmith reads (import): the extensions of chat attachments handed to it.
SPREADSHEETS = ("xlsx", "xlsm", "csv", "ods")
# Tools whose answer is a created or changed file: that file is put into the chat message too.
MAKES_FILES = {"create_excel_file", "append_rows", "write_range", "format_range", "create_chart", "export_file",
               "import_file"}


class Tools:
    class Valves(BaseModel):
        server_url: str = Field(
            default="http://host.docker.internal:9080",
            description="Base URL of the Sheetsmith server, as Open-WebUI's server reaches it.",
        )
        api_key: str = Field(
            default="",
            description="A Sheetsmith gateway key (java -jar sheetsmith.jar keys create --owner openwebui --gateway).",
        )
        timeout_seconds: int = Field(default=120, description="How long to wait for one call.")
        openwebui_url: str = Field(
            default="",
            description="Open-WebUI's own address as this tool reaches it, for reading chat attachments"
                        " (GET /api/v1/files/{id}/content); empty: http://127.0.0.1:$PORT (8080), i.e. itself.",
        )
        openwebui_api_key: str = Field(
            default="",
            description="An Open-WebUI API key that may read users' files; empty: the calling user's own token,"
                        " so Open-WebUI itself checks the user may read the attachment.",
        )

    def __init__(self):
        self.valves = self.Valves()

    async def create_excel_file(
        self,
        filename: str,
        data: Rows,
        headers: Optional[list[str]] = None,
        sheet_name: str = "Sheet1",
        formatting: Optional[dict] = None,
        __user__: Optional[dict] = None,
        __event_emitter__: Emitter = None,
    ) -> str:
        """
        Create an Excel workbook and return a download link to show the user.
        :param filename: File name, e.g. "employees.xlsx".
        :param data: Rows as lists [["Name", "Age"], ["Ada", 36]] (the first is the header row unless headers are given), or records [{"Name": "Ada", "Age": 36}]; dates as "2024-03-01".
        :param headers: Column names when data rows are lists and have no header row.
        :param sheet_name: Name of the sheet.
        :param formatting: Optional look: {"header_background": "4472C4", "border": true, "alternate_row_colors": true, "number_format": "currency", "font_size": 11, "alignment": "center"}.
        """
        args: dict[str, Any] = {"filename": filename, "data": data, "sheet_name": sheet_name}
        if headers:
            args["headers"] = headers
        if formatting:
            args["formatting"] = formatting
        return await self._call("create_excel_file", args, f"Creating {filename}", __user__, __event_emitter__)

    async def list_files(self, __user__: Optional[dict] = None, __event_emitter__: Emitter = None) -> str:
        """
        List the user's spreadsheet files with fresh download links.
        """
        return await self._call("list_files", {}, "Listing your files", __user__, __event_emitter__)

    async def describe_workbook(self, file: str, __user__: Optional[dict] = None, __event_emitter__: Emitter = None) -> str:
        """
        Describe a workbook: its sheets, used ranges and header rows.
        :param file: The file's name or id, as list_files shows it.
        """
        return await self._call("describe_workbook", {"file": file}, f"Looking at {file}", __user__, __event_emitter__)

    async def read_range(
        self,
        file: str,
        sheet: Optional[str] = None,
        range: Optional[str] = None,
        __user__: Optional[dict] = None,
        __event_emitter__: Emitter = None,
    ) -> str:
        """
        Read cells of a sheet, a page at a time.
        :param file: The file's name or id.
        :param sheet: Sheet name; the first sheet when empty.
        :param range: A1 range such as "A1:D20"; the used range when empty.
        """
        args: dict[str, Any] = {"file": file}
        if sheet:
            args["sheet"] = sheet
        if range:
            args["range"] = range
        return await self._call("read_range", args, f"Reading {file}", __user__, __event_emitter__)

    async def append_rows(
        self,
        file: str,
        data: Rows,
        sheet: Optional[str] = None,
        __user__: Optional[dict] = None,
        __event_emitter__: Emitter = None,
    ) -> str:
        """
        Add rows after the last used row of a sheet; records are matched to the header row by name.
        :param file: The file's name or id.
        :param data: Rows as lists [["Ada", 36]] in column order, or records [{"Name": "Ada"}].
        :param sheet: Sheet name; the first sheet when empty.
        """
        args: dict[str, Any] = {"file": file, "data": data}
        if sheet:
            args["sheet"] = sheet
        return await self._call("append_rows", args, f"Adding rows to {file}", __user__, __event_emitter__)

    async def write_range(
        self,
        file: str,
        start_cell: str,
        values: Rows,
        sheet: Optional[str] = None,
        __user__: Optional[dict] = None,
        __event_emitter__: Emitter = None,
    ) -> str:
        """
        Write rows of values from a start cell; text starting with = is a formula.
        :param file: The file's name or id.
        :param start_cell: Top-left cell, e.g. "B2".
        :param values: Rows of values, e.g. [["Total", "=SUM(B2:B9)"]].
        :param sheet: Sheet name; the first sheet when empty.
        """
        args: dict[str, Any] = {"file": file, "start_cell": start_cell, "values": values}
        if sheet:
            args["sheet"] = sheet
        return await self._call("write_range", args, f"Writing to {file}", __user__, __event_emitter__)

    async def format_cells(
        self,
        file: str,
        range: str,
        bold: Optional[bool] = None,
        font_color: Optional[str] = None,
        fill_color: Optional[str] = None,
        number_format: Optional[str] = None,
        alignment: Optional[str] = None,
        border: Optional[bool] = None,
        sheet: Optional[str] = None,
        __user__: Optional[dict] = None,
        __event_emitter__: Emitter = None,
    ) -> str:
        """
        Format a range of cells; formats not given stay as they are.
        :param file: The file's name or id.
        :param range: Cells to format, e.g. "A1:D1" or "C:C".
        :param bold: Bold text.
        :param font_color: Text colour, hex like "FFFFFF" or a name like "red".
        :param fill_color: Background colour, hex like "4472C4" or a name.
        :param number_format: "currency", "percent", "date", "thousands" or a code like "#,##0.00".
        :param alignment: "left", "center" or "right".
        :param border: Thin lines around every cell.
        :param sheet: Sheet name; the first sheet when empty.
        """
        args: dict[str, Any] = {"file": file, "range": range}
        font = {k: v for k, v in (("bold", bold), ("color", font_color)) if v is not None}
        if font:
            args["font"] = font
        if fill_color:
            args["fill_color"] = fill_color
        if number_format:
            args["number_format"] = number_format
        if alignment:
            args["alignment"] = {"horizontal": alignment}
        if border:
            args["border"] = {"style": "thin", "sides": ["all"]}
        if sheet:
            args["sheet"] = sheet
        return await self._call("format_range", args, f"Formatting {file}", __user__, __event_emitter__)

    async def create_chart(
        self,
        file: str,
        type: str,
        data_range: str,
        title: Optional[str] = None,
        sheet: Optional[str] = None,
        anchor: Optional[str] = None,
        __user__: Optional[dict] = None,
        __event_emitter__: Emitter = None,
    ) -> str:
        """
        Add a chart of a block of cells: first column categories, first row series names.
        :param file: The file's name or id.
        :param type: "column", "bar", "line", "area", "pie", "doughnut" or "scatter".
        :param data_range: The block, e.g. "A1:C13".
        :param title: Chart title.
        :param sheet: Sheet name; the first sheet when empty.
        :param anchor: Top-left cell of the chart, e.g. "F2"; beside the data when empty.
        """
        args: dict[str, Any] = {"file": file, "type": type, "data_range": data_range}
        for key, value in (("title", title), ("sheet", sheet), ("anchor", anchor)):
            if value:
                args[key] = value
        return await self._call("create_chart", args, f"Adding a chart to {file}", __user__, __event_emitter__)

    async def import_attached_files(
        self,
        __user__: Optional[dict] = None,
        __files__: Optional[list] = None,
        __request__: Any = None,
        __event_emitter__: Emitter = None,
    ) -> str:
        """
        Store the spreadsheets the user attached to this chat (xlsx, xlsm, csv, ods) in Sheetsmith, so you can describe, read and edit them; answers each file's name to use with the other tools.
        """
        attached = [a for a in (_attachment(entry) for entry in (__files__ or [])) if a is not None]
        sheets = [a for a in attached if a["name"].lower().rsplit(".", 1)[-1] in SPREADSHEETS]
        if not sheets:
            others = ", ".join(a["name"] for a in attached)
            return ("No spreadsheet is attached to this chat" + (f" (only {others})" if others else "")
                    + "; ask the user to attach one (xlsx, xlsm, csv or ods) and call this again.")
        user_id = (__user__ or {}).get("id")
        answers, made = [], []
        for item in sheets:
            await _status(__event_emitter__, f"Handing {item['name']} to Sheetsmith...", False)
            try:
                content = await asyncio.to_thread(self._attachment_bytes, item, __request__, user_id)
                text, result = await asyncio.to_thread(self._store, item["name"], content, user_id)
                answers.append(text)
                if isinstance(result, dict) and result.get("downloadUrl"):
                    made.append(result)
                await _status(__event_emitter__, f"Handing {item['name']} to Sheetsmith: done", True)
            except SheetsmithError as e:
                answers.append(str(e))
                await _status(__event_emitter__, f"Handing {item['name']} to Sheetsmith: failed", True)
        await _emit_files(__event_emitter__, made)
        return "\n".join(answers)

    async def get_download_link(self, file: str, __user__: Optional[dict] = None, __event_emitter__: Emitter = None) -> str:
        """
        Get a fresh download link for a file.
        :param file: The file's name or id.
        """
        return await self._call("get_download_link", {"file": file}, f"Linking {file}", __user__, __event_emitter__)

    async def export_file(
        self, file: str, format: str, sheet: Optional[str] = None,
        __user__: Optional[dict] = None, __event_emitter__: Emitter = None,
    ) -> str:
        """
        Save a copy of a file in another format, such as csv or ods.
        :param file: The file's name or id.
        :param format: Target format id, e.g. "csv" or "ods".
        :param sheet: For csv: which sheet to export.
        """
        args: dict[str, Any] = {"file": file, "format": format}
        if sheet:
            args["sheet"] = sheet
        return await self._call("export_file", args, f"Exporting {file} as {format}", __user__, __event_emitter__)

    async def delete_file(self, file: str, __user__: Optional[dict] = None, __event_emitter__: Emitter = None) -> str:
        """
        Delete one of the user's files for good.
        :param file: The file's name or id.
        """
        return await self._call("delete_file", {"file": file}, f"Deleting {file}", __user__, __event_emitter__)

    async def _call(self, tool: str, args: dict, doing: str, user: Optional[dict], emitter: Emitter) -> str:
        await _status(emitter, doing + "...", False)
        try:
            text, result = await asyncio.to_thread(self._post, tool, args, (user or {}).get("id"))
            if tool in MAKES_FILES and isinstance(result, dict) and result.get("downloadUrl"):
                await _emit_files(emitter, [result])
            await _status(emitter, doing + ": done", True)
            return text
        except SheetsmithError as e:
            await _status(emitter, doing + ": failed", True)
            return str(e)

    def _post(self, tool: str, args: dict, user_id: Optional[str]) -> tuple[str, Any]:
        """One tool call on Sheetsmith's OpenAPI route: its text for the model and its structured result."""
        body = self._send("/api/tools/" + tool, json.dumps(args).encode("utf-8"), "application/json", user_id, tool)
        return body.get("text") or json.dumps(body.get("result")), body.get("result")

    def _store(self, name: str, content: bytes, user_id: Optional[str]) -> tuple[str, Any]:
        """An attachment into Sheetsmith: POST /api/files when the server has it, else import_file (base64)."""
        if self._has_upload_route():
            body = self._send("/api/files?" + urllib.parse.urlencode({"name": name}), content,
                              "application/octet-stream", user_id, "import_file", {"X-Filename": urllib.parse.quote(name)})
            record = _first_record(body)
            text = body.get("text") or _stored_text(name, record)
            return text, record
        return self._post("import_file", {"filename": name, "content_base64": base64.b64encode(content).decode("ascii")},
                          user_id)

    def _has_upload_route(self) -> bool:
        """Whether this Sheetsmith lists POST /api/files in its /openapi.json (asked each time: no state is kept)."""
        url = self.valves.server_url.rstrip("/") + "/openapi.json"
        try:
            with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": "application/json"}),
                                        timeout=self.valves.timeout_seconds) as response:
                paths = json.loads(response.read().decode("utf-8")).get("paths", {})
                return "post" in paths.get("/api/files", {})
        except (urllib.error.URLError, TimeoutError, OSError, ValueError):
            return False

    def _attachment_bytes(self, item: dict, request: Any, user_id: Optional[str]) -> bytes:
        """An attachment's bytes through Open-WebUI's files API (GET /api/v1/files/{id}/content). With the
        calling user's own token Open-WebUI checks the user may read it; with the Valves' key (which may read
        anyone's files) the file's owner, GET /api/v1/files/{id}, must be the calling user. Never a local
        path from __files__: the browser sends that list, so it names whatever the user wants."""
        if not item.get("id"):
            raise SheetsmithError(f"{item['name']} has no Open-WebUI file id; ask the user to attach it again.")
        base = self.valves.openwebui_url.rstrip("/") or f"http://127.0.0.1:{os.environ.get('PORT', '8080')}"
        url = f"{base}/api/v1/files/{urllib.parse.quote(str(item['id']), safe='')}"
        service = bool(self.valves.openwebui_api_key)
        token = self.valves.openwebui_api_key or _user_token(request)
        headers = {"Accept": "*/*"}
        if token:
            headers["Authorization"] = "Bearer " + token
        try:
            if service:
                with urllib.request.urlopen(urllib.request.Request(url, headers=headers),
                                            timeout=self.valves.timeout_seconds) as response:
                    owner = json.loads(response.read().decode("utf-8")).get("user_id")
                if not user_id or str(owner) != str(user_id):
                    raise SheetsmithError(f"{item['name']} (id {item['id']}) is not this user's file; ask the user to"
                                          " attach their own file.")
            with urllib.request.urlopen(urllib.request.Request(url + "/content", headers=headers),
                                        timeout=self.valves.timeout_seconds) as response:
                return response.read()
        except urllib.error.HTTPError as e:
            if e.code in (401, 403):
                raise SheetsmithError(f"Open-WebUI did not let this tool read {item['name']} (HTTP {e.code}); the"
                                      " administrator sets an Open-WebUI API key in this tool's Valves"
                                      " (openwebui_api_key).") from None
            if e.code == 404:
                raise SheetsmithError(f"Open-WebUI has no file {item['name']} (id {item['id']}) this user may read;"
                                      " ask the user to attach it again.") from None
            raise SheetsmithError(f"Open-WebUI answered HTTP {e.code} for {item['name']}; try again.") from None
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as e:
            raise SheetsmithError(f"Open-WebUI's files API is not reachable at {base} ({e}); the administrator sets"
                                  " openwebui_url in this tool's Valves.") from None

    def _send(self, path: str, data: bytes, content_type: str, user_id: Optional[str], tool: str,
              extra: Optional[dict] = None) -> dict:
        url = self.valves.server_url.rstrip("/") + path
        headers = {"Content-Type": content_type, "Accept": "application/json", **(extra or {})}
        if self.valves.api_key:
            headers["Authorization"] = "Bearer " + self.valves.api_key
        if user_id:
            headers["X-OpenWebUI-User-Id"] = str(user_id)
        request = urllib.request.Request(url, data=data, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.valves.timeout_seconds) as response:
                return json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as e:
            message = _error_message(e)
            if e.code == 401:
                raise SheetsmithError("Sheetsmith refused the API key; the administrator must set a valid gateway key"
                                      " in this tool's Valves.") from None
            if e.code == 403:
                # e.g. a gateway key used without a user id: the server says what the administrator must change.
                raise SheetsmithError(f"Sheetsmith refused this call: {message} Tell the administrator.") from None
            if e.code == 404 and "no tool named" in message:
                raise SheetsmithError(f"This Sheetsmith server has no tool '{tool}'; it may be an older version.") from None
            raise SheetsmithError(f"Sheetsmith could not do that: {message} Fix the request and try again.") from None
        except (urllib.error.URLError, TimeoutError, OSError) as e:
            raise SheetsmithError(f"Sheetsmith is not reachable at {self.valves.server_url} ({e}); ask the administrator"
                                  " to check the server and this tool's Valves.") from None


class SheetsmithError(Exception):
    """A failure worded for the model to act on."""


def _error_message(error: urllib.error.HTTPError) -> str:
    try:
        message = json.loads(error.read().decode("utf-8")).get("error", "")
    except (ValueError, AttributeError):
        message = ""
    message = message or f"HTTP {error.code}"
    return message if message.endswith(".") else message + "."


async def _status(emitter: Emitter, description: str, done: bool) -> None:
    if emitter is not None:
        await emitter({"type": "status", "data": {"description": description, "done": done}})


def _attachment(entry: Any) -> Optional[dict]:
    """One entry of Open-WebUI's __files__ (the chat request's metadata["files"]: {"type": "file", "id",
    "name", "url": "/api/v1/files/<id>", "size", "file": {"id", "filename", "meta": {"name", "content_type",
    "size"}, ...}}) as {"id", "name"}; None for what is not a file (images, web pages,
    knowledge collections). A "path" in it is ignored: the browser sends this list."""
    if not isinstance(entry, dict) or entry.get("type", "file") != "file":
        return None
    file = entry.get("file") if isinstance(entry.get("file"), dict) else {}
    meta = file.get("meta") if isinstance(file.get("meta"), dict) else {}
    file_id = entry.get("id") or file.get("id")
    name = entry.get("name") or meta.get("name") or file.get("filename")
    if not name:
        return None
    return {"id": file_id, "name": os.path.basename(str(name))}


def _user_token(request: Any) -> Optional[str]:
    """The calling user's own Open-WebUI token, from the chat request the tool runs in (header or cookie)."""
    if request is None:
        return None
    headers = getattr(request, "headers", None) or {}
    auth = headers.get("authorization") or headers.get("Authorization") or ""
    if auth.lower().startswith("bearer "):
        return auth[7:].strip() or None
    cookies = getattr(request, "cookies", None) or {}
    return cookies.get("token")


def _first_record(body: Any) -> Any:
    """The file record of an upload answer: the record itself, or the first of "files"/"result"."""
    if isinstance(body, dict):
        for key in ("result", "files"):
            value = body.get(key)
            if isinstance(value, list) and value:
                return value[0]
            if isinstance(value, dict):
                return _first_record(value) if "files" in value else value
        return body
    return None


def _stored_text(name: str, record: Any) -> str:
    if isinstance(record, dict) and record.get("downloadUrl"):
        return f"Stored {record.get('name', name)}: [Download {record.get('name', name)}]({record['downloadUrl']})"
    return f"Stored {name}."


async def _emit_files(emitter: Emitter, results: list) -> None:
    """Puts created or changed files into the chat message as attachments (Open-WebUI's "files" event:
    the message's files list; a click on one that is not an Open-WebUI file opens its url, here the signed
    download link)."""
    if emitter is None or not results:
        return
    files = [{"type": "spreadsheet", "id": "sheetsmith-" + str(r.get("fileId") or uuid.uuid4()),
              "name": r.get("name"), "url": r["downloadUrl"], "size": r.get("sizeBytes")} for r in results]
    await emitter({"type": "files", "data": {"files": files}})
