package dev.sheetsmith.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * "Stops when told": the packaged server gets SIGTERM, as a container platform sends it, while a
 * slow call is under way. It takes no new requests, lets the call finish within
 * server.shutdownGracePeriod (or cuts it off after it), and exits; after a restart on the same
 * data every file is whole.
 */
class GracefulShutdownIT {

    private static final int ROWS = 12_000;

    @Test
    void aCallInFlightIsAnsweredAndTheProcessExitsRightAfter() throws Exception {
        try (PackagedServer server = new PackagedServer(TestServers.tempDir("sheetsmith-sigterm"))) {
            // A grace period no busy machine outlasts: the test is about the call being answered and the
            // process leaving right after it, not about how long the call takes (CI under load took > 20 s).
            server.env("SHEETSMITH_SHUTDOWN_GRACE", "2 minutes").start();
            McpHttp mcp = new McpHttp(server.port());
            String session = mcp.initialize();
            // A worker that hit a StackOverflowError (a formula nested too deep for POI's parser) must
            // answer its call, and not keep a graceful shutdown waiting for it.
            McpHttp.ok(mcp.callTool(session, "create_excel_file", Map.of("filename", "deep.xlsx", "headers",
                    List.of("N"))));
            String nested = "=" + "(".repeat(3_000) + "1" + ")".repeat(3_000);
            JsonNode deep = CompletableFuture.supplyAsync(() -> {
                try {
                    return mcp.callTool(session, "write_range", Map.of("file", "deep.xlsx", "start_cell", "A2",
                            "values", List.of(List.of(nested))));
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }).completeOnTimeout(null, 30, TimeUnit.SECONDS).get();
            System.out.println("[GracefulShutdownIT] a formula nested 3,000 deep: " + (deep == null
                    ? "no answer in 30 s" : McpHttp.text(deep)) + (Files.readString(server.log())
                    .contains("StackOverflowError") ? " (the server log shows a StackOverflowError)" : ""));

            long[] answeredAt = new long[1];
            CompletableFuture<HttpResponse<String>> slow = CompletableFuture.supplyAsync(() -> {
                try {
                    HttpResponse<String> response = mcp.post(session, slowCreate("big.xlsx"));
                    answeredAt[0] = System.nanoTime();
                    return response;
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(1_500);
            assertThat(slow).as("the call is still under way when SIGTERM comes").isNotDone();
            long terminatedAt = System.nanoTime();
            server.process().destroy();

            HttpResponse<String> response = slow.get();
            boolean exited = server.process().waitFor(45, TimeUnit.SECONDS);
            long exitedAt = System.nanoTime();
            System.out.println("[GracefulShutdownIT] SIGTERM -> answer " + millis(terminatedAt, answeredAt[0])
                    + " ms, -> exit " + millis(terminatedAt, exitedAt) + " ms, exit code "
                    + (exited ? server.process().exitValue() : "(still running)"));
            assertThat(deep).as("the call that overflowed the stack was answered").isNotNull();
            assertThat(exited).as(server.logTail(40)).isTrue();
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode result = McpHttp.ok(McpHttp.JSON.readTree(response.body()).path("result"));
            assertThat(millis(answeredAt[0], exitedAt)).as("exits soon after the last call").isLessThan(8_000);

            server.start();
            McpHttp after = new McpHttp(server.port());
            String again = after.initialize();
            JsonNode big = after.fileEntry(again, "big.xlsx");
            assertThat(big.path("fileId").asText()).isEqualTo(result.path("structuredContent").path("fileId").asText());
            assertWhole(after, again, "big.xlsx", ROWS + 1);
            assertWhole(after, again, "deep.xlsx", deep.path("isError").asBoolean() ? 1 : 2);
        }
    }

    @Test
    void aCallLongerThanTheGracePeriodIsCutOffAndTheFileStaysWhole() throws Exception {
        try (PackagedServer server = new PackagedServer(TestServers.tempDir("sheetsmith-sigterm-grace"))) {
            server.env("SHEETSMITH_SHUTDOWN_GRACE", "1 second").start();
            McpHttp mcp = new McpHttp(server.port());
            String session = mcp.initialize();
            McpHttp.ok(mcp.callTool(session, "create_excel_file", Map.of("filename", "small.xlsx", "data",
                    List.of(List.of("A"), List.of(1)))));

            CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> {
                try {
                    HttpResponse<String> response = mcp.post(session, slowCreate("big.xlsx"));
                    return response.statusCode() + " " + response.body();
                } catch (IOException | InterruptedException e) {
                    return "no answer: " + e;
                }
            });
            Thread.sleep(1_500);
            assertThat(slow).isNotDone();
            long terminatedAt = System.nanoTime();
            boolean exited = server.terminate(Duration.ofSeconds(15));
            long exitedAt = System.nanoTime();
            String outcome = slow.get();
            System.out.println("[GracefulShutdownIT] grace 1 s: SIGTERM -> exit " + millis(terminatedAt, exitedAt)
                    + " ms; the call: " + outcome.substring(0, Math.min(160, outcome.length())));
            assertThat(exited).as(server.logTail(40)).isTrue();
            assertThat(millis(terminatedAt, exitedAt)).isLessThan(1_000 + 6_000);

            server.start();
            McpHttp after = new McpHttp(server.port());
            String again = after.initialize();
            assertWhole(after, again, "small.xlsx", 2);
            JsonNode files = after.callTool(again, "list_files", Map.of()).path("structuredContent").path("files");
            for (JsonNode f : files) {
                if (f.path("name").asText().equals("big.xlsx")) {
                    assertWhole(after, again, "big.xlsx", ROWS + 1);
                }
            }
        }
    }

    /** Downloads the file, checks its sha256 against the listing, opens it with POI and counts rows. */
    private static void assertWhole(McpHttp mcp, String session, String name, int rows) throws Exception {
        JsonNode entry = mcp.fileEntry(session, name);
        JsonNode link = McpHttp.ok(mcp.callTool(session, "get_download_link", Map.of("file", name)));
        HttpResponse<byte[]> download = mcp.download(McpHttp.linkIn(McpHttp.text(link)));
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(download.body())))
                .isEqualTo(entry.path("sha256").asText());
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(download.body()))) {
            assertThat(workbook.getSheetAt(0).getPhysicalNumberOfRows()).isEqualTo(rows);
        }
    }

    /** A create of ROWS x 8 cells with finishing touches: seconds of work on this machine. */
    private static String slowCreate(String name) {
        List<Object> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            rows.add(List.of(i, "item " + i, i * 1.5, i % 2 == 0, "2024-01-0" + (1 + i % 9), "x" + i, i * 3, "y"));
        }
        return McpHttp.request(9, "tools/call", Map.of("name", "create_excel_file", "arguments", Map.of(
                "filename", name, "headers", List.of("N", "Name", "Amount", "Even", "Day", "X", "Y", "Z"),
                "data", rows, "formatting", Map.of("header_bold", true, "alternate_row_colors", true,
                        "border", true, "number_format", "thousands"))));
    }

    /** From A2: 1, =A2+1, =A3+1, ...: evaluating the last cell recurses through all of them. */
    private static List<Object> formulaChain(int length) {
        List<Object> rows = new ArrayList<>();
        rows.add(List.of(1));
        for (int row = 3; row < length + 2; row++) {
            rows.add(List.of("=A" + (row - 1) + "+1"));
        }
        return rows;
    }

    private static long millis(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1_000_000;
    }
}
