package dev.sheetsmith.server;

import static dev.sheetsmith.server.McpHttp.ok;
import static dev.sheetsmith.server.McpHttp.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Output formats through MCP, with the example Markdown plugin dropped into the plugins folder as
 * its own jar, as an operator would install it.
 */
class FormatsIT {

    static final Path EXAMPLE_JAR = Path.of("../examples/format-markdown/target/sheetsmith-format-markdown-0.1.0-SNAPSHOT.jar");
    private static final Path DATA = TestServers.tempDir("sheetsmith-formats-it");
    @RegisterExtension
    static final McpApp APP = McpApp.on(DATA,
            "plugins.directory", pluginsWithExample(DATA).toString(), "limits.maxImportBytes", "4096");

    private final McpHttp http = APP.http();
    private final String session = APP.session(http);

    static Path pluginsWithExample(Path data) {
        try {
            Path plugins = Files.createDirectories(data.resolve("plugins"));
            Files.copy(EXAMPLE_JAR, plugins.resolve("format-markdown.jar"));
            return plugins;
        } catch (IOException e) {
            throw new UncheckedIOException("build the example plugin first (mvn verify builds it)", e);
        }
    }

    @Test
    void listFormatsAndTheHealthCheckShowBuiltInsAndTheDroppedInJar() throws Exception {
        JsonNode formats = call("list_formats", Map.of()).path("structuredContent").path("formats");
        assertThat(formats.findValuesAsText("id")).contains("xlsx", "csv", "ods", "markdown");
        for (JsonNode f : formats) {
            if (f.path("id").asText().equals("markdown")) {
                assertThat(f.path("source").asText()).isEqualTo("format-markdown.jar");
            }
        }
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + APP.getAdminPort() + "/healthcheck")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.body()).contains("format-plugins").contains("format-markdown.jar");
    }

    @Test
    void aThirdPartyFormatWritesThroughTheServer() throws Exception {
        JsonNode created = ok(call("create_excel_file", Map.of("filename", "team", "format", "markdown",
                "data", List.of(Map.of("Name", "Ada")))));
        assertThat(created.path("structuredContent").path("name").asText()).isEqualTo("team.md");
        HttpResponse<byte[]> download = http.download(created.path("structuredContent").path("downloadUrl").asText());
        assertThat(download.headers().firstValue("Content-Type").orElse("")).startsWith("text/markdown");
        assertThat(new String(download.body(), StandardCharsets.UTF_8)).contains("| Name |").contains("| Ada |");
    }

    @Test
    void exportToCsvAndOdsWithTheirMediaTypes() throws Exception {
        ok(call("create_excel_file", Map.of("filename", "quarters.xlsx", "sheets", List.of(
                Map.of("name", "Q1", "data", List.of(Map.of("Month", "Jan", "Sales", 10), Map.of("Month", "Feb", "Sales", 12))),
                Map.of("name", "Q2", "headers", List.of("Month"))))));
        JsonNode noSheet = call("export_file", Map.of("file", "quarters.xlsx", "format", "csv"));
        assertThat(noSheet.path("isError").asBoolean()).isTrue();
        assertThat(text(noSheet)).contains("2 sheets").contains("'sheet'");

        JsonNode csv = ok(call("export_file", Map.of("file", "quarters.xlsx", "format", "csv", "sheet", "Q1")));
        assertThat(csv.path("structuredContent").path("name").asText()).isEqualTo("quarters.csv");
        HttpResponse<byte[]> csvFile = http.download(csv.path("structuredContent").path("downloadUrl").asText());
        assertThat(csvFile.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        String body = new String(csvFile.body(), StandardCharsets.UTF_8).replace("\uFEFF", "");
        assertThat(body.lines().toList()).hasSize(3);
        assertThat(body).contains("Jan").contains("12");

        JsonNode ods = ok(call("export_file", Map.of("file", "quarters", "format", "ods")));
        HttpResponse<byte[]> odsFile = http.download(ods.path("structuredContent").path("downloadUrl").asText());
        assertThat(odsFile.headers().firstValue("Content-Type").orElse(""))
                .startsWith("application/vnd.oasis.opendocument.spreadsheet");
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(odsFile.body()))) {
            assertThat(zip.getNextEntry().getName()).isEqualTo("mimetype");
            assertThat(new String(zip.readAllBytes(), StandardCharsets.US_ASCII))
                    .isEqualTo("application/vnd.oasis.opendocument.spreadsheet");
        }

        JsonNode twoSheetsCsv = call("create_excel_file", Map.of("filename", "x", "format", "csv", "sheets", List.of(
                Map.of("name", "A", "headers", List.of("a")), Map.of("name", "B", "headers", List.of("b")))));
        assertThat(text(twoSheetsCsv)).contains("csv file holds 1 sheet");
        assertThat(text(call("export_file", Map.of("file", "quarters", "format", "pdf")))).contains("exporting to pdf"
                + " needs LibreOffice");
    }

    @Test
    void importReadsAnUploadedCsvIntoAnEditableWorkbook() throws Exception {
        String csv = "Name,Age,Joined\nAda,36,2024-03-01\nLinus,54,2023-11-15\n";
        JsonNode imported = ok(call("import_file", Map.of("filename", "people.csv",
                "content_base64", Base64.getEncoder().encodeToString(csv.getBytes(StandardCharsets.UTF_8)))));
        assertThat(imported.path("structuredContent").path("name").asText()).isEqualTo("people.xlsx");
        JsonNode rows = ok(call("read_range", Map.of("file", "people.xlsx"))).path("structuredContent").path("rows");
        assertThat(rows.toString()).isEqualTo("[[\"Name\",\"Age\",\"Joined\"],[\"Ada\",36,\"2024-03-01\"],"
                + "[\"Linus\",54,\"2023-11-15\"]]");

        assertThat(text(call("import_file", Map.of("filename", "a.csv", "content_base64", "not base64!"))))
                .contains("not valid base64");
        assertThat(text(call("import_file", Map.of("filename", "a.pdf", "content_base64", "QQ==")))).contains("cannot tell");
        assertThat(text(call("import_file", Map.of("filename", "big.csv", "content_base64",
                Base64.getEncoder().encodeToString(new byte[5000]))))).contains("limits.maxImportBytes");
        assertThat(text(call("import_file", Map.of("filename", "fake.ods", "content_base64", "QUJD"))))
                .contains("could not be read as ods");
    }

    private JsonNode call(String tool, Map<String, Object> args) throws Exception {
        return http.callTool(session, tool, args);
    }
}
