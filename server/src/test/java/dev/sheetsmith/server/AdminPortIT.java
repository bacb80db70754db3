package dev.sheetsmith.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.DropwizardTestSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The admin port as probes and scrapers see it: health and metrics with no key, the metrics also in
 * Prometheus' text format, and Dropwizard's tasks refused unless {@code adminTasks} is true.
 */
class AdminPortIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** One sample line of Prometheus' text format 0.0.4: name, optional labels, a value. */
    private static final Pattern SAMPLE = Pattern.compile(
            "[a-zA-Z_:][a-zA-Z0-9_:]*(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"([^\"\\\\]|\\\\.)*\",?)*\\})?"
                    + " (-?[0-9.eE+-]+|NaN|[+-]Inf)");

    @Test
    void prometheusTextCarriesTheSameFiguresAsTheJsonMetricsAndTasksAreRefused() throws Exception {
        DropwizardTestSupport<SheetsmithConfiguration> app = TestServers.support(
                TestServers.tempDir("sheetsmith-admin-port-it"), "adminTasks", "false");
        app.before();
        try {
            int admin = app.getAdminPort();
            // a tool call, so the tool timers have a count
            McpHttp mcp = new McpHttp(app.getLocalPort());
            String session = mcp.initialize();
            mcp.callTool(session, "create_excel_file", Map.of("filename", "metrics.xlsx", "data",
                    List.of(Map.of("a", 1))));

            assertThat(get(admin, "/healthcheck").statusCode()).isEqualTo(200);
            HttpResponse<String> prometheus = get(admin, "/prometheus");
            assertThat(prometheus.statusCode()).isEqualTo(200);
            assertThat(prometheus.headers().firstValue("Content-Type").orElse(""))
                    .startsWith("text/plain").contains("version=0.0.4");
            String text = prometheus.body();
            for (String line : text.split("\n")) {
                if (line.isEmpty() || line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
                    continue;
                }
                assertThat(SAMPLE.matcher(line).matches()).as("a sample line of the text format: %s", line).isTrue();
            }
            assertThat(text).contains("# TYPE memory_budget_capacity_bytes gauge");

            JsonNode json = new ObjectMapper().readTree(get(admin, "/metrics").body());
            long capacity = json.path("gauges").path("memory-budget.capacity-bytes").path("value").asLong();
            assertThat(capacity).isPositive();
            assertThat(sample(text, "memory_budget_capacity_bytes")).isEqualTo(capacity);
            // Jetty's and the pool's metrics come along, as Dropwizard registers them
            assertThat(text).contains("# TYPE io_dropwizard_jetty_MutableServletContextHandler_requests summary")
                    .contains("io_dropwizard_db_ManagedPooledDataSource_database_active");

            for (String task : List.of("/tasks/gc", "/tasks/log-level?logger=ROOT&level=DEBUG")) {
                HttpResponse<String> refused = post(admin, task);
                assertThat(refused.statusCode()).as(task).isEqualTo(403);
                assertThat(refused.body()).contains("adminTasks: false").contains("SHEETSMITH_ADMIN_TASKS");
            }
        } finally {
            app.after();
        }
    }

    @Test
    void tasksRunWhereTheConfigurationLeavesThemOn() throws Exception {
        DropwizardTestSupport<SheetsmithConfiguration> app = TestServers.support(
                TestServers.tempDir("sheetsmith-admin-port-tasks-it"));
        app.before();
        try {
            HttpResponse<String> gc = post(app.getAdminPort(), "/tasks/gc");
            assertThat(gc.statusCode()).isEqualTo(200);
            assertThat(gc.body()).contains("Running GC");
            assertThat(get(app.getAdminPort(), "/prometheus").statusCode()).isEqualTo(200);
        } finally {
            app.after();
        }
    }

    private static double sample(String text, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + " (\\S+)$").matcher(text);
        assertThat(m.find()).as("a sample named %s", name).isTrue();
        return Double.parseDouble(m.group(1));
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
