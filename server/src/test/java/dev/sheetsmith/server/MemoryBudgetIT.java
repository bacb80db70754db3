package dev.sheetsmith.server;

import static dev.sheetsmith.server.McpHttp.ok;
import static dev.sheetsmith.server.McpHttp.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A small memory budget (100 MB) and more large edits at once than fit in it: the server stays up,
 * the reserved memory never passes the budget, small calls are answered meanwhile, and the calls
 * that did not fit in time get the clear "busy, try again" tool error, not a server fault. A call
 * larger than the whole budget is refused at once.
 */
class MemoryBudgetIT {

    private static final long BUDGET = 100_000_000;
    private static final Path DATA = TestServers.tempDir("sheetsmith-memory-budget-it");
    @RegisterExtension
    static final McpApp APP = McpApp.on(DATA,
            "limits.memoryBudget", "100MB", "limits.memoryWait", "200 milliseconds");

    @Test
    void moreLargeEditsThanFitAreServedWithinTheBudgetOrToldToTryAgain() throws Exception {
        McpHttp http = new McpHttp(APP.getLocalPort());
        String session = http.initialize();
        ok(http.callTool(session, "create_excel_file", Map.of("filename", "tiny.xlsx", "data",
                List.of(Map.of("a", 1, "b", 2)))));
        // large workbooks, one for each call, so the edits run side by side
        List<List<Object>> rows = rows(10_000);
        JsonNode big = ok(http.callTool(session, "create_excel_file", Map.of("filename", "big-0.xlsx",
                "headers", List.of("n", "half", "label", "mod", "code"), "data", rows)));
        long stored = big.path("structuredContent").path("sizeBytes").asLong();
        long estimate = stored * 160;
        int fit = (int) (BUDGET / estimate);
        int calls = Math.max(6, fit * 3 + 1);
        System.out.printf("budget %d MB, one edit of a %d KB file reserves about %d MB: %d fit, %d at once%n",
                BUDGET / 1_000_000, stored / 1000, estimate / 1_000_000, fit, calls);
        assertThat(fit).as("a few edits fit, not all").isBetween(1, 3);
        for (int i = 1; i < calls; i++) {
            ok(http.callTool(session, "create_excel_file", Map.of("filename", "big-" + i + ".xlsx",
                    "headers", List.of("n", "half", "label", "mod", "code"), "data", rows)));
        }

        AtomicBoolean storm = new AtomicBoolean(true);
        AtomicLong highestReserved = new AtomicLong();
        AtomicLong slowestSmallCall = new AtomicLong();
        List<String> smallFailures = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(calls + 2);
        try {
            Future<?> sampler = pool.submit(() -> {
                while (storm.get()) {
                    highestReserved.accumulateAndGet(info().path("memoryBudget").path("reservedBytes").asLong(),
                            Math::max);
                    Thread.sleep(20);
                }
                return null;
            });
            Future<Integer> small = pool.submit(() -> {
                McpHttp own = new McpHttp(APP.getLocalPort());
                String s = own.initialize();
                int answered = 0;
                while (storm.get()) {
                    long start = System.nanoTime();
                    JsonNode read = own.callTool(s, "read_range", Map.of("file", "tiny.xlsx", "range", "A1:B2"));
                    JsonNode list = own.callTool(s, "list_files", Map.of());
                    slowestSmallCall.accumulateAndGet((System.nanoTime() - start) / 1_000_000, Math::max);
                    if (read.path("isError").asBoolean() || list.path("isError").asBoolean()) {
                        smallFailures.add(text(read) + " / " + text(list));
                    }
                    answered++;
                }
                return answered;
            });
            CountDownLatch go = new CountDownLatch(1);
            List<Future<JsonNode>> edits = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                String file = "big-" + i + ".xlsx";
                edits.add(pool.submit(() -> {
                    McpHttp own = new McpHttp(APP.getLocalPort());
                    String s = own.initialize();
                    go.await();
                    // a formula: an edit the user model makes (text alone would stream and reserve little)
                    return own.callTool(s, "write_range", Map.of("file", file, "start_cell", "A2", "values",
                            List.of(List.of("=1+1"))));
                }));
            }
            go.countDown();
            int done = 0;
            int busy = 0;
            for (Future<JsonNode> edit : edits) {
                JsonNode result = edit.get(5, TimeUnit.MINUTES);
                if (result.path("isError").asBoolean()) {
                    assertThat(text(result)).contains("the server is busy").contains("limits.memoryBudget")
                            .contains("nothing was changed").contains("Try again in a moment")
                            .doesNotContain("failed on the server");
                    busy++;
                } else {
                    done++;
                }
            }
            storm.set(false);
            int smallAnswered = small.get(1, TimeUnit.MINUTES);
            sampler.get(1, TimeUnit.MINUTES);
            JsonNode budget = info().path("memoryBudget");
            System.out.printf("%d large edits at once: %d done, %d told to try again; reserved at most %d MB"
                    + " (sampled %d MB) of %d MB; %d small calls answered meanwhile, slowest %d ms%n", calls, done,
                    busy, budget.path("peakBytes").asLong() / 1_000_000, highestReserved.get() / 1_000_000,
                    budget.path("capacityBytes").asLong() / 1_000_000, smallAnswered, slowestSmallCall.get());
            assertThat(done).isGreaterThanOrEqualTo(1);
            assertThat(busy).as("some edits did not fit within limits.memoryWait").isGreaterThanOrEqualTo(1);
            assertThat(budget.path("capacityBytes").asLong()).isEqualTo(BUDGET);
            assertThat(budget.path("peakBytes").asLong()).isLessThanOrEqualTo(BUDGET).isGreaterThanOrEqualTo(estimate);
            assertThat(highestReserved.get()).isLessThanOrEqualTo(BUDGET);
            assertThat(budget.path("reservedBytes").asLong()).isZero();
            assertThat(budget.path("refusedCalls").asLong()).isGreaterThanOrEqualTo(busy);
            assertThat(smallAnswered).isPositive();
            assertThat(smallFailures).isEmpty();
        } finally {
            storm.set(false);
            pool.shutdownNow();
        }

        // still alive and serving
        ok(http.callTool(session, "write_range", Map.of("file", "big-0.xlsx", "start_cell", "B2", "values",
                List.of(List.of(1)))));
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + APP.getAdminPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body()).contains("memory-budget.reserved-bytes").contains("memory-budget.capacity-bytes");
    }

    @Test
    void aCallLargerThanTheWholeBudgetIsRefusedAtOnceAndChangesNothing() throws Exception {
        McpHttp http = new McpHttp(APP.getLocalPort());
        String session = http.initialize();
        // 28,000 rows x 5: loaded whole it needs more than the whole budget
        ok(http.callTool(session, "create_excel_file", Map.of("filename", "huge.xlsx", "headers", List.of("n", "half",
                "label", "mod", "code"), "data", rows(10_000))));
        ok(http.callTool(session, "append_rows", Map.of("file", "huge.xlsx", "data", rows(18_000))));
        JsonNode before = http.fileEntry(session, "huge.xlsx");
        assertThat(before.path("sizeBytes").asLong() * 160).isGreaterThan(BUDGET);
        long start = System.nanoTime();
        JsonNode refused = http.callTool(session, "write_range", Map.of("file", "huge.xlsx", "start_cell", "A2",
                "values", List.of(List.of("=1+1"))));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(refused.path("isError").asBoolean()).isTrue();
        assertThat(text(refused)).contains("whole memory budget of 100.0 MB").contains("limits.memoryBudget")
                .contains("huge.xlsx").contains("nothing was changed");
        assertThat(millis).isLessThan(10_000);
        JsonNode after = http.fileEntry(session, "huge.xlsx");
        assertThat(after.path("revision").asInt()).isEqualTo(before.path("revision").asInt());
        assertThat(after.path("sha256").asText()).isEqualTo(before.path("sha256").asText());
        // a streamed read of it still fits
        ok(http.callTool(session, "read_range", Map.of("file", "huge.xlsx", "range", "A1:B3")));
    }

    /**
     * The same workbook, too large for the budget loaded whole, takes cell edits anyway: write_range,
     * append_rows and clear_range rewrite only its sheet's part as a stream and reserve what that
     * takes, whatever the workbook's size. Read back through read_range and as raw XML.
     */
    @Test
    void cellEditsOfAWorkbookTooLargeToLoadStreamWithinTheBudget() throws Exception {
        McpHttp http = new McpHttp(APP.getLocalPort());
        String session = http.initialize();
        ok(http.callTool(session, "create_excel_file", Map.of("filename", "streamed.xlsx", "headers", List.of("n",
                "half", "label", "mod", "code"), "data", rows(10_000))));
        ok(http.callTool(session, "append_rows", Map.of("file", "streamed.xlsx", "data", rows(18_000))));
        JsonNode before = http.fileEntry(session, "streamed.xlsx");
        assertThat(before.path("sizeBytes").asLong() * 160).as("loaded whole it would not fit").isGreaterThan(BUDGET);
        long refused = info().path("memoryBudget").path("refusedCalls").asLong();

        JsonNode wrote = ok(http.callTool(session, "write_range", Map.of("file", "streamed.xlsx", "start_cell", "B14000",
                "values", List.of(List.of("changed", true), List.of(12.5)))));
        assertThat(text(wrote)).contains("wrote B14000:C14001 on sheet 'Sheet1'");
        JsonNode appended = ok(http.callTool(session, "append_rows", Map.of("file", "streamed.xlsx", "data",
                List.of(List.of(1, 2, "last")))));
        assertThat(text(appended)).contains("appended 1 row(s) to sheet 'Sheet1', now ending at row 28002");
        JsonNode cleared = ok(http.callTool(session, "clear_range", Map.of("file", "streamed.xlsx", "range",
                "E5:E6")));
        assertThat(text(cleared)).contains("cleared 2 cell(s) in E5:E6");
        JsonNode after = http.fileEntry(session, "streamed.xlsx");
        assertThat(after.path("revision").asInt()).isEqualTo(before.path("revision").asInt() + 3);

        JsonNode rows = ok(http.callTool(session, "read_range", Map.of("file", "streamed.xlsx", "range",
                "A14000:C14001"))).path("structuredContent").path("rows");
        assertThat(rows.get(0).get(0).asInt()).isEqualTo(3998);
        assertThat(rows.get(0).get(1).asText()).isEqualTo("changed");
        assertThat(rows.get(0).get(2).asBoolean()).isTrue();
        assertThat(rows.get(1).get(1).asDouble()).isEqualTo(12.5);
        assertThat(rows.get(1).get(2).asText()).isEqualTo("row 3999");
        JsonNode last = ok(http.callTool(session, "read_range", Map.of("file", "streamed.xlsx", "range",
                "A28002:C28002"))).path("structuredContent").path("rows");
        assertThat(last.get(0).get(2).asText()).isEqualTo("last");
        JsonNode budget = info().path("memoryBudget");
        assertThat(budget.path("reservedBytes").asLong()).isZero();
        assertThat(budget.path("refusedCalls").asLong()).as("none of these edits was refused")
                .isEqualTo(refused);
    }

    private static List<List<Object>> rows(int count) {
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r < count; r++) {
            rows.add(List.of(r, r * 2.5, "row " + r, r % 7, "x" + (r * 31 % 1000)));
        }
        return rows;
    }

    private static JsonNode info() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + APP.getLocalPort() + "/api/admin/info")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return McpHttp.JSON.readTree(response.body());
    }
}
