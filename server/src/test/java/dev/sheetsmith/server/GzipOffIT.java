package dev.sheetsmith.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code server.gzip.enabled: false} (say a proxy in front compresses) holds for the answers /mcp keeps
 * pre-compressed too: initialize and tools/list come back as plain JSON to a client that accepts gzip, the same
 * JSON a client without Accept-Encoding gets.
 */
class GzipOffIT {

    private static final Path DATA = TestServers.tempDir("sheetsmith-gzip-off-it");
    @RegisterExtension
    static final McpApp APP = McpApp.on(DATA, "server.gzip.enabled", "false");

    @Test
    void withGzipTurnedOffTheKeptInitializeAndToolsListAnswersGoUncompressed() throws Exception {
        HttpClient raw = HttpClient.newHttpClient();
        McpHttp plain = new McpHttp(APP.getLocalPort());
        // twice: the first initialize goes through the SDK, later ones are served from the kept answer
        for (int round = 0; round < 2; round++) {
            String init = "{\"jsonrpc\":\"2.0\",\"id\":" + (7 + round) + ",\"method\":\"initialize\",\"params\":{"
                    + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\"}}}";
            HttpResponse<byte[]> initialized = raw.send(post(plain.url(), null, init), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode initBody = uncompressed(initialized);
            assertThat(initBody.path("id").asInt()).isEqualTo(7 + round);
            assertThat(initBody.path("result")).isEqualTo(McpHttp.JSON.readTree(plain.post(null, init).body()).path("result"));
            String session = initialized.headers().firstValue("Mcp-Session-Id").orElseThrow();
            for (String id : List.of("3", "\"x\\\"y\"")) {
                String list = "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/list\"}";
                HttpResponse<byte[]> listed = raw.send(post(plain.url(), session, list), HttpResponse.BodyHandlers.ofByteArray());
                JsonNode listBody = uncompressed(listed);
                assertThat(listBody.path("id")).isEqualTo(McpHttp.JSON.readTree(id));
                assertThat(listBody.path("result").path("tools").size()).isPositive();
                assertThat(listBody).isEqualTo(McpHttp.JSON.readTree(plain.post(session, list).body()));
                assertThat(listed.headers().firstValueAsLong("Content-Length")).hasValue(listed.body().length);
            }
        }
    }

    private static HttpRequest post(String url, String session, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("Accept-Encoding", "gzip, deflate"); // as Open-WebUI's MCP client (httpx) sends it
        if (session != null) {
            b.header("Mcp-Session-Id", session);
        }
        return b.build();
    }

    /** A 200 answer without Content-Encoding, whose bytes are the JSON itself. */
    private static JsonNode uncompressed(HttpResponse<byte[]> response) throws Exception {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(response.body()[0]).isEqualTo((byte) '{'); // not gzip's 0x1f 0x8b
        return McpHttp.JSON.readTree(response.body());
    }
}
