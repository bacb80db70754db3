import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The edit figures of issue #17 through MCP, on the ROWS x COLS bench.xlsx that Reads.java created on the same
 * server: write_range of 100 cells (10 x 10) into the middle of the sheet, append_rows of 100 rows, and one design
 * edit (format_range of the header row). Each is printed like Reads' figures (time, load, the server's heap and RSS
 * after it); a call the server refuses or fails (an older jar without the tool) prints "failed" and the next goes on.
 *
 * <p>Usage: java Edits.java URL ADMIN_URL SERVER_PID LABEL ROWS COLS
 */
public class Edits {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static String url;
    private static String admin;
    private static long pid;
    private static String label;
    private static String session;
    private static int id = 100;

    public static void main(String[] args) throws Exception {
        url = args[0];
        admin = args[1];
        pid = Long.parseLong(args[2]);
        label = args[3];
        int rows = Integer.parseInt(args[4]);
        int cols = Integer.parseInt(args[5]);
        HttpResponse<String> init = HTTP.send(post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
                + "\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"bench\","
                + "\"version\":\"1\"}}}"), HttpResponse.BodyHandlers.ofString());
        session = init.headers().firstValue("Mcp-Session-Id").orElseThrow(() -> new IllegalStateException(
                "initialize answered " + init.statusCode() + ": " + init.body()));

        StringBuilder block = new StringBuilder("[");
        for (int r = 0; r < 10; r++) {
            block.append(r == 0 ? "[" : ",[");
            for (int c = 0; c < 10; c++) {
                block.append(c == 0 ? "" : ",").append(c % 2 == 0 ? "\"w" + r + "," + c + "\"" : r * 10 + c);
            }
            block.append(']');
        }
        block.append(']');
        timed("write_range 100 cells (middle)", "write_range", "{\"file\":\"bench.xlsx\",\"start_cell\":\"A"
                + Math.max(2, rows / 2) + "\",\"values\":" + block + "}");

        StringBuilder appended = new StringBuilder("[");
        for (int r = 0; r < 100; r++) {
            appended.append(r == 0 ? "[" : ",[");
            for (int c = 0; c < cols; c++) {
                appended.append(c == 0 ? "" : ",").append(c % 2 == 0 ? "\"a" + r + "\"" : String.valueOf(r + c * 0.5));
            }
            appended.append(']');
        }
        appended.append(']');
        timed("append_rows 100 rows", "append_rows", "{\"file\":\"bench.xlsx\",\"data\":" + appended + "}");

        String lastColumn = String.valueOf((char) ('A' + Math.min(cols, 26) - 1));
        timed("format_range header row", "format_range", "{\"file\":\"bench.xlsx\",\"range\":\"A1:" + lastColumn
                + "1\",\"font\":{\"bold\":true,\"color\":\"white\"},\"fill_color\":\"4472C4\"}");
    }

    private static void timed(String what, String tool, String arguments) throws Exception {
        long t0 = System.nanoTime();
        String failure = null;
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(30))
                    .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                    .header("Mcp-Session-Id", session).POST(HttpRequest.BodyPublishers.ofString(
                            "{\"jsonrpc\":\"2.0\",\"id\":" + (id++) + ",\"method\":\"tools/call\",\"params\":{\"name\":\""
                                    + tool + "\",\"arguments\":" + arguments + "}}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            String body = r.body();
            if (r.statusCode() != 200 || body.contains("\"isError\":true") || body.contains("\"error\"")) {
                failure = r.statusCode() + " " + body.substring(0, Math.min(300, body.length())).replace('\n', ' ')
                        .replace('|', '/');
            }
        } catch (Exception e) {
            failure = e.toString().replace('|', '/');
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        if (failure != null) {
            System.out.printf(Locale.ROOT, "%-8s | %-42s | failed: %s%n", label, what, failure);
        } else {
            System.out.printf(Locale.ROOT, "%-8s | %-42s | %9.3f s%-18s | load %5s | heap %5d MiB | RSS %5d MiB%n",
                    label, what, seconds, "", load, heapMiB(), rssMiB());
        }
    }

    private static long heapMiB() {
        try {
            String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(admin + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = Pattern.compile("\"jvm.memory.heap.used\"\\s*:\\s*\\{\\s*\"value\"\\s*:\\s*([0-9]+)")
                    .matcher(metrics);
            return m.find() ? Long.parseLong(m.group(1)) / 1048576 : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    private static long rssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (Exception e) {
            // the server is gone
        }
        return -1;
    }

    private static HttpRequest post(String body) {
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream").POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }
}
