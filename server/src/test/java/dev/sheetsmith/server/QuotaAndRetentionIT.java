package dev.sheetsmith.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A per-owner storage quota stops a write before anything is stored; old files are purged by a job. */
class QuotaAndRetentionIT {

    private static final Path DATA = TestServers.tempDir("sheetsmith-quota-it");
    @RegisterExtension
    static final McpApp APP = McpApp.on(DATA,
            "limits.ownerQuotaBytes", "9000", "files.maxAgeDays", "30", "files.retentionInterval", "1 second");

    @Test
    void aWriteOverTheQuotaIsAToolErrorAndStoresNothing() throws Exception {
        McpHttp http = new McpHttp(APP.getLocalPort());
        String session = http.initialize();
        JsonNode first = http.callTool(session, "create_excel_file", Map.of("filename", "one", "headers", List.of("a")));
        assertThat(first.path("isError").asBoolean()).isFalse();
        JsonNode second = http.callTool(session, "create_excel_file", Map.of("filename", "two", "headers", List.of("a")));
        assertThat(second.path("isError").asBoolean()).isFalse();
        long before = TestServers.filesUnder(DATA.resolve("files"));
        JsonNode third = http.callTool(session, "create_excel_file", Map.of("filename", "three", "headers", List.of("a")));
        assertThat(third.path("isError").asBoolean()).isTrue();
        assertThat(third.path("content").get(0).path("text").asText()).contains("limits.ownerQuotaBytes")
                .contains("nothing was stored");
        assertThat(TestServers.filesUnder(DATA.resolve("files"))).isEqualTo(before);
    }

    @Test
    void filesUnchangedForLongerThanTheLimitArePurgedAndShownBeforehand() throws Exception {
        McpHttp http = new McpHttp(APP.getLocalPort());
        String session = http.initialize();
        JsonNode created = http.callTool(session, "create_excel_file", Map.of("filename", "stale", "headers",
                List.of("a")));
        String id = created.path("structuredContent").path("fileId").asText();
        String link = created.path("structuredContent").path("downloadUrl").asText();
        Jdbi.create("jdbc:h2:file:" + DATA.resolve("db").toAbsolutePath(), "sa", "").useHandle(h -> h
                .createUpdate("UPDATE files SET updated_at = :old WHERE id = :id")
                .bind("old", Timestamp.from(Instant.now().minus(40, ChronoUnit.DAYS))).bind("id", id).execute());
        HttpResponse<String> preview = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + APP.getLocalPort() + "/api/admin/retention")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(preview.body()).contains(id).contains("stale.xlsx");
        int status = 200;
        for (int i = 0; i < 50 && status == 200; i++) {
            Thread.sleep(200);
            status = http.download(link).statusCode();
        }
        assertThat(status).isEqualTo(404);
    }
}
