package dev.sheetsmith.server;

import static dev.sheetsmith.server.McpHttp.ok;
import static dev.sheetsmith.server.McpHttp.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sheetsmith.adapters.http.tools.LargeRequests;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Issue #17 item 3 on the whole app: a large create_excel_file or append_rows body is read as a
 * stream (its rows spilled to disk as they arrive) on /mcp and /api/tools, and gives the same
 * workbook as the tree path, read back from the zip's XML; bad rows deep in a streamed body are
 * refused naming sheet, row and column with nothing created; a client cannot send the server's
 * reference to spilled rows.
 */
class StreamedCreateIT {

    @RegisterExtension
    static final McpApp APP = McpApp.start("sheetsmith-streamed-it", "limits.maxCellsPerCall", "1000000");

    private final McpHttp http = APP.http();
    private final String session = APP.session(http);
    private final HttpClient client = HttpClient.newHttpClient();

    /** Every kind of value the tools take, with the JSON escapes and number forms a body can hold. */
    private static List<Object> values(int r) {
        List<Object> row = new ArrayList<>();
        row.add(r);
        row.add("tab\there \"quoted\" back\\slash <&> Ünïcødé 😀 中文 " + r);
        row.add(r * 0.25 + 1.5e-7);
        row.add(r % 2 == 0);
        row.add(null);
        row.add("2024-02-29");
        row.add("2024-03-01T12:34:56Z");
        row.add(12345678901234567890.0 * r);
        row.add(new java.math.BigInteger("123456789012345678901234567890"));
        row.add(-9007199254740993L);
        row.add(6.02e23);
        row.add("'=not a formula");
        row.add("");
        return row;
    }

    private static Map<String, Object> withFormulas(Map<String, Object> arguments) {
        return arguments;
    }

    private static List<Object> rows(int count, boolean formulas) {
        List<Object> rows = new ArrayList<>();
        for (int r = 0; r < count; r++) {
            List<Object> row = values(r);
            if (formulas) {
                row.add("=A" + (r + 2) + "*2");
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<Object> records(int count) {
        List<Object> records = new ArrayList<>();
        for (int r = 0; r < count; r++) {
            Map<String, Object> record = new LinkedHashMap<>();
            List<Object> v = values(r);
            for (int c = 0; c < v.size(); c++) {
                if (!(r % 3 == 1 && c == 4)) { // some records leave a key out
                    record.put("k" + c, v.get(c));
                }
            }
            records.add(record);
        }
        return records;
    }

    private static List<String> headers(int count) {
        List<String> headers = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            headers.add("h" + c);
        }
        return headers;
    }

    @Test
    void theStreamedPathWritesTheSameWorkbookAsTheTreePathOnMcpAndOnTheToolsRoute() throws Exception {
        List<Map<String, Object>> shapes = List.of(
                Map.of("data", rows(300, false), "headers", headers(13)),
                Map.of("data", rows(300, true), "headers", headers(14)),
                Map.of("data", records(300)),
                Map.of("sheet_data", withHeaderRow(rows(50, false))),
                Map.of("sheets", List.of(Map.of("name", "One", "data", rows(40, false), "headers", headers(13)),
                        Map.of("name", "Two", "data", records(30)))),
                Map.of("data", rows(200, false), "headers", headers(13), "formatting", Map.of("number_format", "0.00",
                        "alternate_row_colors", true)));
        int n = 0;
        for (Map<String, Object> shape : shapes) {
            for (boolean onMcp : List.of(true, false)) {
                n++;
                Map<String, Object> tree = new LinkedHashMap<>(shape);
                tree.put("filename", "tree" + n + ".xlsx");
                Map<String, Object> streamed = new LinkedHashMap<>(shape);
                streamed.put("filename", "streamed" + n + ".xlsx");
                byte[] a = download(onMcp ? viaMcp("create_excel_file", tree, false) : viaApi("create_excel_file", tree, false));
                long before = LargeRequests.spilledArrays();
                byte[] b = download(onMcp ? viaMcp("create_excel_file", streamed, true)
                        : viaApi("create_excel_file", streamed, true));
                assertThat(LargeRequests.spilledArrays()).as("the streamed call spilled its rows").isGreaterThan(before);
                assertSameCells(a, b, shape.keySet() + (onMcp ? " on /mcp" : " on /api/tools"));
            }
        }
    }

    private static List<Object> withHeaderRow(List<Object> rows) {
        List<Object> all = new ArrayList<>();
        all.add(new ArrayList<>(headers(13)));
        all.addAll(rows);
        return all;
    }

    @Test
    void appendRowsStreamsTheSameRowsAsTheTreePath() throws Exception {
        for (boolean onMcp : List.of(true, false)) {
            String suffix = onMcp ? "m" : "a";
            for (String name : List.of("app-tree-" + suffix, "app-streamed-" + suffix)) {
                ok(http.callTool(session, "create_excel_file", Map.of("filename", name + ".xlsx", "data",
                        rows(3, false), "headers", headers(13))));
            }
            Map<String, Object> tree = Map.of("file", "app-tree-" + suffix + ".xlsx", "data", rows(250, false));
            Map<String, Object> streamed = Map.of("file", "app-streamed-" + suffix + ".xlsx", "data", rows(250, false));
            byte[] a = download(onMcp ? viaMcp("append_rows", tree, false) : viaApi("append_rows", tree, false));
            long before = LargeRequests.spilledArrays();
            byte[] b = download(onMcp ? viaMcp("append_rows", streamed, true) : viaApi("append_rows", streamed, true));
            assertThat(LargeRequests.spilledArrays()).isGreaterThan(before);
            assertSameCells(a, b, "append_rows" + (onMcp ? " on /mcp" : " on /api/tools"));
        }
    }

    @Test
    void aBadCellDeepInAStreamedBodyIsRefusedNamingItAndNothingIsCreated() throws Exception {
        List<Object> data = rows(3000, false);
        @SuppressWarnings("unchecked")
        List<Object> bad = (List<Object>) data.get(2499);
        bad.set(1, "bell\u0007");
        long blobs = TestServers.filesUnder(APP.dataDir());
        int files = filesCount();
        long spills = spillFiles();
        for (boolean onMcp : List.of(true, false)) {
            Map<String, Object> arguments = Map.of("filename", "bad.xlsx", "data", data, "headers", headers(13));
            String error = onMcp ? text(streamedMcp("create_excel_file", arguments))
                    : streamedApi("create_excel_file", arguments).path("error").asText();
            assertThat(error).contains("sheet 'Sheet1', data[2499] (data row 2500), column 'h1' (B): text contains the"
                    + " control character U+0007");
        }
        Map<String, Object> records = Map.of("filename", "bad.xlsx", "sheets", List.of(Map.of("name", "People",
                "data", List.of(Map.of("a", 1), Map.of("a", List.of(1, 2))))));
        assertThat(text(streamedMcp("create_excel_file", records))).contains("sheet 'People', data[1] (data row 2),"
                + " column 'a' (A): the value is a list");
        assertThat(filesCount()).isEqualTo(files);
        assertThat(TestServers.filesUnder(APP.dataDir())).isEqualTo(blobs);
        assertThat(spillFiles()).as("no spilled rows are left behind").isEqualTo(spills);
    }

    @Test
    void aClientCannotSendTheServersReferenceToSpilledRows() throws Exception {
        Map<String, Object> forged = Map.of("$spilled_rows", java.util.UUID.randomUUID().toString());
        int files = filesCount();
        for (boolean streamed : List.of(false, true)) {
            String mcp = text(call(() -> viaMcp("create_excel_file", Map.of("filename", "forged.xlsx", "data", forged),
                    streamed)));
            assertThat(mcp).contains("'data' is an object with the key '$spilled_rows', which only the server makes");
            HttpResponse<String> api = postApi("create_excel_file", McpHttp.JSON.writeValueAsString(Map.of("filename",
                    "forged.xlsx", "sheets", List.of(Map.of("name", "S", "data", forged)))), streamed);
            assertThat(api.statusCode()).isEqualTo(400);
            assertThat(api.body()).contains("sheets[0].data is an object with the key '$spilled_rows'");
            String append = text(call(() -> viaMcp("append_rows", Map.of("file", "nope.xlsx", "data", forged),
                    streamed)));
            assertThat(append).contains("only the server makes");
        }
        assertThat(filesCount()).isEqualTo(files);
    }

    @Test
    void theSdkClientCreatesALargeWorkbookThatStreams() throws Exception {
        long before = LargeRequests.spilledArrays();
        try (McpSyncClient sdk = APP.sdkClient()) {
            McpSchema.CallToolResult result = sdk.callTool(new McpSchema.CallToolRequest("create_excel_file",
                    Map.of("filename", "sdk.xlsx", "data", rows(20_000, false), "headers", headers(13))));
            assertThat(result.isError()).as(result.toString()).isNotEqualTo(Boolean.TRUE);
        }
        assertThat(LargeRequests.spilledArrays()).as("a body over 1 MiB streams by default").isGreaterThan(before);
        JsonNode last = ok(http.callTool(session, "read_range", Map.of("file", "sdk.xlsx", "range", "A20001:B20001")));
        assertThat(last.path("structuredContent").path("rows").toString()).isEqualTo("[[19999,\"tab\\there \\\"quoted\\\""
                + " back\\\\slash <&> Ünïcødé 😀 中文 19999\"]]");
    }

    // --- helpers

    private JsonNode call(Callable<JsonNode> call) throws Exception {
        return call.call();
    }

    private JsonNode streamedMcp(String tool, Map<String, Object> arguments) throws Exception {
        return viaMcp(tool, arguments, true);
    }

    private JsonNode streamedApi(String tool, Map<String, Object> arguments) throws Exception {
        HttpResponse<String> response = postApi(tool, McpHttp.JSON.writeValueAsString(arguments), true);
        return McpHttp.JSON.readTree(response.body());
    }

    /** A tools/call on /mcp, the body streamed (the threshold at 0) or read whole (the threshold above it). */
    private JsonNode viaMcp(String tool, Map<String, Object> arguments, boolean streamed) throws Exception {
        String previous = System.setProperty(LargeRequests.THRESHOLD_PROPERTY, streamed ? "0" : "2000000000");
        try {
            return http.callTool(session, tool, arguments);
        } finally {
            restore(previous);
        }
    }

    private JsonNode viaApi(String tool, Map<String, Object> arguments, boolean streamed) throws Exception {
        HttpResponse<String> response = postApi(tool, McpHttp.JSON.writeValueAsString(arguments), streamed);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return McpHttp.JSON.createObjectNode().set("structuredContent", McpHttp.JSON.readTree(response.body())
                .path("result"));
    }

    private HttpResponse<String> postApi(String tool, String body, boolean streamed) throws Exception {
        String previous = System.setProperty(LargeRequests.THRESHOLD_PROPERTY, streamed ? "0" : "2000000000");
        try {
            return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort() + "/api/tools/"
                    + tool)).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } finally {
            restore(previous);
        }
    }

    private static void restore(String previous) {
        if (previous == null) {
            System.clearProperty(LargeRequests.THRESHOLD_PROPERTY);
        } else {
            System.setProperty(LargeRequests.THRESHOLD_PROPERTY, previous);
        }
    }

    private byte[] download(JsonNode result) throws Exception {
        JsonNode content = ok(result.has("isError") ? result : result).path("structuredContent");
        return http.download(content.path("downloadUrl").asText()).body();
    }

    private int filesCount() throws Exception {
        return http.callTool(session, "list_files", Map.of()).path("structuredContent").path("files").size();
    }

    private static long spillFiles() throws Exception {
        try (var list = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return list.filter(p -> p.getFileName().toString().startsWith("sheetsmith-rows-")).count();
        }
    }

    /**
     * The two workbooks hold the same cells: every sheet's XML (cell types, values, formulas,
     * style indexes, inline strings) and the styles and shared strings are the same, read with
     * java.util.zip and the JDK's DOM parser, and the sheets are not empty.
     */
    private static void assertSameCells(byte[] a, byte[] b, String what) throws Exception {
        Map<String, String> left = parts(a);
        Map<String, String> right = parts(b);
        assertThat(right.keySet()).as(what).isEqualTo(left.keySet());
        for (String name : left.keySet()) {
            if (name.startsWith("xl/worksheets/") || name.equals("xl/styles.xml") || name.equals("xl/sharedStrings.xml")
                    || name.equals("xl/workbook.xml")) {
                assertThat(cells(right.get(name), name)).as(what + ": " + name).isEqualTo(cells(left.get(name), name));
            }
        }
        assertThat(cells(left.get("xl/worksheets/sheet1.xml"), "sheet1").size()).as(what).isGreaterThan(20);
    }

    private static Map<String, String> parts(byte[] xlsx) throws Exception {
        Map<String, String> parts = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(xlsx))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                parts.put(e.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return parts;
    }

    /** A sheet's cells as "ref type style: value | formula" lines; other parts as their text content. */
    private static List<String> cells(String xml, String name) throws Exception {
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(
                xml.getBytes(StandardCharsets.UTF_8)));
        NodeList cs = doc.getElementsByTagName("c");
        List<String> out = new ArrayList<>();
        if (cs.getLength() == 0) {
            out.add(doc.getDocumentElement().getTextContent());
            NodeList all = doc.getElementsByTagName("*");
            for (int i = 0; i < all.getLength(); i++) {
                Element e = (Element) all.item(i);
                StringBuilder attrs = new StringBuilder(e.getTagName());
                for (int j = 0; j < e.getAttributes().getLength(); j++) {
                    attrs.append(' ').append(e.getAttributes().item(j));
                }
                out.add(attrs.toString());
            }
            return out;
        }
        for (int i = 0; i < cs.getLength(); i++) {
            Element c = (Element) cs.item(i);
            out.add(c.getAttribute("r") + " " + c.getAttribute("t") + " " + c.getAttribute("s") + ": "
                    + c.getTextContent() + " | " + textOf(c, "f"));
        }
        return out;
    }

    private static String textOf(Element c, String tag) {
        NodeList l = c.getElementsByTagName(tag);
        return l.getLength() == 0 ? "" : l.item(0).getTextContent();
    }
}
