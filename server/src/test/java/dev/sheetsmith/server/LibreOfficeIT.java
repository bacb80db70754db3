package dev.sheetsmith.server;

import static dev.sheetsmith.server.McpHttp.ok;
import static dev.sheetsmith.server.McpHttp.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.DropwizardTestSupport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * LibreOffice as the second engine, through MCP: with libreoffice.enabled, export_file to pdf
 * (read back with poppler's pdftotext) and read_range values our engine cannot compute; with it off
 * (the default), a clear error and nothing stored; with a soffice that hangs, the call is stopped
 * at the timeout. .ci/run installs libreoffice-calc-nogui and poppler-utils and sets
 * SHEETSMITH_REQUIRE_LIBREOFFICE=1, so there a missing soffice fails instead of skipping.
 */
class LibreOfficeIT {

    private DropwizardTestSupport<SheetsmithConfiguration> app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.after();
        }
    }

    private McpHttp start(String... extra) throws Exception {
        app = TestServers.support(TestServers.tempDir("sheetsmith-libreoffice-it"), extra);
        app.before();
        return new McpHttp(app.getLocalPort());
    }

    /** A workbook with text, numbers, a formula POI computes and a coupon function it cannot (Excel: 181). */
    private static void makeBook(McpHttp http, String session) throws Exception {
        ok(http.callTool(session, "create_excel_file", Map.of("filename", "bonds.xlsx", "data", List.of(
                List.of("Item", "Amount"), List.of("Quillstone", 1234.5), List.of("Total", "=B2*2")))));
        ok(http.callTool(session, "write_range", Map.of("file", "bonds.xlsx", "start_cell", "D1", "values",
                List.of(List.of("=COUPDAYS(DATE(2011,1,25),DATE(2011,11,15),2,1)")))));
    }

    @Test
    void switchedOnItExportsAPdfAndFillsValuesOurEngineCannotCompute() throws Exception {
        McpHttp http = start("libreoffice.enabled", "true", "libreoffice.path", soffice());
        String session = http.initialize();
        makeBook(http, session);

        JsonNode formats = ok(http.callTool(session, "list_formats", Map.of()));
        assertThat(formats.toString()).contains("\"pdf\"");

        JsonNode pdf = ok(http.callTool(session, "export_file", Map.of("file", "bonds.xlsx", "format", "pdf")));
        assertThat(pdf.path("structuredContent").path("name").asText()).isEqualTo("bonds.pdf");
        // a document has no sheets to describe: the text says what was made, without an empty list
        assertThat(pdf.path("content").get(0).path("text").asText()).startsWith("Created bonds.pdf (")
                .doesNotContain("): .");
        HttpResponse<byte[]> file = http.download(pdf.path("structuredContent").path("downloadUrl").asText());
        assertThat(file.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
        assertThat(new String(file.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(pdfText(file.body())).contains("Quillstone", "1234.5", "2469", "181");
        // the workbook itself is unchanged
        assertThat(http.fileEntry(session, "bonds.xlsx").path("revision").asInt()).isEqualTo(2);

        JsonNode read = ok(http.callTool(session, "read_range", Map.of("file", "bonds.xlsx", "range", "A1:D3")));
        JsonNode structured = read.path("structuredContent");
        assertThat(structured.path("rows").get(0).get(3).asDouble()).isEqualTo(181.0);
        assertThat(structured.path("unevaluated")).isEmpty();
        if (structured.has("computed_by_libreoffice")) {
            // today POI has no COUPDAYS, so LibreOffice computed it; once our engine does, nothing is marked
            assertThat(structured.path("computed_by_libreoffice").toString()).isEqualTo("[\"D1\"]");
            assertThat(text(read)).contains("computed by LibreOffice").contains("[D1]");
        }
        // a pdf keeps its sheets together: 'sheet' is refused, nothing stored
        int files = files(http, session);
        JsonNode withSheet = http.callTool(session, "export_file", Map.of("file", "bonds.xlsx", "format", "pdf",
                "sheet", "Sheet1"));
        assertThat(withSheet.path("isError").asBoolean()).isTrue();
        assertThat(text(withSheet)).contains("leave out 'sheet'");
        assertThat(files(http, session)).isEqualTo(files);

        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + app.getAdminPort() + "/healthcheck")).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode check = McpHttp.JSON.readTree(health.body()).path("libreoffice");
        assertThat(check.path("healthy").asBoolean()).as(health.body()).isTrue();
        assertThat(check.path("message").asText()).startsWith("LibreOffice");
    }

    @Test
    void switchedOffPdfIsAClearErrorAndNothingChanges() throws Exception {
        McpHttp http = start();
        String session = http.initialize();
        makeBook(http, session);
        int files = files(http, session);

        http.expectToolErrors(session, "bonds.xlsx", Map.of("libreoffice.enabled: true",
                Map.of("tool", "export_file", "format", "pdf")));
        JsonNode refused = http.callTool(session, "export_file", Map.of("file", "bonds.xlsx", "format", "PDF"));
        assertThat(text(refused)).contains("needs LibreOffice").contains("libreoffice-calc-nogui")
                .contains("SHEETSMITH_LIBREOFFICE=true");
        assertThat(files(http, session)).isEqualTo(files);
        assertThat(ok(http.callTool(session, "list_formats", Map.of())).toString()).doesNotContain("\"pdf\"");
        // no second engine: the coupon cell stays listed as not computed (until our engine computes it)
        JsonNode read = ok(http.callTool(session, "read_range", Map.of("file", "bonds.xlsx", "range", "A1:D3")));
        assertThat(read.path("structuredContent").has("computed_by_libreoffice")).isFalse();
    }

    @Test
    void aSofficeThatHangsIsStoppedAtTheTimeoutAndReadsStillAnswer() throws Exception {
        Path dir = TestServers.tempDir("sheetsmith-fake-soffice");
        Path fake = dir.resolve("soffice");
        // answers --version (the health check) but never finishes a conversion
        Files.writeString(fake, "#!/bin/sh\nif [ \"$1\" = --version ]; then echo 'LibreOffice 0.0 fake'; exit 0; fi\n"
                + "echo $$ >> " + dir.resolve("pids") + "\nexec sleep 300\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        McpHttp http = start("libreoffice.enabled", "true", "libreoffice.path", fake.toString(),
                "libreoffice.timeout", "2 seconds");
        String session = http.initialize();
        makeBook(http, session);
        int files = files(http, session);

        long t0 = System.nanoTime();
        JsonNode stopped = http.callTool(session, "export_file", Map.of("file", "bonds.xlsx", "format", "pdf"));
        assertThat(stopped.path("isError").asBoolean()).isTrue();
        assertThat(text(stopped)).contains("LibreOffice did not finish within 2 s (libreoffice.timeout)")
                .contains("nothing was stored");
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0)).isLessThan(20);
        assertThat(files(http, session)).isEqualTo(files);
        for (String pid : Files.readAllLines(dir.resolve("pids"))) {
            assertThat(ProcessHandle.of(Long.parseLong(pid.strip())).map(ProcessHandle::isAlive).orElse(false))
                    .as("fake soffice %s", pid).isFalse();
        }

        // a read whose second engine hangs still answers, with the cell listed as not computed
        JsonNode read = ok(http.callTool(session, "read_range", Map.of("file", "bonds.xlsx", "range", "A1:D3")));
        assertThat(read.path("structuredContent").has("computed_by_libreoffice")).isFalse();
        assertThat(read.path("structuredContent").path("rows").get(1).get(0).asText()).isEqualTo("Quillstone");
    }

    private static int files(McpHttp http, String session) throws Exception {
        return ok(http.callTool(session, "list_files", Map.of())).path("structuredContent").path("files").size();
    }

    static String soffice() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir, "soffice");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        if ("1".equals(System.getenv("SHEETSMITH_REQUIRE_LIBREOFFICE"))) {
            fail("LibreOffice (soffice) is required here but not on the PATH");
        }
        Assumptions.abort("LibreOffice (soffice) is not installed");
        return null;
    }

    /** The PDF's text through poppler's pdftotext, a reader that is not LibreOffice. */
    static String pdfText(byte[] pdf) throws IOException, InterruptedException {
        Path file = Files.createTempFile("sheetsmith-export", ".pdf");
        try {
            Files.write(file, pdf);
            Process p;
            try {
                p = new ProcessBuilder("pdftotext", "-layout", file.toString(), "-").redirectErrorStream(true).start();
            } catch (IOException e) {
                if ("1".equals(System.getenv("SHEETSMITH_REQUIRE_LIBREOFFICE"))) {
                    throw new IOException("pdftotext (poppler-utils) is required here", e);
                }
                Assumptions.abort("pdftotext (poppler-utils) is not installed");
                return null;
            }
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(text).isZero();
            return text;
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
