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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * POST /api/files under the same keys, owners, quota and audit as the tools, with macros refused
 * by config (limits.macros: refuse).
 */
class UploadPolicyIT {

    private static final Path DATA = TestServers.tempDir("sheetsmith-upload-policy-it");
    private static DropwizardTestSupport<SheetsmithConfiguration> app;
    private static String alice;
    private static String bob;
    private static String root;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void startWithKeys() throws Exception {
        ApiKeyService keys = TestServers.keys(DATA);
        alice = keys.create(new Owner("alice"), Role.USER, false).secret();
        bob = keys.create(new Owner("bob"), Role.USER, false).secret();
        root = keys.create(new Owner("root"), Role.ADMIN, false).secret();
        app = TestServers.support(DATA, "limits.macros", "refuse", "limits.ownerQuotaBytes", "12000");
        app.before();
    }

    @AfterAll
    static void stop() {
        app.after();
    }

    @Test
    void anUploadNeedsAKeyAndBelongsToItsOwnerAndIsAudited() throws Exception {
        byte[] book = UploadsIT.openpyxl(UploadsIT.ISSUE_BOOK);
        assertThat(upload(book, "owned.xlsx", null).statusCode()).isEqualTo(401);
        HttpResponse<String> stored = upload(book, "owned.xlsx", alice);
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
        String id = McpHttp.JSON.readTree(stored.body()).path("files").get(0).path("fileId").asText();
        assertThat(listFiles(alice)).contains(id);
        assertThat(listFiles(bob)).doesNotContain(id);
        JsonNode audit = McpHttp.JSON.readTree(get("/api/admin/audit?action=upload", root).body());
        assertThat(audit.toString()).contains(id).contains("owned.xlsx").contains("alice");
    }

    @Test
    void macrosAreRefusedByConfigAndTheQuotaHolds() throws Exception {
        byte[] xlsm = UploadsIT.withMacros(UploadsIT.openpyxl(UploadsIT.ISSUE_BOOK));
        HttpResponse<String> refused = upload(xlsm, "tool.xlsm", bob);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("macros").contains("limits.macros: refuse");
        byte[] book = UploadsIT.openpyxl(UploadsIT.ISSUE_BOOK);
        byte[] rich = UploadsIT.openpyxl(UploadsIT.RICH_BOOK);
        assertThat(book.length).isLessThan(12_000);
        assertThat(book.length + rich.length).isGreaterThan(12_000);
        assertThat(upload(book, "first.xlsx", bob).statusCode()).isEqualTo(200);
        HttpResponse<String> over = upload(rich, "rich.xlsx", bob);
        assertThat(over.statusCode()).isEqualTo(400);
        assertThat(over.body()).contains("quota");
        assertThat(listFiles(bob)).doesNotContain("tool.xlsm").doesNotContain("rich.xlsx");
    }

    private HttpResponse<String> upload(byte[] body, String name, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + "/api/files?name=" + name))
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String listFiles(String key) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base() + "/api/tools/list_files"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private HttpResponse<String> get(String path, String key) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Authorization", "Bearer " + key)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String base() {
        return "http://127.0.0.1:" + app.getLocalPort();
    }
}
