package dev.sheetsmith.server;

import static dev.sheetsmith.server.McpHttp.ok;
import static dev.sheetsmith.server.McpHttp.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * import_from_openwebui against a fake of Open-WebUI's files API that answers as Open-WebUI's source
 * does (FakeOpenWebUi): the file is fetched with the configured key, only from the configured URL,
 * stored for the caller and read back raw from the download; a gateway's end user gets only a file
 * Open-WebUI says is theirs; a wrong id, a name that is no
 * spreadsheet, an id that tries to leave the files API, a file over limits.maxImportBytes (with and
 * without a length), a wrong key and an unconfigured server each give a clear tool error and store
 * nothing; the key is never in an answer.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class OpenWebUiImportIT {

    private static final long LIMIT = 200_000;
    private static final FakeOpenWebUi OWUI = new FakeOpenWebUi();
    private static final DropwizardAppExtension<SheetsmithConfiguration> APP = TestServers.app(
            TestServers.tempDir("sheetsmith-openwebui-it"), "openwebui.baseUrl", OWUI.baseUrl() + "/",
            "openwebui.apiKey", FakeOpenWebUi.KEY, "limits.maxImportBytes", Long.toString(LIMIT));

    private McpHttp http;
    private String session;

    @AfterAll
    static void stopFake() {
        OWUI.close();
    }

    @BeforeEach
    void connect() throws Exception {
        http = new McpHttp(APP.getLocalPort());
        session = http.initialize();
    }

    @Test
    void anAttachedWorkbookIsFetchedWithTheKeyAndStoredForTheCaller() throws Exception {
        String id = "7f0c2a4e-9b1d-4c3e-8f5a-1d2e3f4a5b6c";
        OWUI.put(id, "sales Q1.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx());
        OWUI.seen.clear();

        JsonNode stored = ok(http.callTool(session, "import_from_openwebui", Map.of("file_id", id)));

        assertThat(OWUI.seen).containsExactly(new FakeOpenWebUi.Seen("/api/v1/files/" + id,
                "Bearer " + FakeOpenWebUi.KEY), new FakeOpenWebUi.Seen("/api/v1/files/" + id + "/content",
                "Bearer " + FakeOpenWebUi.KEY));
        assertThat(stored.path("structuredContent").path("name").asText()).isEqualTo("sales Q1.xlsx");
        assertThat(stored.toString()).doesNotContain(FakeOpenWebUi.KEY);
        String raw = sheetXml(http.download(McpHttp.linkIn(text(stored))).body());
        assertThat(raw).contains("Region").contains("North").contains("<v>120").contains("<v>80");
        JsonNode read = ok(http.callTool(session, "read_range", Map.of("file", "sales Q1.xlsx", "range", "A2:B3")));
        assertThat(read.path("structuredContent").path("rows").toString()).isEqualTo("[[\"North\",120],[\"South\",80]]");

        // the attachment's link pasted from the chat, on any host: only its id is taken, and asked of the configured URL
        OWUI.seen.clear();
        JsonNode linked = ok(http.callTool(session, "import_from_openwebui", Map.of("file_id",
                "https://evil.example/api/v1/files/" + id + "/content?attachment=true", "name", "linked.xlsx")));
        assertThat(linked.path("structuredContent").path("name").asText()).isEqualTo("linked.xlsx");
        assertThat(OWUI.seen).extracting(FakeOpenWebUi.Seen::path).containsExactly("/api/v1/files/" + id,
                "/api/v1/files/" + id + "/content");

        // a csv under a name the model gives; its format is the name's
        String csvId = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
        OWUI.put(csvId, "export.csv", "text/csv", "Item,Price\nPen,2\nInk,5\n".getBytes(StandardCharsets.UTF_8));
        JsonNode csv = ok(http.callTool(session, "import_from_openwebui", Map.of("file_id", csvId, "name",
                "stationery.csv")));
        assertThat(csv.path("structuredContent").path("name").asText()).isEqualTo("stationery.xlsx");
        assertThat(sheetXml(http.download(McpHttp.linkIn(text(csv))).body())).contains("Ink").contains("<v>5");
        // the caller's own: another end user does not see it
        assertThat(http.callTool(session, "list_files", Map.of()).toString()).contains("stationery.xlsx");
    }

    /** An attached ods whose formula has no Excel form: the tool's answer names the cell that kept its value. */
    @Test
    void anAttachedOdsNamesTheFormulaItKeptAsAValue() throws Exception {
        OWUI.put("ods-1", "union.ods", "application/vnd.oasis.opendocument.spreadsheet",
                OdsImportIT.odsWithAnUnconvertibleFormula());
        JsonNode stored = ok(http.callTool(session, "import_from_openwebui", Map.of("file_id", "ods-1")));
        assertThat(text(stored)).contains("Not carried over:").contains("sheet 'Data', cell C2");
        assertThat(stored.path("structuredContent").path("notes").get(0).asText()).contains("kept its value (10)");
    }

    @Test
    void aWrongIdANonSpreadsheetAndAnIdThatLeavesTheFilesApiAreClearErrorsThatStoreNothing() throws Exception {
        String before = files();
        OWUI.seen.clear();

        JsonNode missing = http.callTool(session, "import_from_openwebui", Map.of("file_id",
                "11111111-2222-4333-8444-555555555555"));
        assertThat(missing.path("isError").asBoolean()).isTrue();
        assertThat(text(missing)).contains("Open-WebUI has no file '11111111-2222-4333-8444-555555555555'")
                .contains("'file_id'").contains("Nothing was stored").doesNotContain(FakeOpenWebUi.KEY);
        assertThat(OWUI.seen).hasSize(1);

        OWUI.put("pdf-1", "report.pdf", "application/pdf", "%PDF-1.4".getBytes(StandardCharsets.US_ASCII));
        JsonNode pdf = http.callTool(session, "import_from_openwebui", Map.of("file_id", "pdf-1"));
        assertThat(text(pdf)).contains("'report.pdf' is not a spreadsheet this server reads").contains(".xlsx")
                .contains(".csv");
        JsonNode named = http.callTool(session, "import_from_openwebui", Map.of("file_id", "pdf-1", "name",
                "notes.docx"));
        assertThat(text(named)).contains("'notes.docx' is not a spreadsheet").contains("Nothing was fetched");
        assertThat(OWUI.seen).hasSize(3); // the file model and content of pdf-1; the name given was refused before asking

        for (String bad : new String[] {"../users", "x/../../api/v1/users", "a?b=1", "http://evil.example/f",
                "id%2F.."}) {
            JsonNode refused = http.callTool(session, "import_from_openwebui", Map.of("file_id", bad));
            assertThat(refused.path("isError").asBoolean()).as(bad).isTrue();
            assertThat(text(refused)).as(bad).contains("'file_id' must be the id of a file attached in the chat");
        }
        assertThat(OWUI.seen).hasSize(3);
        assertThat(files()).isEqualTo(before);
    }

    @Test
    void aFileOverTheImportLimitIsRefusedWhileItStreamsAndStoresNothing() throws Exception {
        String before = files();
        long size = 64L * 1024 * 1024;
        OWUI.putEndless("endless-1", size);

        JsonNode refused = http.callTool(session, "import_from_openwebui", Map.of("file_id", "endless-1"));
        assertThat(refused.path("isError").asBoolean()).isTrue();
        assertThat(text(refused)).contains("'endless-1.csv' has more than " + LIMIT + " bytes")
                .contains("limits.maxImportBytes").contains("Nothing was stored");
        for (int i = 0; i < 100 && OWUI.endlessWritten.get() == 0; i++) {
            Thread.sleep(50);
        }
        // the fake stopped writing when Sheetsmith went away, far short of the whole file
        assertThat(OWUI.endlessWritten.get()).isPositive().isLessThan(size / 2);

        OWUI.put("long-1", "long.csv", "text/csv", new byte[(int) LIMIT + 1]);
        JsonNode tooLong = http.callTool(session, "import_from_openwebui", Map.of("file_id", "long-1"));
        assertThat(text(tooLong)).contains("'long.csv' has " + (LIMIT + 1) + " bytes").contains("limits.maxImportBytes");
        assertThat(files()).isEqualTo(before);
    }

    @Test
    void unconfiguredOrWithAWrongKeyTheToolSaysWhatTheOperatorMustDoAndStoresNothing() throws Exception {
        Path data = TestServers.tempDir("sheetsmith-openwebui-off-it");
        // Dropwizard's overrides are JVM-wide system properties: the running app's must be overridden here.
        DropwizardTestSupport<SheetsmithConfiguration> off = TestServers.support(data, "openwebui.baseUrl", "",
                "openwebui.apiKey", "");
        off.before();
        try {
            McpHttp other = new McpHttp(off.getLocalPort());
            String id = other.initialize();
            OWUI.seen.clear();
            JsonNode result = other.callTool(id, "import_from_openwebui", Map.of("file_id", "7f0c2a4e"));
            assertThat(result.path("isError").asBoolean()).isTrue();
            assertThat(text(result)).contains("import_from_openwebui is off on this server")
                    .contains("openwebui.baseUrl").contains("SHEETSMITH_OPENWEBUI_URL").contains("Nothing was stored");
            assertThat(other.callTool(id, "list_files", Map.of()).path("structuredContent").path("files")).isEmpty();
            assertThat(OWUI.seen).isEmpty();
        } finally {
            off.after();
        }

        String wrongKey = "sk-wrong-0000000000000000";
        OWUI.put("kept-1", "kept.csv", "text/csv", "a\n1\n".getBytes(StandardCharsets.UTF_8));
        DropwizardTestSupport<SheetsmithConfiguration> wrong = TestServers.support(TestServers.tempDir(
                "sheetsmith-openwebui-key-it"), "openwebui.baseUrl", OWUI.baseUrl(), "openwebui.apiKey", wrongKey);
        wrong.before();
        try {
            McpHttp other = new McpHttp(wrong.getLocalPort());
            String id = other.initialize();
            JsonNode result = other.callTool(id, "import_from_openwebui", Map.of("file_id", "kept-1"));
            assertThat(result.path("isError").asBoolean()).isTrue();
            assertThat(text(result)).contains("Open-WebUI refused Sheetsmith's key (HTTP 401)")
                    .contains("openwebui.apiKey");
            assertThat(result.toString()).doesNotContain(wrongKey);
            assertThat(OWUI.seen.get(OWUI.seen.size() - 1).authorization()).isEqualTo("Bearer " + wrongKey);
            assertThat(other.callTool(id, "list_files", Map.of()).path("structuredContent").path("files")).isEmpty();
        } finally {
            wrong.after();
        }
    }

    @Test
    void aGatewaysEndUserImportsOnlyTheirOwnAttachment() throws Exception {
        Path data = TestServers.tempDir("sheetsmith-openwebui-owner-it");
        String gateway = TestServers.keys(data).create(new dev.sheetsmith.domain.Owner("openwebui"),
                dev.sheetsmith.domain.Role.USER, true).secret();
        OWUI.put("c0ffee00-1111-4222-8333-444455556666", "owui-user-7", "budget.csv", "text/csv",
                "Line,Cost\nRent,900\n".getBytes(StandardCharsets.UTF_8));
        DropwizardTestSupport<SheetsmithConfiguration> app = TestServers.support(data, "openwebui.baseUrl",
                OWUI.baseUrl(), "openwebui.apiKey", FakeOpenWebUi.KEY);
        app.before();
        try {
            java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
            java.util.function.Function<String, java.net.http.HttpResponse<String>> importAs = user -> {
                try {
                    return client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                            + app.getLocalPort() + "/api/tools/import_from_openwebui"))
                            .header("Content-Type", "application/json").header("Authorization", "Bearer " + gateway)
                            .header("X-OpenWebUI-User-Id", user)
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                    "{\"file_id\":\"c0ffee00-1111-4222-8333-444455556666\"}")).build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            };
            java.net.http.HttpResponse<String> other = importAs.apply("owui-user-8");
            assertThat(other.statusCode()).isEqualTo(400);
            assertThat(other.body()).contains("Open-WebUI has no file 'c0ffee00-1111-4222-8333-444455556666' of yours")
                    .contains("'file_id'");
            java.net.http.HttpResponse<String> own = importAs.apply("owui-user-7");
            assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
            assertThat(McpHttp.JSON.readTree(own.body()).path("result").path("name").asText()).isEqualTo("budget.xlsx");
            assertThat(own.body()).doesNotContain(FakeOpenWebUi.KEY);
        } finally {
            app.after();
        }
    }

    private String files() throws Exception {
        return http.callTool(session, "list_files", Map.of()).path("structuredContent").path("files").toString();
    }

    private static byte[] xlsx() throws Exception {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            var sheet = workbook.createSheet("Sales");
            Object[][] rows = {{"Region", "Amount"}, {"North", 120}, {"South", 80}};
            for (int r = 0; r < rows.length; r++) {
                var row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    if (rows[r][c] instanceof Integer n) {
                        row.createCell(c).setCellValue(n);
                    } else {
                        row.createCell(c).setCellValue((String) rows[r][c]);
                    }
                }
            }
            workbook.write(out);
            return out.toByteArray();
        }
    }

    /** The first sheet's XML and the shared strings, read with java.util.zip (not POI). */
    private static String sheetXml(byte[] xlsx) throws Exception {
        StringBuilder xml = new StringBuilder();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(xlsx))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (e.getName().equals("xl/worksheets/sheet1.xml") || e.getName().equals("xl/sharedStrings.xml")) {
                    xml.append(new String(zip.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        assertThat(xml).as("sheet1.xml").contains("<sheetData");
        return xml.toString();
    }
}
