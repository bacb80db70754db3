import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Makes FILES workbooks of ROWS x 5 cells on a running Sheetsmith (one create_excel_file each),
 * then sends one write_range to each of them at the same moment: FILES large edits at once, each
 * of which loads its workbook whole. Prints what each edit was answered (ok, busy, failed on the
 * server, or no answer). Usage: java ConcurrentEdits.java URL FILES ROWS
 */
public class ConcurrentEdits {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int files = Integer.parseInt(args[1]);
        int rows = Integer.parseInt(args[2]);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String session = initialize(http, url);
        for (int f = 0; f < files; f++) {
            StringBuilder data = new StringBuilder();
            for (int r = 0; r < rows; r++) {
                data.append(r == 0 ? "" : ",").append('[').append(r).append(',').append(r * 2.5).append(",\"row ")
                        .append(r).append("\",").append(r % 7).append(",\"x").append(r * 31 % 1000).append("\"]");
            }
            String body = call(http, url, session, "create_excel_file", "{\"filename\":\"edit-" + f + ".xlsx\","
                    + "\"headers\":[\"n\",\"half\",\"label\",\"mod\",\"code\"],\"data\":[" + data + "]}");
            if (body.contains("\"isError\":true")) {
                throw new IllegalStateException("create failed: " + body.substring(0, Math.min(400, body.length())));
            }
        }
        System.out.printf("%d workbooks of %d x 5 cells made; %d edits at once%n", files, rows, files);
        ExecutorService pool = Executors.newFixedThreadPool(files);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> edits = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int f = 0; f < files; f++) {
            int file = f;
            edits.add(pool.submit(() -> {
                String own = initialize(http, url);
                go.await();
                long start = System.nanoTime();
                String body;
                try {
                    body = call(http, url, own, "write_range", "{\"file\":\"edit-" + file + ".xlsx\",\"start_cell\":"
                            + "\"A2\",\"values\":[[\"changed\"]]}");
                } catch (Exception e) {
                    return "no answer (" + e + ")";
                }
                String outcome = !body.contains("\"isError\":true") ? "ok"
                        : body.contains("the server is busy") ? "busy, try again"
                        : body.contains("failed on the server") ? "FAILED ON THE SERVER" : "tool error";
                return String.format("%s in %.1f s", outcome, (System.nanoTime() - start) / 1e9);
            }));
        }
        go.countDown();
        int ok = 0;
        int busy = 0;
        int failed = 0;
        for (int f = 0; f < files; f++) {
            String outcome = edits.get(f).get();
            System.out.println("edit-" + f + ".xlsx: " + outcome);
            ok += outcome.startsWith("ok") ? 1 : 0;
            busy += outcome.startsWith("busy") ? 1 : 0;
            failed += outcome.startsWith("ok") || outcome.startsWith("busy") ? 0 : 1;
        }
        System.out.printf("%d ok, %d busy, %d failed or unanswered, in %.1f s%n", ok, busy, failed,
                (System.nanoTime() - t0) / 1e9);
        pool.shutdown();
    }

    private static String initialize(HttpClient http, String url) throws Exception {
        HttpResponse<String> init = http.send(post(url, null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
                + "\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"bench\","
                + "\"version\":\"1\"}}}"), HttpResponse.BodyHandlers.ofString());
        return init.headers().firstValue("Mcp-Session-Id").orElseThrow(() -> new IllegalStateException(
                "initialize answered " + init.statusCode() + ": " + init.body()));
    }

    private static String call(HttpClient http, String url, String session, String tool, String arguments)
            throws Exception {
        return http.send(post(url, session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{"
                + "\"name\":\"" + tool + "\",\"arguments\":" + arguments + "}}"), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static HttpRequest post(String url, String session, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(30))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            b.header("Mcp-Session-Id", session);
        }
        return b.build();
    }
}
