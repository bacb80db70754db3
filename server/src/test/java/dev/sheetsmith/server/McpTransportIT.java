package dev.sheetsmith.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sheetsmith.application.DownloadLinks;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The HTTP face of /mcp and /files: status codes, headers and error envelopes on every path. */
class McpTransportIT {

    private static final Path DATA = TestServers.tempDir("sheetsmith-transport-it");
    @RegisterExtension
    static final McpApp APP = McpApp.on(DATA,
            "mcp.maxRequestBytes", "4096");
    /** Every error body seen in this class; none may look like a leaked exception. */
    private static final List<String> ERROR_BODIES = new ArrayList<>();
    private static final Pattern LEAK = Pattern.compile("Exception|\\bat [a-z]+\\.[a-z]+|\\.java:\\d+|SQL|jdbc|org\\.|io\\.");

    private McpHttp http;

    @BeforeEach
    void connect() {
        http = new McpHttp(APP.getLocalPort());
    }

    @AfterAll
    static void noErrorBodyLeaksInternals() {
        assertThat(ERROR_BODIES).isNotEmpty();
        assertThat(ERROR_BODIES).allSatisfy(body -> assertThat(LEAK.matcher(body).find()).as(body).isFalse());
    }

    @Test
    void initializeAnswersWithASessionIdOfAtLeast128RandomBits() throws Exception {
        String first = http.initialize();
        String second = http.initialize();
        assertThat(first).isNotEqualTo(second);
        assertThat(java.util.Base64.getUrlDecoder().decode(first)).hasSizeGreaterThanOrEqualTo(16);
    }

    @Test
    void initializeAnswersEachTimeWithItsIdTheNegotiatedVersionAndTheServersFullResult() throws Exception {
        // the result is served from what the first initialize of each version produced: the same, id by id
        JsonNode first = null;
        for (int i = 0; i < 3; i++) {
            for (String asked : List.of("2025-06-18", "2025-03-26", "1999-01-01")) {
                HttpResponse<String> response = http.post(null, McpHttp.request(40 + i, "initialize", Map.of(
                        "protocolVersion", asked, "capabilities", Map.of(), "clientInfo", Map.of("name", "t", "version", "1"))));
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.headers().firstValue("Mcp-Session-Id")).isPresent();
                JsonNode body = McpHttp.JSON.readTree(response.body());
                assertThat(body.path("jsonrpc").asText()).isEqualTo("2.0");
                assertThat(body.path("id").asInt()).isEqualTo(40 + i);
                JsonNode result = body.path("result");
                assertThat(result.path("protocolVersion").asText()).isEqualTo(asked.startsWith("1999") ? "2025-11-25"
                        : asked);
                assertThat(result.path("serverInfo").path("name").asText()).isNotBlank();
                assertThat(result.path("capabilities").has("tools")).isTrue();
                if (first == null) {
                    first = result;
                }
                assertThat(result.path("serverInfo")).isEqualTo(first.path("serverInfo"));
                assertThat(result.path("capabilities")).isEqualTo(first.path("capabilities"));
                String session = response.headers().firstValue("Mcp-Session-Id").orElseThrow();
                assertThat(http.post(session, McpHttp.request(50, "tools/list", null)).statusCode()).isEqualTo(200);
            }
        }
        // a string id comes back as the same string, quotes and all, around the kept results
        HttpResponse<String> init = http.post(null, "{\"jsonrpc\":\"2.0\",\"id\":\"a\\\"b\",\"method\":\"initialize\","
                + "\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\"}}}");
        assertThat(McpHttp.JSON.readTree(init.body()).path("id").asText()).isEqualTo("a\"b");
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        HttpResponse<String> list = http.post(session, "{\"jsonrpc\":\"2.0\",\"id\":\"list-1\",\"method\":\"tools/list\"}");
        assertThat(McpHttp.JSON.readTree(list.body()).path("id").asText()).isEqualTo("list-1");
        assertThat(McpHttp.JSON.readTree(list.body()).path("result").path("tools").size()).isPositive();
    }

    @Test
    void aClientThatAcceptsGzipGetsTheKeptAnswersCompressedAndTheSameJson() throws Exception {
        // Open-WebUI's MCP client (the Python SDK over httpx) sends "Accept-Encoding: gzip, deflate" with every request
        java.net.http.HttpClient raw = java.net.http.HttpClient.newHttpClient();
        for (String query : List.of("", "?profile=compact")) {
            McpHttp plain = new McpHttp(APP.getLocalPort(), query);
            for (int round = 0; round < 2; round++) { // the first initialize may go through the SDK, later ones are kept
                for (String id : List.of("7", "\"x\\\"y\"")) {
                    String init = "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"initialize\",\"params\":{"
                            + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\"}}}";
                    HttpResponse<byte[]> zipped = raw.send(gzipPost(plain.url(), null, init, "gzip, deflate"),
                            HttpResponse.BodyHandlers.ofByteArray());
                    JsonNode unzipped = gunzipped(zipped);
                    JsonNode expected = McpHttp.JSON.readTree(plain.post(null, init).body());
                    assertThat(unzipped.path("id")).isEqualTo(McpHttp.JSON.readTree(id));
                    assertThat(unzipped.path("result")).isEqualTo(expected.path("result"));
                    String session = zipped.headers().firstValue("Mcp-Session-Id").orElseThrow();
                    String list = "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/list\"}";
                    HttpResponse<byte[]> zippedList = raw.send(gzipPost(plain.url(), session, list, "gzip, deflate"),
                            HttpResponse.BodyHandlers.ofByteArray());
                    JsonNode listed = gunzipped(zippedList);
                    JsonNode plainList = McpHttp.JSON.readTree(plain.post(session, list).body());
                    assertThat(listed).isEqualTo(plainList);
                    assertThat(listed.path("result").path("tools").size()).isPositive();
                    assertThat(zippedList.body().length).isLessThan(plainList.toString().length() / 3);
                    assertThat(zippedList.headers().firstValueAsLong("Content-Length")).hasValue(zippedList.body().length);
                    // gzip refused: the plain answer
                    HttpResponse<byte[]> refused = raw.send(gzipPost(plain.url(), session, list, "gzip;q=0, identity"),
                            HttpResponse.BodyHandlers.ofByteArray());
                    assertThat(refused.headers().firstValue("Content-Encoding")).isEmpty();
                    assertThat(McpHttp.JSON.readTree(refused.body())).isEqualTo(plainList);
                }
            }
        }
    }

    private static java.net.http.HttpRequest gzipPost(String url, String session, String body, String acceptEncoding) {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream").header("Accept-Encoding", acceptEncoding);
        if (session != null) {
            b.header("Mcp-Session-Id", session);
        }
        return b.build();
    }

    private static JsonNode gunzipped(HttpResponse<byte[]> response) throws Exception {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(response.headers().allValues("Vary")).anySatisfy(v -> assertThat(v).containsIgnoringCase("Accept-Encoding"));
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(response.body()))) {
            return McpHttp.JSON.readTree(in.readAllBytes()); // the trailer's CRC-32 and length are checked
        }
    }

    @Test
    void aRequestWithoutSessionIdIsAnswered400SayingToInitialize() throws Exception {
        HttpResponse<String> response = http.post(null, McpHttp.request(3, "tools/list", null));
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = jsonError(response);
        assertThat(body.path("id").asInt()).isEqualTo(3);
        assertThat(body.path("error").path("message").asText()).contains("initialize");
    }

    @Test
    void anUnknownSessionIsAnswered404() throws Exception {
        HttpResponse<String> response = http.post("no-such-session", McpHttp.request(4, "tools/list", null));
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(jsonError(response).path("error").path("message").asText()).contains("Initialize a new session");
    }

    @Test
    void deleteEndsTheSessionAndLaterRequestsGet404() throws Exception {
        String session = http.initialize();
        assertThat(http.post(session, McpHttp.request(5, "tools/list", null)).statusCode()).isEqualTo(200);
        assertThat(http.send("DELETE", session).statusCode()).isEqualTo(204);
        HttpResponse<String> after = http.post(session, McpHttp.request(6, "tools/list", null));
        assertThat(after.statusCode()).isEqualTo(404);
        jsonError(after);
        assertThat(http.send("DELETE", session).statusCode()).isEqualTo(404);
        assertThat(http.send("DELETE", null).statusCode()).isEqualTo(400);
    }

    @Test
    void getHasNoStreamAndIsAnswered405() throws Exception {
        HttpResponse<String> response = http.send("GET", http.initialize());
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow").orElse("")).contains("POST");
        jsonError(response);
    }

    @Test
    void foreignHostOrOriginIsRefusedAndLocalOnesPass() throws Exception {
        String init = McpHttp.request(1, "ping", null);
        String session = http.initialize();
        HttpResponse<String> evilOrigin = http.post(session, init, "Origin", "http://evil.example.com");
        assertThat(evilOrigin.statusCode()).isEqualTo(403);
        assertThat(jsonError(evilOrigin).path("error").path("message").asText()).contains("Origin");
        HttpResponse<String> localOrigin = http.post(session, init, "Origin", "http://localhost:3000");
        assertThat(localOrigin.statusCode()).isEqualTo(200);
        // Needs -Djdk.httpclient.allowRestrictedHeaders=host (set in the failsafe configuration).
        HttpResponse<String> evilHost = http.post(session, init, "Host", "evil.example.com");
        assertThat(evilHost.statusCode()).isEqualTo(403);
        assertThat(jsonError(evilHost).path("error").path("message").asText()).contains("Host");
        HttpResponse<String> localHost = http.post(session, init, "Host", "localhost:" + APP.getLocalPort());
        assertThat(localHost.statusCode()).isEqualTo(200);
    }

    @Test
    void malformedBodiesAreJsonRpcErrors() throws Exception {
        String session = http.initialize();
        HttpResponse<String> garbage = http.post(session, "{not json");
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(jsonError(garbage).path("error").path("code").asInt()).isEqualTo(-32700);

        HttpResponse<String> batch = http.post(session, "[" + McpHttp.request(1, "ping", null) + "]");
        assertThat(batch.statusCode()).isEqualTo(400);
        assertThat(jsonError(batch).path("error").path("message").asText()).contains("batches");

        HttpResponse<String> badParams = http.post(session, McpHttp.request(2, "tools/call", Map.of("name", 42,
                "arguments", "nope")));
        jsonError(badParams);

        HttpResponse<String> unknownTool = http.post(session, McpHttp.request(3, "tools/call",
                Map.of("name", "no_such_tool", "arguments", Map.of())));
        assertThat(jsonError(unknownTool).path("error").path("code").asInt()).isEqualTo(-32602);

        HttpResponse<String> unknownMethod = http.post(session, McpHttp.request(4, "no/such/method", null));
        assertThat(jsonError(unknownMethod).path("error").path("code").asInt()).isEqualTo(-32601);

        HttpResponse<String> badInit = http.post(null, McpHttp.request(5, "initialize", Map.of("nothing", 1)));
        assertThat(badInit.statusCode()).isEqualTo(400);
        jsonError(badInit);
    }

    @Test
    void anUnsupportedProtocolVersionHeaderIs400() throws Exception {
        HttpResponse<String> response = http.post(http.initialize(), McpHttp.request(1, "ping", null),
                "MCP-Protocol-Version", "1999-01-01");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(jsonError(response).path("error").path("message").asText()).contains("2025-06-18");
    }

    @Test
    void anOversizedBodyIs413() throws Exception {
        String big = McpHttp.request(1, "tools/call", Map.of("name", "create_excel_file",
                "arguments", Map.of("filename", "x", "headers", List.of("a".repeat(5000)))));
        HttpResponse<String> response = http.post(http.initialize(), big);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(jsonError(response).path("error").path("message").asText()).contains("mcp.maxRequestBytes");
    }

    @Test
    void pingAndLoggingSetLevelAnswerEmptyObjects() throws Exception {
        String session = http.initialize();
        HttpResponse<String> ping = http.post(session, McpHttp.request(1, "ping", null));
        assertThat(McpHttp.JSON.readTree(ping.body()).path("result").size()).isZero();
        HttpResponse<String> level = http.post(session, McpHttp.request(2, "logging/setLevel", Map.of("level", "info")));
        assertThat(McpHttp.JSON.readTree(level.body()).path("result").isObject()).isTrue();
        HttpResponse<String> badLevel = http.post(session, McpHttp.request(3, "logging/setLevel", Map.of("level", "loud")));
        assertThat(jsonError(badLevel).path("error").path("message").asText()).contains("warning");
    }

    @Test
    void downloadLinksAreCheckedBeforeAnythingIsServed() throws Exception {
        String session = http.initialize();
        JsonNode result = http.callTool(session, "create_excel_file", Map.of("filename", "links.xlsx",
                "headers", List.of("x")));
        String link = result.path("structuredContent").path("downloadUrl").asText();
        assertThat(http.download(link).statusCode()).isEqualTo(200);

        String tampered = link.replaceFirst("sig=(.)", "sig=" + (link.contains("sig=A") ? "B" : "A"));
        assertDownloadRefused(tampered, 403);
        assertDownloadRefused(link.replace("links.xlsx", "other.xlsx"), 403);
        assertDownloadRefused(link.replaceFirst("exp=\\d+", "exp=99999999999"), 403);
        assertDownloadRefused(link.replaceFirst("&sig=[^&]+", ""), 403);
        assertDownloadRefused(link.replaceFirst("exp=\\d+", "exp=soon"), 403);

        String base = "http://127.0.0.1:" + APP.getLocalPort();
        DownloadLinks expired = new DownloadLinks(TestServers.SECRET.getBytes(StandardCharsets.UTF_8), Duration.ofDays(1),
                Clock.fixed(Instant.now().minus(Duration.ofDays(2)), ZoneOffset.UTC));
        String fileId = result.path("structuredContent").path("fileId").asText();
        assertDownloadRefused(base + expired.linkFor(fileId, "links.xlsx").pathAndQuery(), 403);

        DownloadLinks valid = new DownloadLinks(TestServers.SECRET.getBytes(StandardCharsets.UTF_8), Duration.ofDays(1),
                Clock.systemUTC());
        assertDownloadRefused(base + valid.linkFor("0123456789abcdef0123456789abcdef", "ghost.xlsx").pathAndQuery(), 404);
    }

    private void assertDownloadRefused(String link, int status) throws Exception {
        HttpResponse<byte[]> response = http.download(link);
        String body = new String(response.body(), StandardCharsets.UTF_8);
        ERROR_BODIES.add(body);
        assertThat(response.statusCode()).as(link).isEqualTo(status);
        assertThat(McpHttp.JSON.readTree(body).path("message").asText()).isNotBlank();
    }

    private static JsonNode jsonError(HttpResponse<String> response) throws Exception {
        ERROR_BODIES.add(response.body());
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode body = McpHttp.JSON.readTree(response.body());
        assertThat(body.path("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(body.path("error").path("message").asText()).isNotBlank();
        return body;
    }
}
