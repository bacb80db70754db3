package dev.sheetsmith.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A bare HTTP view of the MCP endpoint, for what an SDK client would hide (status codes, headers). */
final class McpHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LINK = Pattern.compile("https?://[^\\s)\\]>\"']+");

    private final HttpClient http = HttpClient.newHttpClient();
    private final String url;

    McpHttp(int port) {
        this.url = "http://127.0.0.1:" + port + "/mcp";
    }

    /** @param query appended to /mcp, e.g. "?profile=compact" */
    McpHttp(int port, String query) {
        this.url = "http://127.0.0.1:" + port + "/mcp" + query;
    }

    String url() {
        return url;
    }

    HttpResponse<String> post(String sessionId, String body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream");
        if (sessionId != null) {
            request.header("Mcp-Session-Id", sessionId);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(String method, String sessionId) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody());
        if (sessionId != null) {
            request.header("Mcp-Session-Id", sessionId);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Initializes a session and returns its id. */
    String initialize() throws IOException, InterruptedException {
        HttpResponse<String> response = post(null, request(1, "initialize", Map.of("protocolVersion", "2025-06-18",
                "capabilities", Map.of(), "clientInfo", Map.of("name", "test", "version", "1"))));
        if (response.statusCode() != 200) {
            throw new AssertionError("initialize answered " + response.statusCode() + ": " + response.body());
        }
        String id = response.headers().firstValue("Mcp-Session-Id").orElseThrow();
        post(id, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        return id;
    }

    JsonNode callTool(String sessionId, String tool, Map<String, Object> arguments) throws IOException, InterruptedException {
        HttpResponse<String> response = post(sessionId, request(7, "tools/call", Map.of("name", tool, "arguments", arguments)));
        if (response.statusCode() != 200) {
            throw new AssertionError("tools/call answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).path("result");
    }

    HttpResponse<byte[]> download(String link) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(link)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String request(int id, String method, Object params) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jsonrpc", "2.0");
        body.put("id", id);
        body.put("method", method);
        if (params != null) {
            body.put("params", params);
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A tool result that must have succeeded; returned for chaining. */
    static JsonNode ok(JsonNode result) {
        if (result.path("isError").asBoolean()) {
            throw new AssertionError("tool error: " + result);
        }
        return result;
    }

    /** The first text content of a tool result. */
    static String text(JsonNode result) {
        return result.path("content").get(0).path("text").asText();
    }

    static String linkIn(String text) {
        Matcher m = LINK.matcher(text);
        if (!m.find()) {
            throw new AssertionError("no link in: " + text);
        }
        return m.group();
    }

    /**
     * Calls each bad case (expected text fragment to arguments with a "tool" entry; "file" defaults
     * to {@code file}) and checks each is a tool error whose text has the fragment and no Java class
     * names, and that the file is byte for byte what it was (same sha256, same revision).
     */
    void expectToolErrors(String session, String file, Map<String, Map<String, Object>> cases) throws Exception {
        JsonNode before = fileEntry(session, file);
        for (var entry : cases.entrySet()) {
            Map<String, Object> args = new java.util.HashMap<>(entry.getValue());
            String tool = (String) args.remove("tool");
            args.putIfAbsent("file", file);
            JsonNode result = callTool(session, tool, args);
            org.assertj.core.api.Assertions.assertThat(result.path("isError").asBoolean())
                    .as(entry.getKey() + ": " + result).isTrue();
            org.assertj.core.api.Assertions.assertThat(text(result)).as(tool).contains(entry.getKey())
                    .doesNotContain("Exception");
        }
        JsonNode after = fileEntry(session, file);
        org.assertj.core.api.Assertions.assertThat(after.path("sha256").asText()).isEqualTo(before.path("sha256").asText());
        org.assertj.core.api.Assertions.assertThat(after.path("revision").asInt()).isEqualTo(before.path("revision").asInt());
    }

    /** The list_files entry of one file, by name. */
    JsonNode fileEntry(String session, String name) throws Exception {
        for (JsonNode f : callTool(session, "list_files", Map.of()).path("structuredContent").path("files")) {
            if (f.path("name").asText().equals(name)) {
                return f;
            }
        }
        throw new AssertionError("no file " + name);
    }
}
