"""
title: Sheetsmith spreadsheets
author: Sheetsmith
description: Create, read and edit Excel workbooks on a Sheetsmith server; every answer carries a download link.
version: 0.1.0
license: MIT
"""

# A workspace tool for Open-WebUI. Open-WebUI runs this module once and shares one Tools() instance
# between every user and chat of a worker, so this class keeps no state of its own: every call is
# one stateless HTTP request to Sheetsmith's OpenAPI routes, carrying the calling user's id.

import asyncio
import json
import urllib.error
import urllib.request
from typing import Any, Awaitable, Callable, Optional, Union

from pydantic import BaseModel, Field

Emitter = Optional[Callable[[dict], Awaitable[None]]]
# Rows of cells. Open-WebUI turns these hints into the function schema the model sees, and OpenAI
# refuses an array without a typed "items" (the whole chat request fails), so every list says what
# it holds. Records [{"Name": "Ada"}] are accepted too (the docstrings say so): a JSON object with
# keys of the model's choosing is something Gemini's schema subset cannot describe.
Cell = Union[str, float, bool]
Rows = list[list[Cell]]


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
            text = await asyncio.to_thread(self._post, tool, args, (user or {}).get("id"))
            await _status(emitter, doing + ": done", True)
            return text
        except SheetsmithError as e:
            await _status(emitter, doing + ": failed", True)
            return str(e)

    def _post(self, tool: str, args: dict, user_id: Optional[str]) -> str:
        url = self.valves.server_url.rstrip("/") + "/api/tools/" + tool
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.valves.api_key:
            headers["Authorization"] = "Bearer " + self.valves.api_key
        if user_id:
            headers["X-OpenWebUI-User-Id"] = str(user_id)
        request = urllib.request.Request(url, data=json.dumps(args).encode("utf-8"), headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.valves.timeout_seconds) as response:
                body = json.loads(response.read().decode("utf-8"))
                return body.get("text") or json.dumps(body.get("result"))
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
