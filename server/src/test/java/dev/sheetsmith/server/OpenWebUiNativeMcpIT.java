package dev.sheetsmith.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.Role;
import io.dropwizard.testing.DropwizardTestSupport;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Open-WebUI's native MCP client: a new session for every chat message (initialize, tools/list,
 * a call, DELETE), a bearer key and forwarded user headers, and no re-initialize on its own. The
 * server restarts in the middle of a message, on the same port and database: no call may fail.
 */
class OpenWebUiNativeMcpIT {

    @Test
    void aConversationCarriesOnAcrossARestartInTheMiddleOfAMessage() throws Exception {
        Path data = TestServers.tempDir("sheetsmith-owui-it");
        String key = TestServers.keys(data).create(new Owner("openwebui"), Role.USER, true).secret();
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String[] overrides = {"server.applicationConnectors[0].port", String.valueOf(port)};
        McpHttp mcp = new McpHttp(port);
        String[] headers = {"Authorization", "Bearer " + key, "X-OpenWebUI-User-Id", "user-7",
            "X-OpenWebUI-Chat-Id", "chat-1", "MCP-Protocol-Version", "2025-06-18"};

        DropwizardTestSupport<SheetsmithConfiguration> first = TestServers.support(data, overrides);
        first.before();
        String midMessage;
        try {
            message(mcp, headers, "before-1");
            message(mcp, headers, "before-2");
            midMessage = open(mcp, headers);
        } finally {
            first.after();
        }

        DropwizardTestSupport<SheetsmithConfiguration> second = TestServers.support(data, overrides);
        second.before();
        try {
            // The message that was under way when the server went down finishes on the new one.
            JsonNode result = call(mcp, midMessage, headers, "during");
            assertThat(result.path("isError").asBoolean()).isFalse();
            assertThat(delete(port, midMessage, headers)).isEqualTo(204);
            message(mcp, headers, "after-1");
            JsonNode files = call(mcp, open(mcp, headers), headers, null);
            assertThat(files.path("structuredContent").path("files").findValuesAsText("name"))
                    .contains("before-1.xlsx", "before-2.xlsx", "during.xlsx", "after-1.xlsx");
        } finally {
            second.after();
        }
    }

    private static void message(McpHttp mcp, String[] headers, String file) throws Exception {
        String session = open(mcp, headers);
        JsonNode result = call(mcp, session, headers, file);
        assertThat(result.path("isError").asBoolean()).as(result.toString()).isFalse();
        assertThat(result.path("content").get(0).path("text").asText()).contains("[Download " + file + ".xlsx](");
        assertThat(delete(mcp.url(), session, headers)).isEqualTo(204);
    }

    private static String open(McpHttp mcp, String[] headers) throws Exception {
        HttpResponse<String> init = mcp.post(null, McpHttp.request(1, "initialize", Map.of("protocolVersion",
                "2025-06-18", "capabilities", Map.of(), "clientInfo", Map.of("name", "open-webui", "version", "0.6"))),
                headers);
        assertThat(init.statusCode()).isEqualTo(200);
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        assertThat(mcp.post(session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", headers)
                .statusCode()).isEqualTo(202);
        assertThat(mcp.post(session, McpHttp.request(2, "tools/list", null), headers).statusCode()).isEqualTo(200);
        return session;
    }

    private static JsonNode call(McpHttp mcp, String session, String[] headers, String file) throws Exception {
        Map<String, Object> params = file == null ? Map.of("name", "list_files", "arguments", Map.of())
                : Map.of("name", "create_excel_file", "arguments", Map.of("filename", file, "headers", List.of("x")));
        HttpResponse<String> response = mcp.post(session, McpHttp.request(3, "tools/call", params), headers);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return McpHttp.JSON.readTree(response.body()).path("result");
    }

    private static int delete(int port, String session, String[] headers) throws Exception {
        return delete("http://127.0.0.1:" + port + "/mcp", session, headers);
    }

    private static int delete(String url, String session, String[] headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).DELETE().header("Mcp-Session-Id", session);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
