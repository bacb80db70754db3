package dev.sheetsmith.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Progress notifications for a client that asks for them, and the optional session-less mode. */
class ProgressAndLenientModeIT {

    @RegisterExtension
    static final McpApp APP = McpApp.start("sheetsmith-progress-it", "mcp.progressInterval", "20 milliseconds",
            "mcp.requireSession", "false");

    @Test
    void aToolCallWithAProgressTokenStreamsProgressThenTheResult() throws Exception {
        McpHttp http = new McpHttp(APP.getLocalPort());
        String session = http.initialize();
        List<Object> rows = new ArrayList<>();
        for (int i = 0; i < 9_000; i++) {
            rows.add(List.of(i, "row " + i, i * 0.5, i % 2 == 0, "2024-01-0" + (1 + i % 9), "text", i, i, i, i));
        }
        String call = McpHttp.request(9, "tools/call", Map.of("name", "create_excel_file", "_meta",
                Map.of("progressToken", "tok-1"), "arguments", Map.of("filename", "slow.xlsx",
                        "headers", List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j"), "data", rows)));
        HttpResponse<String> response = http.post(session, call);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        List<JsonNode> events = new ArrayList<>();
        for (String line : response.body().split("\n")) {
            if (line.startsWith("data: ")) {
                events.add(McpHttp.JSON.readTree(line.substring(6)));
            }
        }
        assertThat(events.size()).as(response.body()).isGreaterThanOrEqualTo(2);
        JsonNode firstProgress = events.get(0);
        assertThat(firstProgress.path("method").asText()).isEqualTo("notifications/progress");
        assertThat(firstProgress.path("params").path("progressToken").asText()).isEqualTo("tok-1");
        double previous = 0;
        for (JsonNode progress : events.subList(0, events.size() - 1)) {
            double value = progress.path("params").path("progress").asDouble();
            assertThat(value).isGreaterThan(previous);
            previous = value;
        }
        JsonNode last = events.get(events.size() - 1);
        assertThat(last.path("id").asInt()).isEqualTo(9);
        assertThat(last.path("result").path("isError").asBoolean()).isFalse();
        assertThat(last.path("result").path("structuredContent").path("name").asText()).isEqualTo("slow.xlsx");
    }

    @Test
    void withRequireSessionOffARequestWithoutSessionIsServedAsAOneShot() throws Exception {
        McpHttp http = new McpHttp(APP.getLocalPort());
        JsonNode result = http.callTool(null, "create_excel_file", Map.of("filename", "oneshot.xlsx",
                "headers", List.of("x")));
        assertThat(result.path("isError").asBoolean()).isFalse();
        assertThat(http.download(result.path("structuredContent").path("downloadUrl").asText()).statusCode())
                .isEqualTo(200);
        // An id that is present but unknown is still a 404: lenient mode forgives a missing id, not a wrong one.
        assertThat(http.post("unknown", McpHttp.request(1, "tools/list", null)).statusCode()).isEqualTo(404);
    }
}
