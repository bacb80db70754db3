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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Files made before the first key belong to {@code local}, which no key can see: an admin gives
 * them to an owner, names that owner already uses get " (2)", revisions and links follow, sessions
 * stay, and every move is in the audit log.
 */
class OwnerTransferIT {

    private final HttpClient http = HttpClient.newHttpClient();
    private DropwizardTestSupport<SheetsmithConfiguration> app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.after();
        }
    }

    @Test
    void anAdminGivesTheLocalFilesToTheFirstKeysOwnerWithoutOverwritingAnything() throws Exception {
        Path data = TestServers.tempDir("sheetsmith-transfer-it");
        app = TestServers.support(data);
        app.before();
        // The first hour: no keys, everything is 'local'.
        assertThat(call(null, "create_excel_file", "{\"filename\":\"report\",\"headers\":[\"local-report\"]}")
                .statusCode()).isEqualTo(200);
        assertThat(call(null, "create_excel_file", "{\"filename\":\"notes\",\"headers\":[\"Note\"]}").statusCode())
                .isEqualTo(200);
        assertThat(call(null, "append_rows", "{\"file\":\"notes\",\"data\":[[\"keep me\"]]}").statusCode())
                .isEqualTo(200);
        McpHttp mcp = new McpHttp(app.getLocalPort());
        String localSession = mcp.initialize();

        // Keys arrive while the server runs; alice already has a report of her own.
        ApiKeyService keys = TestServers.keys(data);
        var ops = keys.create(new Owner("ops"), Role.ADMIN, false);
        String admin = ops.secret();
        String alice = keys.create(new Owner("alice"), Role.USER, false).secret();
        assertThat(call(alice, "create_excel_file", "{\"filename\":\"report\",\"headers\":[\"alice-report\"]}")
                .statusCode()).isEqualTo(200);
        assertThat(names(alice)).containsExactly("report.xlsx");

        // Only an admin, only with a 'to', never to the same owner; nothing moves on a refusal.
        assertThat(transfer(alice, "local", "{\"to\":\"alice\"}").statusCode()).isEqualTo(403);
        assertThat(transfer(null, "local", "{\"to\":\"alice\"}").statusCode()).isEqualTo(401);
        HttpResponse<String> noTo = transfer(admin, "local", "{}");
        assertThat(noTo.statusCode()).isEqualTo(400);
        assertThat(noTo.body()).contains("'to' is required");
        assertThat(transfer(admin, "local", "{\"to\":\"local\"}").statusCode()).isEqualTo(400);
        assertThat(names(alice)).containsExactly("report.xlsx");

        HttpResponse<String> moved = transfer(admin, "local", "{\"to\":\"alice\"}");
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        JsonNode answer = McpHttp.JSON.readTree(moved.body());
        assertThat(answer.path("from").asText()).isEqualTo("local");
        assertThat(answer.path("to").asText()).isEqualTo("alice");
        assertThat(answer.path("moved").findValuesAsText("name")).containsExactly("report (2).xlsx", "notes.xlsx");
        assertThat(answer.path("moved").findValuesAsText("previousName")).containsExactly("report.xlsx", "notes.xlsx");
        assertThat(answer.path("note").asText()).contains("Sessions of local were not moved");

        // Alice sees all three, each with its own content; the moved file keeps its revisions and downloads.
        assertThat(names(alice)).containsExactlyInAnyOrder("report.xlsx", "report (2).xlsx", "notes.xlsx");
        assertThat(sharedStrings(alice, "report.xlsx")).contains("alice-report").doesNotContain("local-report");
        assertThat(sharedStrings(alice, "report (2).xlsx")).contains("local-report");
        JsonNode revisions = McpHttp.JSON.readTree(call(alice, "list_revisions", "{\"file\":\"notes.xlsx\"}").body());
        assertThat(revisions.toString()).contains("\"revision\":2");
        assertThat(sharedStrings(alice, "notes.xlsx")).contains("keep me");

        // The local session stays where it was; local itself has no files left.
        JsonNode localSessions = McpHttp.JSON.readTree(admin(admin, "/api/admin/sessions?owner=local").body());
        assertThat(localSessions.path("items").findValuesAsText("id")).containsExactly(localSession);
        assertThat(McpHttp.JSON.readTree(admin(admin, "/api/admin/sessions?owner=alice").body()).path("items").size())
                .isZero();
        assertThat(McpHttp.JSON.readTree(admin(admin, "/api/admin/files?owner=local").body()).path("items").size())
                .isZero();

        // Audited: one event per file, for the new owner, by the admin key, with the rename spelled out.
        JsonNode audit = McpHttp.JSON.readTree(admin(admin, "/api/admin/audit?action=owner.transfer").body());
        assertThat(audit.path("items").findValuesAsText("owner")).containsExactly("alice", "alice");
        assertThat(audit.path("items").findValuesAsText("actor")).containsOnly("key " + ops.key().id());
        assertThat(audit.path("items").findValuesAsText("detail")).containsExactlyInAnyOrder("from owner local",
                "from owner local, renamed from 'report.xlsx' to 'report (2).xlsx'");

        // Again: nothing left to move.
        assertThat(McpHttp.JSON.readTree(transfer(admin, "local", "{\"to\":\"alice\"}").body()).path("moved").size())
                .isZero();
    }

    /** The text cells of the file's first sheet, read from the downloaded package's XML (not through POI). */
    private String sharedStrings(String key, String file) throws Exception {
        JsonNode link = McpHttp.JSON.readTree(call(key, "get_download_link", "{\"file\":\"" + file + "\"}").body());
        String url = link.path("result").path("downloadUrl").asText();
        byte[] bytes = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers
                .ofByteArray()).body();
        Path copy = java.nio.file.Files.createTempFile("transfer", ".xlsx");
        java.nio.file.Files.write(copy, bytes);
        StringBuilder text = new StringBuilder();
        try (ZipFile zip = new ZipFile(copy.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                if (e.getName().equals("xl/sharedStrings.xml") || e.getName().startsWith("xl/worksheets/sheet")) {
                    text.append(new String(zip.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        } finally {
            java.nio.file.Files.delete(copy);
        }
        return text.toString();
    }

    private List<String> names(String key) throws Exception {
        HttpResponse<String> response = call(key, "list_files", "{}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        for (JsonNode f : McpHttp.JSON.readTree(response.body()).path("result").path("files")) {
            names.add(f.path("name").asText());
        }
        return names;
    }

    private HttpResponse<String> call(String key, String tool, String body) throws Exception {
        return send("POST", "/api/tools/" + tool, key, body);
    }

    private HttpResponse<String> transfer(String key, String owner, String body) throws Exception {
        return send("POST", "/api/admin/owners/" + owner + "/transfer", key, body);
    }

    private HttpResponse<String> admin(String key, String path) throws Exception {
        return send("GET", path, key, null);
    }

    private HttpResponse<String> send(String method, String path, String key, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.getLocalPort() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
