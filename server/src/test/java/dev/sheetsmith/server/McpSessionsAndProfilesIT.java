package dev.sheetsmith.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sessions capped per owner (mcp.maxSessionsPerOwner) and the tool profiles (mcp.toolProfile, and
 * ?profile= on /mcp), on a server whose default profile is compact.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class McpSessionsAndProfilesIT {

    private static final Path DATA = TestServers.tempDir("sheetsmith-sessions-profiles-it");
    private static final DropwizardAppExtension<SheetsmithConfiguration> APP = TestServers.app(DATA,
            "mcp.maxSessionsPerOwner", "3", "mcp.toolProfile", "compact");

    @Test
    void openingOneSessionMoreThanTheCapEndsTheLeastRecentlySeenOne() throws Exception {
        McpHttp http = new McpHttp(APP.getLocalPort());
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sessions.add(http.initialize());
            Thread.sleep(5); // distinct seen-times
        }
        String fourth = http.initialize();

        assertThat(http.post(sessions.get(0), McpHttp.request(2, "ping", null)).statusCode())
                .as("the least recently seen session was ended").isEqualTo(404);
        for (String alive : List.of(sessions.get(1), sessions.get(2), fourth)) {
            assertThat(http.post(alive, McpHttp.request(3, "ping", null)).statusCode()).isEqualTo(200);
        }
        for (int i = 0; i < 10; i++) { // a client that never ends its sessions keeps at most three
            http.initialize();
        }
        long open = 0;
        for (String s : List.of(sessions.get(1), sessions.get(2), fourth)) {
            open += http.post(s, McpHttp.request(4, "ping", null)).statusCode() == 200 ? 1 : 0;
        }
        assertThat(open).isZero();
    }

    @Test
    void toolsListFollowsTheConfiguredProfileUnlessTheUrlAsksForAnother() throws Exception {
        JsonNode compact = toolsList(new McpHttp(APP.getLocalPort()), 11);
        JsonNode full = toolsList(new McpHttp(APP.getLocalPort(), "?profile=full"), 12);
        JsonNode asked = toolsList(new McpHttp(APP.getLocalPort(), "?profile=%43ompact"), 13);

        assertThat(names(compact)).containsExactly("create_excel_file", "list_files", "describe_workbook",
                "read_range", "write_range", "append_rows", "format_range", "create_chart", "get_download_link");
        assertThat(compact.toString().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(10 * 1024);
        assertThat(names(asked)).isEqualTo(names(compact));
        assertThat(names(full)).hasSizeGreaterThan(40).contains("create_pivot_table", "set_sheet_layout");
        assertThat(full.path("tools").get(0).has("outputSchema")).isTrue();
    }

    @Test
    void aToolOutsideTheCompactListCanStillBeCalledAndAStringIdIsEchoed() throws Exception {
        McpHttp http = new McpHttp(APP.getLocalPort(), "?profile=compact");
        String session = http.initialize();
        JsonNode formats = http.callTool(session, "list_formats", Map.of());
        assertThat(formats.path("isError").asBoolean()).isFalse();
        HttpResponse<String> list = http.post(session, "{\"jsonrpc\":\"2.0\",\"id\":\"abc\",\"method\":\"tools/list\"}");
        JsonNode body = McpHttp.JSON.readTree(list.body());
        assertThat(body.path("id").isTextual()).isTrue();
        assertThat(body.path("id").asText()).isEqualTo("abc");
        assertThat(body.path("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(list.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    }

    @Test
    void anUnknownProfileIsRefusedWithTheChoices() throws Exception {
        McpHttp http = new McpHttp(APP.getLocalPort(), "?profile=tiny");
        HttpResponse<String> response = http.post(null, McpHttp.request(1, "initialize", Map.of("protocolVersion",
                "2025-06-18", "capabilities", Map.of(), "clientInfo", Map.of("name", "t", "version", "1"))));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(McpHttp.JSON.readTree(response.body()).path("error").path("message").asText())
                .contains("profile").contains("full or compact");
    }

    private static JsonNode toolsList(McpHttp http, int id) throws Exception {
        String session = http.initialize();
        HttpResponse<String> response = http.post(session, McpHttp.request(id, "tools/list", null));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = McpHttp.JSON.readTree(response.body());
        assertThat(body.path("id").asInt()).isEqualTo(id);
        http.send("DELETE", session);
        return body.path("result");
    }

    private static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.path("tools").forEach(t -> names.add(t.path("name").asText()));
        return names;
    }
}
