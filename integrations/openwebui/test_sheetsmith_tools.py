"""Tests of the Open-WebUI tool against a running Sheetsmith server.

Needs SHEETSMITH_URL and SHEETSMITH_GATEWAY_KEY (a key made with keys create --gateway); .ci/run
starts a server and sets both. Run: python3 -m unittest discover -s integrations/openwebui -v
"""

import asyncio
import inspect
import io
import os
import unittest
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
