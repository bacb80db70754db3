package dev.sheetsmith.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Open-WebUI's pattern at load: every chat message opens a session, lists tools, calls one, and
 * deletes the session. 50 clients do that 20 times each, at once. No call may fail and no session
 * may be left behind. Latencies are printed for the record; they are not asserted.
 */
class OpenWebUiLoadIT {

    static final int CLIENTS = 50;
    static final int ROUNDS = 20;
    private static final Path DATA = TestServers.tempDir("sheetsmith-load-it");
    @RegisterExtension
    static final McpApp APP = McpApp.on(DATA);

    @Test
    void fiftyClientsTwentyMessagesEachWithoutAnErrorOrALeakedSession() throws Exception {
        String url = "http://127.0.0.1:" + APP.getLocalPort() + "/mcp";
        ConcurrentLinkedQueue<Long> handshakeNanos = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        long started = System.nanoTime();
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            clients.add(pool.submit(() -> {
                HttpClient http = HttpClient.newHttpClient();
                for (int round = 0; round < ROUNDS; round++) {
                    try {
                        message(http, url, client, round, handshakeNanos);
                    } catch (Exception | AssertionError e) {
                        errors.add("client " + client + " round " + round + ": " + e.getMessage());
                    }
                }
            }));
        }
        for (Future<?> f : clients) {
            f.get(10, TimeUnit.MINUTES);
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - started) / 1e9;

        List<Long> sorted = new ArrayList<>(handshakeNanos);
        Collections.sort(sorted);
        System.out.printf("OpenWebUiLoadIT: %d messages in %.1f s (%.0f/s); initialize+tools/list p50 %.1f ms,"
                + " p99 %.1f ms, max %.1f ms; errors %d%n", sorted.size(), seconds, sorted.size() / seconds,
                percentile(sorted, 0.50), percentile(sorted, 0.99), percentile(sorted, 1.0), errors.size());

        assertThat(errors).isEmpty();
        assertThat(sorted).hasSize(CLIENTS * ROUNDS);
        long leftover = Jdbi.create("jdbc:h2:file:" + DATA.resolve("db").toAbsolutePath(), "sa", "")
                .withHandle(h -> h.createQuery("SELECT COUNT(*) FROM mcp_sessions").mapTo(Long.class).one());
        assertThat(leftover).as("sessions left behind").isZero();
    }

    private static void message(HttpClient http, String url, int client, int round, ConcurrentLinkedQueue<Long> nanos)
            throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> init = post(http, url, null, McpHttp.request(1, "initialize", Map.of("protocolVersion",
                "2025-06-18", "capabilities", Map.of(), "clientInfo", Map.of("name", "open-webui", "version", "0.6"))));
        expect(init, 200);
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        expect(post(http, url, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"), 202);
        HttpResponse<String> tools = post(http, url, session, McpHttp.request(2, "tools/list", null));
        expect(tools, 200);
        nanos.add(System.nanoTime() - t0);
        HttpResponse<String> call = post(http, url, session, McpHttp.request(3, "tools/call", Map.of("name",
                "create_excel_file", "arguments", Map.of("filename", "load-" + client + ".xlsx",
                        "data", List.of(Map.of("client", client, "round", round, "when", "2026-01-01"))))));
        expect(call, 200);
        if (call.body().contains("\"isError\":true")) {
            throw new AssertionError("tool error: " + call.body());
        }
        HttpResponse<String> delete = http.send(HttpRequest.newBuilder(URI.create(url)).DELETE()
                .header("Mcp-Session-Id", session).build(), HttpResponse.BodyHandlers.ofString());
        expect(delete, 204);
    }

    private static HttpResponse<String> post(HttpClient http, String url, String session, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream");
        if (session != null) {
            request.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-06-18");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new AssertionError(response.request().method() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    private static double percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1e6;
    }
}
