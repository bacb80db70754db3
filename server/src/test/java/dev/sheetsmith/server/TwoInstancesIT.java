package dev.sheetsmith.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.DropwizardTestSupport;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two server instances on one database (H2 in server mode, over TCP) and one file folder: what
 * one issues, the other honours, as replicas behind a load balancer must.
 */
class TwoInstancesIT {

    private static Server h2;
    private static DropwizardTestSupport<SheetsmithConfiguration> first;
    private static DropwizardTestSupport<SheetsmithConfiguration> second;

    @BeforeAll
    static void start() throws Exception {
        Path data = TestServers.tempDir("sheetsmith-two-it");
        h2 = Server.createTcpServer("-tcpPort", "0", "-baseDir", data.toString(), "-ifNotExists").start();
        String url = "jdbc:h2:tcp://127.0.0.1:" + h2.getPort() + "/shared";
        first = TestServers.support(data, "database.url", url);
        first.before();
        second = TestServers.support(data, "database.url", url);
        second.before();
    }

    @AfterAll
    static void stop() {
        second.after();
        first.after();
        h2.stop();
    }

    /**
     * A server keeps an active key's row for JdbiApiKeyStore.KEY_CACHE_TTL (5 s): a key revoked through one
     * instance stops there at once and on the other within that bound. (Leaves no active key behind: the other
     * tests here run without keys.)
     */
    @Test
    void aKeyRevokedOnOneInstanceStopsThereAtOnceAndOnTheOtherWithinFiveSeconds() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        JsonNode admin = McpHttp.JSON.readTree(admin(http, "POST", "/api/admin/keys", null,
                "{\"owner\":\"ops\",\"role\":\"admin\"}").body());
        String adminKey = admin.path("secret").asText();
        JsonNode user = McpHttp.JSON.readTree(admin(http, "POST", "/api/admin/keys", adminKey,
                "{\"owner\":\"carol\",\"role\":\"user\"}").body());
        String userKey = user.path("secret").asText();
        assertThat(userKey).startsWith("ssk_");
        McpHttp a = new McpHttp(first.getLocalPort());
        McpHttp b = new McpHttp(second.getLocalPort());
        String[] auth = {"Authorization", "Bearer " + userKey};
        String init = McpHttp.request(1, "initialize", Map.of("protocolVersion", "2025-06-18", "capabilities", Map.of(),
                "clientInfo", Map.of("name", "t", "version", "1")));
        assertThat(a.post(null, init, auth).statusCode()).isEqualTo(200);
        assertThat(b.post(null, init, auth).statusCode()).as("the second instance now keeps the key's row").isEqualTo(200);

        assertThat(admin(http, "DELETE", "/api/admin/keys/" + user.path("id").asText(), adminKey, null).statusCode())
                .isEqualTo(200);
        long revoked = System.nanoTime();
        assertThat(a.post(null, init, auth).statusCode()).as("where it was revoked: at once").isEqualTo(401);
        // any row the second instance keeps was read before the revocation, so it is stale 5 s after it at the latest
        long bound = revoked + dev.sheetsmith.adapters.storage.JdbiApiKeyStore.KEY_CACHE_TTL.toNanos();
        Thread.sleep(Math.max(0, (bound - System.nanoTime()) / 1_000_000 + 1));
        assertThat(b.post(null, init, auth).statusCode()).as("on the other instance after the bound").isEqualTo(401);

        assertThat(admin(http, "DELETE", "/api/admin/keys/" + admin.path("id").asText(), adminKey, null).statusCode())
                .isEqualTo(200);
        assertThat(a.post(null, init).statusCode()).as("no active key left: open again").isEqualTo(200);
    }

    private static HttpResponse<String> admin(java.net.http.HttpClient http, String method, String path, String key,
            String body) throws Exception {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                "http://127.0.0.1:" + first.getLocalPort() + path)).method(method, body == null
                        ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(200);
        return response;
    }

    @Test
    void aSessionAndAFileFromOneInstanceWorkOnTheOther() throws Exception {
        McpHttp a = new McpHttp(first.getLocalPort());
        McpHttp b = new McpHttp(second.getLocalPort());
        assertThat(a.url()).isNotEqualTo(b.url());

        String session = a.initialize();
        HttpResponse<String> list = b.post(session, McpHttp.request(2, "tools/list", null));
        assertThat(list.statusCode()).as("urls %s / %s", first.getConfiguration().database.getUrl(),
                second.getConfiguration().database.getUrl()).isEqualTo(200);

        JsonNode created = b.callTool(session, "create_excel_file", Map.of("filename", "shared.xlsx",
                "headers", List.of("x")));
        String link = created.path("structuredContent").path("downloadUrl").asText();
        String pathAndQuery = link.substring(link.indexOf("/files/"));
        assertThat(a.download("http://127.0.0.1:" + first.getLocalPort() + pathAndQuery).statusCode()).isEqualTo(200);

        assertThat(a.send("DELETE", session).statusCode()).isEqualTo(204);
        assertThat(b.post(session, McpHttp.request(3, "ping", null)).statusCode()).isEqualTo(404);
    }

    @Test
    void aReadIndexOneInstanceBuiltIsStoredBesideTheFileAndTheOtherAnswersFromIt() throws Exception {
        McpHttp a = new McpHttp(first.getLocalPort());
        McpHttp b = new McpHttp(second.getLocalPort());
        String sa = a.initialize();
        String sb = b.initialize();
        List<List<Object>> rows = new java.util.ArrayList<>();
        for (int r = 0; r < 700; r++) {
            rows.add(List.of(r, "name " + r, r % 3 == 0, "2024-03-" + (10 + r % 9)));
        }
        String fileId = McpHttp.ok(a.callTool(sa, "create_excel_file", Map.of("filename", "indexed.xlsx", "headers",
                List.of("n", "name", "flag", "when"), "data", rows))).path("structuredContent").path("fileId").asText();
        Map<String, Object> page = Map.of("file", "indexed.xlsx", "range", "A300:D650", "max_cells", 400);

        JsonNode fromA = McpHttp.ok(a.callTool(sa, "read_range", page)).path("structuredContent");
        Path dir = first.getConfiguration().storage.localDirectory().orElseThrow().resolve(fileId);
        List<Path> stored;
        try (var walk = java.nio.file.Files.list(dir)) {
            stored = walk.toList();
        }
        List<Path> indexes = stored.stream().filter(f -> f.getFileName().toString().matches(".*\\.xlsx\\.ri\\d+")).toList();
        assertThat(indexes).as("the read index beside the revision, among %s", stored).hasSize(1);
        java.nio.file.attribute.FileTime built = java.nio.file.Files.getLastModifiedTime(indexes.get(0));

        JsonNode fromB = McpHttp.ok(b.callTool(sb, "read_range", page)).path("structuredContent");
        assertThat(fromB).isEqualTo(fromA);
        assertThat(fromA.toString()).contains("name 299", "\"2024-03-").doesNotContain("name 400");
        JsonNode found = McpHttp.ok(b.callTool(sb, "find_cells", Map.of("file", "indexed.xlsx", "query", "name 69",
                "whole_cell", true))).path("structuredContent");
        assertThat(found.toString()).contains("B71").doesNotContain("B700");
        assertThat(java.nio.file.Files.getLastModifiedTime(indexes.get(0))).as("not built again").isEqualTo(built);

        // an edit is a new revision, with its own index on its first read
        McpHttp.ok(b.callTool(sb, "write_range", Map.of("file", "indexed.xlsx", "start_cell", "B301",
                "values", List.of(List.of("changed")))));
        assertThat(McpHttp.ok(a.callTool(sa, "read_range", page)).path("structuredContent").toString())
                .contains("changed").doesNotContain("name 299");
    }
}
