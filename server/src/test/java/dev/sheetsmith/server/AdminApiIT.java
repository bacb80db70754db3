package dev.sheetsmith.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sheetsmith.application.ApiKeyService;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.Role;
import io.dropwizard.testing.DropwizardTestSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The admin REST API: admin keys only, pages with cursors, keys/owners/sessions/files/formats/info. */
class AdminApiIT {

    private static DropwizardTestSupport<SheetsmithConfiguration> app;
    private static String admin;
    private static String alice;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        Path data = TestServers.tempDir("sheetsmith-admin-it");
        ApiKeyService keys = TestServers.keys(data);
        admin = keys.create(new Owner("ops"), Role.ADMIN, false).secret();
        alice = keys.create(new Owner("alice"), Role.USER, false).secret();
        app = TestServers.support(data);
        app.before();
    }

    @AfterAll
    static void stop() {
        app.after();
    }

    @Test
    void onlyAdminKeysGetIn() throws Exception {
        assertThat(send("GET", "/api/admin/info", null, null).statusCode()).isEqualTo(401);
        HttpResponse<String> user = send("GET", "/api/admin/info", alice, null);
        assertThat(user.statusCode()).isEqualTo(403);
        assertThat(user.body()).contains("not an admin key");
        JsonNode info = json(send("GET", "/api/admin/info", admin, null));
        assertThat(info.path("database").asText()).isEqualTo("h2");
        assertThat(info.path("storage").asText()).isEqualTo("local");
        assertThat(info.path("limits").path("maxCellsPerCall").asLong()).isEqualTo(100_000);
        assertThat(json(send("GET", "/api/admin/formats", admin, null)).path("items").findValuesAsText("id"))
                .contains("xlsx", "csv", "ods");
    }

    @Test
    void keysAreCreatedShownOnceListedAndRevoked() throws Exception {
        JsonNode created = json(send("POST", "/api/admin/keys", admin, "{\"owner\":\"carol\",\"role\":\"user\"}"));
        String secret = created.path("secret").asText();
        assertThat(secret).startsWith("ssk_");
        McpHttp mcp = new McpHttp(app.getLocalPort());
        assertThat(mcp.post(null, init(), "Authorization", "Bearer " + secret).statusCode()).isEqualTo(200);
        JsonNode listed = json(send("GET", "/api/admin/keys", admin, null));
        assertThat(listed.toString()).contains("carol").doesNotContain(secret);
        JsonNode firstKey = json(send("GET", "/api/admin/keys?limit=1", admin, null));
        assertThat(firstKey.path("items").size()).isEqualTo(1);
        JsonNode secondKey = json(send("GET", "/api/admin/keys?limit=1&cursor=" + firstKey.path("nextCursor").asText(),
                admin, null));
        assertThat(secondKey.path("items").get(0).path("id").asText()).isGreaterThan(firstKey.path("nextCursor").asText());
        assertThat(send("DELETE", "/api/admin/keys/" + created.path("id").asText(), admin, null).statusCode())
                .isEqualTo(200);
        assertThat(mcp.post(null, init(), "Authorization", "Bearer " + secret).statusCode()).isEqualTo(401);
        assertThat(send("POST", "/api/admin/keys", admin, "{}").statusCode()).isEqualTo(400);
        assertThat(send("DELETE", "/api/admin/keys/nope", admin, null).statusCode()).isEqualTo(404);
    }

    @Test
    void ownersSessionsAndFilesArePagedFilteredAndManaged() throws Exception {
        McpHttp mcp = new McpHttp(app.getLocalPort());
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = mcp.post(null, init(), "Authorization", "Bearer " + alice);
            sessions.add(r.headers().firstValue("Mcp-Session-Id").orElseThrow());
        }
        for (String name : List.of("q1-sales", "q2-sales", "notes")) {
            assertThat(send("POST", "/api/tools/create_excel_file", alice, "{\"filename\":\"" + name
                    + "\",\"headers\":[\"x\"]}").statusCode()).isEqualTo(200);
        }
        JsonNode owners = json(send("GET", "/api/admin/owners", admin, null)).path("items");
        JsonNode aliceUsage = null;
        for (JsonNode o : owners) {
            if (o.path("owner").asText().equals("alice")) {
                aliceUsage = o;
            }
        }
        assertThat(aliceUsage).isNotNull();
        assertThat(aliceUsage.path("files").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(aliceUsage.path("bytes").asLong()).isPositive();
        assertThat(aliceUsage.path("sessions").asInt()).isGreaterThanOrEqualTo(3);

        JsonNode first = json(send("GET", "/api/admin/sessions?owner=alice&limit=2", admin, null));
        assertThat(first.path("items").size()).isEqualTo(2);
        String cursor = first.path("nextCursor").asText();
        JsonNode second = json(send("GET", "/api/admin/sessions?owner=alice&limit=2&cursor=" + cursor, admin, null));
        assertThat(second.path("items").get(0).path("id").asText()).isGreaterThan(cursor);
        assertThat(send("DELETE", "/api/admin/sessions/" + sessions.get(0), admin, null).statusCode()).isEqualTo(200);
        assertThat(mcp.post(sessions.get(0), McpHttp.request(2, "ping", null), "Authorization", "Bearer " + alice)
                .statusCode()).isEqualTo(404);
        assertThat(json(send("DELETE", "/api/admin/sessions?owner=alice", admin, null)).path("ended").asInt())
                .isGreaterThanOrEqualTo(2);
        assertThat(mcp.post(sessions.get(2), McpHttp.request(3, "ping", null), "Authorization", "Bearer " + alice)
                .statusCode()).isEqualTo(404);

        JsonNode sales = json(send("GET", "/api/admin/files?owner=alice&name=SALES", admin, null));
        assertThat(sales.path("items").findValuesAsText("name")).containsExactlyInAnyOrder("q1-sales.xlsx",
                "q2-sales.xlsx");
        String id = sales.path("items").get(0).path("fileId").asText();
        JsonNode one = json(send("GET", "/api/admin/files/" + id, admin, null));
        assertThat(one.path("owner").asText()).isEqualTo("alice");
        String link = one.path("downloadUrl").asText();
        assertThat(mcp.download(link).statusCode()).isEqualTo(200);
        assertThat(send("DELETE", "/api/admin/files/" + id, admin, null).statusCode()).isEqualTo(200);
        assertThat(mcp.download(link).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/api/admin/files/" + id, admin, null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/api/admin/files?limit=0", admin, null).statusCode()).isEqualTo(400);
        assertThat(json(send("GET", "/api/admin/files?owner=alice&since=2000-01-01", admin, null)).path("items").size())
                .isGreaterThanOrEqualTo(2);
        assertThat(json(send("GET", "/api/admin/files?owner=alice&since=2999-01-01T00:00:00Z", admin, null))
                .path("items").size()).isZero();
        assertThat(send("GET", "/api/admin/files?since=yesterday", admin, null).statusCode()).isEqualTo(400);
    }

    @Test
    void theAuditLogRecordsChangesAndAdminActionsWithoutCellData() throws Exception {
        assertThat(send("POST", "/api/tools/create_excel_file", alice, "{\"filename\":\"audited\",\"data\":"
                + "[{\"Secret\":\"cell-data-must-not-leak\"}]}").statusCode()).isEqualTo(200);
        assertThat(send("POST", "/api/tools/append_rows", alice, "{\"file\":\"audited\",\"data\":"
                + "[{\"Secret\":\"more-cell-data\"}]}").statusCode()).isEqualTo(200);
        assertThat(send("POST", "/api/tools/list_files", alice, "{}").statusCode()).isEqualTo(200);
        JsonNode created = json(send("POST", "/api/admin/keys", admin, "{\"owner\":\"dave\"}"));

        JsonNode events = json(send("GET", "/api/admin/audit?owner=alice&limit=500", admin, null)).path("items");
        List<String> actions = events.findValuesAsText("action");
        assertThat(actions).contains("create_excel_file", "append_rows").doesNotContain("list_files");
        assertThat(events.toString()).doesNotContain("cell-data-must-not-leak").doesNotContain("more-cell-data")
                .contains("audited.xlsx");
        JsonNode keyEvents = json(send("GET", "/api/admin/audit?action=admin.key.create", admin, null)).path("items");
        assertThat(keyEvents.toString()).contains(created.path("id").asText()).doesNotContain(created.path("secret")
                .asText());

        JsonNode one = json(send("GET", "/api/admin/audit?limit=1", admin, null));
        assertThat(one.path("items").size()).isEqualTo(1);
        JsonNode next = json(send("GET", "/api/admin/audit?limit=1&cursor=" + one.path("nextCursor").asText(), admin,
                null));
        assertThat(next.path("items").get(0).path("id").asLong()).isLessThan(one.path("items").get(0).path("id")
                .asLong());
        assertThat(send("GET", "/api/admin/audit?cursor=abc", admin, null).statusCode()).isEqualTo(400);
        assertThat(send("GET", "/api/admin/audit", alice, null).statusCode()).isEqualTo(403);
    }

    @Test
    void theAdminApiIsDocumentedWithoutBecomingTools() throws Exception {
        JsonNode doc = json(send("GET", "/openapi.json", null, null));
        JsonNode keys = doc.path("paths").path("/api/admin/keys");
        assertThat(keys.path("get").path("tags").toString()).contains("admin");
        assertThat(keys.path("post").has("operationId")).isFalse();
    }

    private static String init() {
        return McpHttp.request(1, "initialize", Map.of("protocolVersion", "2025-06-18", "capabilities", Map.of(),
                "clientInfo", Map.of("name", "admin-it", "version", "1")));
    }

    private HttpResponse<String> send(String method, String path, String key, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.getLocalPort() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return McpHttp.JSON.readTree(response.body());
    }
}
