"""Tests of the Open-WebUI tool against a running Sheetsmith server and a fake of Open-WebUI's files API.

Needs SHEETSMITH_URL and SHEETSMITH_GATEWAY_KEY (a key made with keys create --gateway); .ci/run
starts a server and sets both. Run: python3 -m unittest discover -s integrations/openwebui -v
"""

import asyncio
import http.server
import inspect
import io
import json
import os
import threading
import unittest
import urllib.parse
import urllib.request
import uuid
import typing
import zipfile

from sheetsmith_tools import Tools

URL = os.environ.get("SHEETSMITH_URL", "http://127.0.0.1:9080")
KEY = os.environ.get("SHEETSMITH_GATEWAY_KEY", "")


def make_tools(url: str = URL, key: str = KEY) -> Tools:
    tools = Tools()
    tools.valves = Tools.Valves(server_url=url, api_key=key, timeout_seconds=30)
    return tools


class Events:
    def __init__(self):
        self.seen = []

    async def __call__(self, event):
        self.seen.append(event)


class FakeOpenWebUI:
    """Open-WebUI's files API as its source answers (backend/open_webui/routers/files.py, v0.6.x-0.7):
    GET /api/v1/files/{id} gives the file model {"id", "user_id", "hash", "filename", "data", "meta":
    {"name", "content_type", "size"}, "created_at", "updated_at"}; GET /api/v1/files/{id}/content the
    bytes with Content-Disposition: attachment; filename*=UTF-8''<name>. Both need a Bearer token (none:
    401 {"detail": "Not authenticated"}); a user reads their own files, the admin key every file, and
    anything else is 404 {"detail": "We could not find what you're looking for :/"}. A real HTTP server
    on a free loopback port that records each request's path and Authorization header."""

    ADMIN_KEY = "sk-admin-5c1e9a"

    def __init__(self):
        self.files = {}  # id -> (owner, name, content type, bytes)
        self.tokens = {}  # user token -> user id
        self.seen = []
        fake = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                fake.seen.append((self.path, self.headers.get("Authorization")))
                auth = self.headers.get("Authorization") or ""
                if not auth.startswith("Bearer "):
                    return self._json(401, {"detail": "Not authenticated"})
                token = auth[7:]
                user = "admin" if token == FakeOpenWebUI.ADMIN_KEY else fake.tokens.get(token)
                if user is None:
                    return self._json(401, {"detail": "Your session has expired or the token is invalid."
                                                      " Please sign in again."})
                parts = self.path.split("/")  # "", api, v1, files, id[, content]
                file = fake.files.get(parts[4]) if len(parts) >= 5 else None
                if file is None or (user != "admin" and file[0] != user):
                    return self._json(404, {"detail": "We could not find what you're looking for :/"})
                owner, name, content_type, content = file
                if len(parts) == 5:
                    return self._json(200, {"id": parts[4], "user_id": owner, "hash": None, "filename": name,
                                            "data": {}, "meta": {"name": name, "content_type": content_type,
                                                                 "size": len(content)},
                                            "created_at": 1764490000, "updated_at": 1764490000})
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Disposition", "attachment; filename*=UTF-8''" + urllib.parse.quote(name))
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                self.wfile.write(content)

            def _json(self, status, body):
                data = json.dumps(body).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def attach(self, owner, name, content_type, content):
        """A file the user uploaded, and the __files__ entry Open-WebUI's chat request carries for it."""
        file_id = str(uuid.uuid4())
        self.files[file_id] = (owner, name, content_type, content)
        model = {"id": file_id, "user_id": owner, "filename": name, "data": {},
                 "meta": {"name": name, "content_type": content_type, "size": len(content)}}
        return {"type": "file", "file": model, "id": file_id, "url": f"/api/v1/files/{file_id}", "name": name,
                "collection_name": f"file-{file_id}", "status": "uploaded", "size": len(content), "error": "",
                "itemId": str(uuid.uuid4())}

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class Request:
    """The chat request a tool runs in (__request__): the browser sends the user's token as a Bearer header."""

    def __init__(self, token):
        self.headers = {"authorization": "Bearer " + token}
        self.cookies = {}


def files_events(events):
    return [e for e in events.seen if e["type"] == "files"]


@unittest.skipUnless(KEY, "SHEETSMITH_GATEWAY_KEY is not set; .ci/run sets it")
class SheetsmithToolsTest(unittest.TestCase):

    def test_create_returns_a_link_that_downloads_and_reports_status(self):
        events = Events()
        name = f"people-{uuid.uuid4().hex[:8]}"
        text = asyncio.run(make_tools().create_excel_file(
            filename=name, data=[{"Name": "Ada", "Age": 36, "Joined": "2024-03-01"}],
            __user__={"id": "user-a"}, __event_emitter__=events))
        self.assertIn(f"[Download {name}.xlsx](", text)
        link = text.split("](", 1)[1].split(")", 1)[0]
        with urllib.request.urlopen(link) as response:
            self.assertEqual(200, response.status)
            self.assertEqual(b"PK", response.read()[:2])
        self.assertEqual("status", events.seen[0]["type"])
        self.assertFalse(events.seen[0]["data"]["done"])
        self.assertTrue(events.seen[-1]["data"]["done"])

    def test_two_users_do_not_see_each_others_files(self):
        tools = make_tools()
        name = f"private-{uuid.uuid4().hex[:8]}"
        asyncio.run(tools.create_excel_file(filename=name, data=[["x"], [1]], __user__={"id": "user-b"}))
        self.assertIn(name, asyncio.run(tools.list_files(__user__={"id": "user-b"})))
        self.assertNotIn(name, asyncio.run(tools.list_files(__user__={"id": "user-c"})))
        other = asyncio.run(tools.read_range(file=name + ".xlsx", __user__={"id": "user-c"}))
        self.assertIn("Sheetsmith could not do that", other)
        self.assertIn("no file", other)

    def test_edits_and_reads_go_through(self):
        tools = make_tools()
        user = {"id": "user-d"}
        name = f"ledger-{uuid.uuid4().hex[:8]}.xlsx"
        asyncio.run(tools.create_excel_file(filename=name, data=[{"Item": "Pen", "Price": 2}], __user__=user))
        self.assertIn("revision 2", asyncio.run(tools.append_rows(file=name, data=[{"Item": "Ink", "Price": 5}],
                                                                  __user__=user)))
        self.assertIn("revision 3", asyncio.run(tools.write_range(file=name, start_cell="A4",
                                                                  values=[["Total", "=SUM(B2:B3)"]], __user__=user)))
        read = asyncio.run(tools.read_range(file=name, range="A4:B4", __user__=user))
        self.assertIn('["Total",7]', read)
        self.assertIn("not instructions", read)

    def test_a_finished_report_formatting_and_a_chart(self):
        tools = make_tools()
        user = {"id": "user-g"}
        name = f"sales-{uuid.uuid4().hex[:8]}.xlsx"
        created = asyncio.run(tools.create_excel_file(
            filename=name, data=[["Month", "Sales"], ["Jan", 100], ["Feb", 120], ["Mar", 90]],
            formatting={"header_background": "4472C4", "border": True, "number_format": "currency"}, __user__=user))
        self.assertIn("Created", created)
        formatted = asyncio.run(tools.format_cells(file=name, range="A1:B1", bold=True, font_color="white",
                                                   __user__=user))
        self.assertIn("revision 2", formatted)
        charted = asyncio.run(tools.create_chart(file=name, type="column", data_range="A1:B4", title="Sales",
                                                 __user__=user))
        self.assertIn("revision 3", charted)
        link = charted[charted.index("](") + 2:charted.index(")", charted.index("]("))]
        with urllib.request.urlopen(link, timeout=30) as response:
            package = zipfile.ZipFile(io.BytesIO(response.read()))
        chart = package.read("xl/charts/chart1.xml").decode("utf-8")
        self.assertIn("<c:barChart>", chart)
        self.assertIn("$B$2:$B$4", chart)
        styles = package.read("xl/styles.xml").decode("utf-8")
        self.assertIn("4472C4", styles)
        wrong = asyncio.run(tools.create_chart(file=name, type="radar", data_range="A1:B4", __user__=user))
        self.assertTrue(wrong.startswith("Sheetsmith could not do that:"), wrong)

    def test_bad_input_becomes_a_sentence_the_model_can_act_on(self):
        text = asyncio.run(make_tools().create_excel_file(filename="bad", data=[{"a": 1}, "oops"],
                                                          __user__={"id": "user-e"}))
        self.assertTrue(text.startswith("Sheetsmith could not do that:"), text)
        self.assertIn("data[1]", text)
        self.assertNotIn("Traceback", text)

    def test_without_a_user_the_gateway_call_is_refused_not_shared(self):
        # Open-WebUI always passes __user__; without it nobody is named, and the server refuses by default
        # rather than putting every user's files under one owner.
        refused = asyncio.run(make_tools().list_files(__user__=None))
        self.assertTrue(refused.startswith("Sheetsmith refused this call:"), refused)
        self.assertIn("names no end user", refused)
        self.assertNotIn("refused the API key", refused)

    def test_a_wrong_key_and_an_unreachable_server_are_explained(self):
        wrong = asyncio.run(make_tools(key="ssk_0000000000000000_" + "A" * 43).list_files(__user__={"id": "x"}))
        self.assertIn("refused the API key", wrong)
        down = asyncio.run(make_tools(url="http://127.0.0.1:9").list_files(__user__={"id": "x"}))
        self.assertIn("not reachable", down)


@unittest.skipUnless(KEY, "SHEETSMITH_GATEWAY_KEY is not set; .ci/run sets it")
class ChatFilesTest(unittest.TestCase):
    """Attachments go from Open-WebUI to Sheetsmith, and made or changed files come back into the chat."""

    def setUp(self):
        self.owui = FakeOpenWebUI()
        self.tools = make_tools()
        self.tools.valves.openwebui_url = self.owui.url

    def tearDown(self):
        self.owui.close()

    def workbook_bytes(self, user, name):
        made = asyncio.run(self.tools.create_excel_file(filename=name, data=[["Region", "Amount"], ["North", 120],
                                                                              ["South", 80]], __user__=user))
        link = made[made.index("](") + 2:made.index(")", made.index("]("))]
        with urllib.request.urlopen(link, timeout=30) as response:
            return response.read()

    def test_an_attached_workbook_is_handed_to_sheetsmith_with_the_users_token_and_lands_in_the_chat(self):
        user = {"id": "owui-user-1"}
        xlsx = self.workbook_bytes({"id": "someone-else"}, f"source-{uuid.uuid4().hex[:8]}.xlsx")
        name = f"sales-{uuid.uuid4().hex[:8]}.xlsx"
        self.owui.tokens["user-token-1"] = user["id"]
        entry = self.owui.attach(user["id"], name, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                 xlsx)
        events = Events()
        text = asyncio.run(self.tools.import_attached_files(__user__=user, __files__=[entry],
                                                             __request__=Request("user-token-1"),
                                                             __event_emitter__=events))
        self.assertIn(name, text)
        self.assertEqual([(f"/api/v1/files/{entry['id']}/content", "Bearer user-token-1")], self.owui.seen)
        read = asyncio.run(self.tools.read_range(file=name, range="A2:B3", __user__=user))
        self.assertIn('["North",120]', read)
        attached = files_events(events)
        self.assertEqual(1, len(attached))
        item = attached[0]["data"]["files"][0]
        self.assertEqual(name, item["name"])
        self.assertNotEqual("file", item["type"])  # "file" means an Open-WebUI file id to the chat page
        with urllib.request.urlopen(item["url"], timeout=30) as response:
            self.assertEqual(b"PK", response.read()[:2])

    def test_with_the_service_key_only_the_callers_own_attachment_is_read(self):
        self.tools.valves.openwebui_api_key = FakeOpenWebUI.ADMIN_KEY
        entry = self.owui.attach("owui-user-2", "prices.csv", "text/csv", b"Item,Price\nPen,2\nInk,5\n")
        theirs = asyncio.run(self.tools.import_attached_files(__user__={"id": "owui-user-3"}, __files__=[entry]))
        self.assertIn("is not this user's file", theirs)
        self.assertEqual([f"/api/v1/files/{entry['id']}"], [path for path, _ in self.owui.seen])
        mine = asyncio.run(self.tools.import_attached_files(__user__={"id": "owui-user-2"}, __files__=[entry]))
        self.assertIn("prices.xlsx", mine)
        self.assertEqual("Bearer " + FakeOpenWebUI.ADMIN_KEY, self.owui.seen[-1][1])
        self.assertIn('["Ink",5]', asyncio.run(self.tools.read_range(file="prices.xlsx", range="A3:B3",
                                                                      __user__={"id": "owui-user-2"})))
        self.assertNotIn("prices", asyncio.run(self.tools.list_files(__user__={"id": "owui-user-3"})))

    def test_a_file_the_user_may_not_read_and_a_missing_token_are_explained(self):
        self.owui.tokens["user-token-4"] = "owui-user-4"
        entry = self.owui.attach("owui-user-5", "other.csv", "text/csv", b"a\n1\n")
        hidden = asyncio.run(self.tools.import_attached_files(__user__={"id": "owui-user-4"}, __files__=[entry],
                                                               __request__=Request("user-token-4")))
        self.assertIn("Open-WebUI has no file other.csv", hidden)
        anonymous = asyncio.run(self.tools.import_attached_files(__user__={"id": "owui-user-5"}, __files__=[entry]))
        self.assertIn("did not let this tool read other.csv (HTTP 401)", anonymous)
        self.assertIn("openwebui_api_key", anonymous)
        self.assertNotIn("other", asyncio.run(self.tools.list_files(__user__={"id": "owui-user-5"})))

    def test_created_and_changed_files_are_put_into_the_chat_and_reads_are_not(self):
        user = {"id": "owui-user-6"}
        name = f"made-{uuid.uuid4().hex[:8]}.xlsx"
        created, changed, read = Events(), Events(), Events()
        asyncio.run(self.tools.create_excel_file(filename=name, data=[["x"], [1]], __user__=user,
                                                 __event_emitter__=created))
        asyncio.run(self.tools.append_rows(file=name, data=[[2]], __user__=user, __event_emitter__=changed))
        asyncio.run(self.tools.read_range(file=name, __user__=user, __event_emitter__=read))
        for events in (created, changed):
            (event,) = files_events(events)
            (item,) = event["data"]["files"]
            self.assertEqual((name, "spreadsheet"), (item["name"], item["type"]))
            self.assertGreater(item["size"], 0)
            with urllib.request.urlopen(item["url"], timeout=30) as response:
                self.assertEqual(b"PK", response.read()[:2])
        self.assertEqual([], files_events(read))


class AttachmentChoiceTest(unittest.TestCase):
    """What needs no Sheetsmith: which attachments are spreadsheets, and the upload route when a server has it."""

    def test_no_spreadsheet_attached_is_explained_and_nothing_is_fetched(self):
        tools = Tools()
        tools.valves = Tools.Valves(server_url="http://127.0.0.1:9", openwebui_url="http://127.0.0.1:9")
        files = [{"type": "image", "url": "data:image/png;base64,AAAA"},
                 {"type": "file", "id": "f1", "name": "report.pdf", "file": {"meta": {"name": "report.pdf"}}},
                 {"type": "collection", "id": "c1", "name": "Handbook"}]
        text = asyncio.run(tools.import_attached_files(__user__={"id": "u"}, __files__=files))
        self.assertEqual("No spreadsheet is attached to this chat (only report.pdf); ask the user to attach one"
                         " (xlsx, xlsm, csv or ods) and call this again.", text)
        self.assertIn("No spreadsheet is attached to this chat;", asyncio.run(tools.import_attached_files()))

    def test_a_server_that_lists_post_api_files_gets_the_bytes_there(self):
        seen = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                body = json.dumps({"paths": {"/api/files": {"post": {"summary": "Upload"}}}}).encode()
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self):
                content = self.rfile.read(int(self.headers["Content-Length"]))
                seen.append((self.path, self.headers.get("X-Filename"), self.headers.get("Content-Type"), content))
                body = json.dumps({"files": [{"fileId": "f9", "name": "q1.xlsx", "sizeBytes": 9,
                                              "downloadUrl": "http://127.0.0.1/files/f9/q1.xlsx"}]}).encode()
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        sheetsmith = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=sheetsmith.serve_forever, daemon=True).start()
        owui = FakeOpenWebUI()
        try:
            owui.tokens["t"] = "u"
            entry = owui.attach("u", "q1.xlsx", "application/octet-stream", b"PK-not-really")
            tools = Tools()
            tools.valves = Tools.Valves(server_url=f"http://127.0.0.1:{sheetsmith.server_address[1]}",
                                        openwebui_url=owui.url)
            events = Events()
            text = asyncio.run(tools.import_attached_files(__user__={"id": "u"}, __files__=[entry],
                                                            __request__=Request("t"), __event_emitter__=events))
            self.assertEqual([("/api/files?name=q1.xlsx", "q1.xlsx", "application/octet-stream", b"PK-not-really")],
                             seen)
            self.assertIn("[Download q1.xlsx](http://127.0.0.1/files/f9/q1.xlsx)", text)
            self.assertEqual("q1.xlsx", files_events(events)[0]["data"]["files"][0]["name"])
        finally:
            owui.close()
            sheetsmith.shutdown()
            sheetsmith.server_close()


class StatelessTest(unittest.TestCase):

    def test_the_tool_keeps_no_state_between_calls(self):
        tools = Tools()
        before = set(vars(tools))
        self.assertEqual({"valves"}, before)


class SchemaTest(unittest.TestCase):
    """Open-WebUI builds each function's schema from these type hints with pydantic; OpenAI refuses
    an array whose items have no type, and with it the user's whole chat request."""

    def test_every_list_parameter_says_what_it_holds(self):
        from pydantic import TypeAdapter

        def untyped_arrays(schema, at):
            found = []
            if isinstance(schema, dict):
                if schema.get("type") == "array":
                    items = schema.get("items")
                    if not isinstance(items, dict) or not ("type" in items or "anyOf" in items):
                        found.append(at)
                for key, value in schema.items():
                    found += untyped_arrays(value, f"{at}.{key}")
            elif isinstance(schema, list):
                for i, value in enumerate(schema):
                    found += untyped_arrays(value, f"{at}[{i}]")
            return found

        found = []
        for name in dir(Tools):
            method = getattr(Tools, name)
            if name.startswith("_") or not inspect.iscoroutinefunction(method):
                continue
            for param, hint in typing.get_type_hints(method).items():
                if not param.startswith("__") and param != "return":
                    found += untyped_arrays(TypeAdapter(hint).json_schema(), f"{name}.{param}")
        self.assertEqual([], found)


if __name__ == "__main__":
    unittest.main()
