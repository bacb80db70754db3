import java.net.URI;
import java.net.http.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.time.Duration;
import java.util.Locale;

/**
 * The first describe_workbook of a fresh revision, against a running Sheetsmith: per round, a
 * ROWS x COLS create_excel_file and describe_workbook at once, then another create and
 * describe_workbook 3 s after it (as an assistant calls it), each with the second describe and the
 * load average. Run one server with files.readIndexPrebuildBytes 0 and one with the default side by
 * side (one at a time) to see what building the index when the revision is committed saves.
 * The limits must allow the create (limits.maxCellsPerCall, mcp.maxRequestBytes; see bench/run.sh).
 *
 * <p>Usage: java bench/DescribeAfterCreate.java MCP_URL LABEL ROWS COLS ROUNDS
 */
public class DescribeAfterCreate {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    static String url, session; static int id = 10;

    public static void main(String[] a) throws Exception {
        if (a.length != 5) {
            System.err.println("usage: java bench/DescribeAfterCreate.java MCP_URL LABEL ROWS COLS ROUNDS");
            System.exit(2);
        }
        url = a[0]; String label = a[1]; int rows = Integer.parseInt(a[2]), cols = Integer.parseInt(a[3]);
        int rounds = Integer.parseInt(a[4]);
        HttpResponse<String> init = HTTP.send(req("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"b\",\"version\":\"1\"}}}"), HttpResponse.BodyHandlers.ofString());
        session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        send(body("warm.xlsx", rows / 10, cols));
        call("describe_workbook", "{\"file\":\"warm.xlsx\"}");
        for (int r = 0; r < rounds; r++) {
            for (int wait : new int[] {0, 3000}) {
                String name = "b" + r + "-" + wait + ".xlsx";
                Path body = body(name, rows, cols);
                long t0 = System.nanoTime();
                send(body);
                double create = (System.nanoTime() - t0) / 1e9;
                String loadCreate = load();
                if (wait > 0) Thread.sleep(wait);
                long t1 = System.nanoTime();
                call("describe_workbook", "{\"file\":\"" + name + "\"}");
                double first = (System.nanoTime() - t1) / 1e9;
                long t2 = System.nanoTime();
                call("describe_workbook", "{\"file\":\"" + name + "\"}");
                double second = (System.nanoTime() - t2) / 1e9;
                System.out.printf(Locale.ROOT, "%-4s | round %d | describe %s after the create | first %.3f s | second %.3f s | create %.2f s (load %s) | load %s%n",
                        label, r, wait == 0 ? "at once  " : "3 s after", first, second, create, loadCreate, load());
                Thread.sleep(2000); // let any build of this round settle
            }
        }
    }
    static String load() throws Exception { return Files.readString(Path.of("/proc/loadavg")).split(" ")[0]; }
    static HttpRequest req(String s) { return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(10)).header("Content-Type","application/json").header("Accept","application/json, text/event-stream").POST(HttpRequest.BodyPublishers.ofString(s)).build(); }
    static void call(String tool, String args) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(10)).header("Content-Type","application/json").header("Accept","application/json, text/event-stream").header("Mcp-Session-Id", session).POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":" + (id++) + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool + "\",\"arguments\":" + args + "}}")).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200 || r.body().contains("\"isError\":true")) throw new IllegalStateException(r.body());
    }
    static void send(Path body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(10)).header("Content-Type","application/json").header("Accept","application/json, text/event-stream").header("Mcp-Session-Id", session).POST(HttpRequest.BodyPublishers.ofFile(body)).build(), HttpResponse.BodyHandlers.ofString());
        Files.deleteIfExists(body);
        if (r.statusCode() != 200 || r.body().contains("\"isError\":true")) throw new IllegalStateException(r.body().substring(0, Math.min(500, r.body().length())));
    }
    static Path body(String filename, int rows, int cols) throws Exception {
        Path file = Files.createTempFile("pb-", ".json");
        try (java.io.Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16)) {
            w.write("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"create_excel_file\",\"arguments\":{\"filename\":\"" + filename + "\",\"headers\":[");
            for (int c = 0; c < cols; c++) w.write((c == 0 ? "" : ",") + "\"col" + c + '"');
            w.write("],\"data\":[");
            StringBuilder b = new StringBuilder();
            for (int row = 0; row < rows; row++) {
                b.setLength(0); b.append(row == 0 ? "[" : ",[");
                for (int c = 0; c < cols; c++) {
                    b.append(c == 0 ? "" : ",");
                    switch (c % 4) { case 0 -> b.append(row); case 1 -> b.append("\"name ").append(row).append('"'); case 2 -> b.append(row * 0.25); default -> b.append(row % 2 == 0); }
                }
                w.append(b.append(']'));
            }
            w.write("]}}}");
        }
        return file;
    }
}
