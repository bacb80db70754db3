package dev.sheetsmith.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sheetsmith.application.ApiKeyService;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.Role;
import io.dropwizard.testing.DropwizardTestSupport;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** API keys on /mcp, and owners who never see each other's sessions or files. */
class ApiKeysAndOwnersIT {

    private static final Path DATA = TestServers.tempDir("sheetsmith-keys-it");
    private static final Map<String, String> KEYS = new LinkedHashMap<>();
    private static String revokedKey;
    private static DropwizardTestSupport<SheetsmithConfiguration> app;

    @BeforeAll
    static void startWithKeys() throws Exception {
        ApiKeyService keys = TestServers.keys(DATA);
        KEYS.put("alice", keys.create(new Owner("alice"), Role.USER, false).secret());
        KEYS.put("bob", keys.create(new Owner("bob"), Role.USER, false).secret());
        KEYS.put("root", keys.create(new Owner("root"), Role.ADMIN, false).secret());
        var revoked = keys.create(new Owner("mallory"), Role.USER, false);
        keys.revoke(revoked.key().id());
        revokedKey = revoked.secret();
        app = TestServers.support(DATA);
        app.before();
    }

    @AfterAll
    static void stop() {
        app.after();
    }

    @Test
    void withoutAKeyOrWithAWrongOrRevokedKeyTheAnswerIs401() throws Exception {
        McpHttp http = new McpHttp(app.getLocalPort());
        String init = initializeBody();
        for (String[] auth : List.of(new String[0], new String[] {"Authorization", "Bearer ssk_0000000000000000_"
                + "A".repeat(43)}, new String[] {"Authorization", "Bearer " + revokedKey},
                new String[] {"Authorization", "Basic YWxpY2U6c2VjcmV0"}, new String[] {"Authorization", "Bearer "})) {
            HttpResponse<String> response = http.post(null, init, auth);
            assertThat(response.statusCode()).as(String.join(" ", auth)).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate").orElse("")).isEqualTo("Bearer");
            assertThat(McpHttp.JSON.readTree(response.body()).path("error").path("message").asText())
                    .contains("Authorization: Bearer");
        }
        assertThat(http.send("DELETE", "anything").statusCode()).isEqualTo(401);
    }

    @Test
    void aSessionPresentedWithAnotherOwnersKeyIsAnswered404AsIfItDidNotExist() throws Exception {
        McpHttp http = new McpHttp(app.getLocalPort());
        Map<String, String> sessions = new LinkedHashMap<>();
        for (var owner : KEYS.entrySet()) {
            sessions.put(owner.getKey(), initialize(http, owner.getValue()));
        }
        for (var sessionOwner : KEYS.keySet()) {
            for (var caller : KEYS.entrySet()) {
                String session = sessions.get(sessionOwner);
                HttpResponse<String> list = http.post(session, McpHttp.request(2, "tools/list", null),
                        "Authorization", "Bearer " + caller.getValue());
                int expected = sessionOwner.equals(caller.getKey()) ? 200 : 404;
                assertThat(list.statusCode()).as(caller.getKey() + " using " + sessionOwner + "'s session")
                        .isEqualTo(expected);
            }
        }
        // DELETE with another owner's key ends nothing.
        for (var sessionOwner : KEYS.keySet()) {
            for (var caller : KEYS.entrySet()) {
                if (!sessionOwner.equals(caller.getKey())) {
                    assertThat(delete(http, sessions.get(sessionOwner), caller.getValue())).isEqualTo(404);
                }
            }
            assertThat(http.post(sessions.get(sessionOwner), McpHttp.request(3, "ping", null), "Authorization",
                    "Bearer " + KEYS.get(sessionOwner)).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void filesBelongToTheKeysOwner() throws Exception {
        McpHttp http = new McpHttp(app.getLocalPort());
        for (var owner : KEYS.entrySet()) {
            String session = initialize(http, owner.getValue());
            HttpResponse<String> response = http.post(session, McpHttp.request(4, "tools/call", Map.of("name",
                    "create_excel_file", "arguments", Map.of("filename", "mine.xlsx", "headers", List.of(owner.getKey())))),
                    "Authorization", "Bearer " + owner.getValue());
            JsonNode result = McpHttp.JSON.readTree(response.body()).path("result").path("structuredContent");
            // Each owner has its own name space: nobody's "mine.xlsx" pushes another to "mine (2).xlsx".
            assertThat(result.path("name").asText()).isEqualTo("mine.xlsx");
            String fileId = result.path("fileId").asText();
            String owners = Jdbi.create("jdbc:h2:file:" + DATA.resolve("db").toAbsolutePath(), "sa", "")
                    .withHandle(h -> h.createQuery("SELECT owner_id FROM files WHERE id = :id").bind("id", fileId)
                            .mapTo(String.class).one());
            assertThat(owners).isEqualTo(owner.getKey());
        }
    }

    @Test
    void theJavaSdkClientWorksWithABearerKey() {
        var transport = HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + app.getLocalPort())
                .endpoint("/mcp").requestBuilder(java.net.http.HttpRequest.newBuilder()
                        .header("Authorization", "Bearer " + KEYS.get("alice")))
                .build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build();
        try {
            client.initialize();
            McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("create_excel_file",
                    Map.of("filename", "sdk.xlsx", "headers", List.of("a"))));
            assertThat(result.isError()).isFalse();
        } finally {
            client.closeGracefully();
        }
    }

    private static int delete(McpHttp http, String session, String key) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(http.url())).DELETE()
                .header("Mcp-Session-Id", session).header("Authorization", "Bearer " + key).build();
        return java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static String initialize(McpHttp http, String key) throws Exception {
        HttpResponse<String> response = http.post(null, initializeBody(), "Authorization", "Bearer " + key);
        assertThat(response.statusCode()).isEqualTo(200);
        return response.headers().firstValue("Mcp-Session-Id").orElseThrow();
    }

    private static String initializeBody() {
        return McpHttp.request(1, "initialize", Map.of("protocolVersion", "2025-06-18", "capabilities", Map.of(),
                "clientInfo", Map.of("name", "keys-it", "version", "1")));
    }
}
