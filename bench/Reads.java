import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The read figures of issue #17 against a running Sheetsmith: creates a ROWS x COLS workbook
 * with one create_excel_file call (the body written to a temporary file first, then sent from it), then times
 * describe_workbook, describe_sheet, read_range (2,000 cells from random places, the middle first)
 * and find_cells (a text only the last row holds, so every row is searched), each the first time
 * (cold: the revision's read index is built, where the server has one) and warm (median and worst
 * of the next calls). Each figure is printed with the load average and the server's heap (admin
 * /metrics) and RSS (/proc/PID/status) after it.
 *
 * <p>The first describe_workbook comes DESCRIBE_AFTER (5) seconds after the create, as an assistant's next
 * call does: a server that builds a committed revision's index in the background has it built or under
 * way by then (DESCRIBE_AFTER=0 times it at once, waiting for the whole build).
 *
 * <p>The create is timed after a warm-up create of a tenth of the size (as the SXSSF anchor is warmed
 * up in-process); NO_WARMUP set times the server's first create.
 *
 * <p>Usage: java Reads.java URL ADMIN_URL SERVER_PID LABEL ROWS COLS      (SKIP_READS set: the create only)
 */
public class Reads {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static String url;
    private static String admin;
    private static long pid;
    private static String label;
    private static String session;
    private static int id = 10;

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

        if (System.getenv("NO_WARMUP") == null) {
            // warmed up as the SXSSF anchor is (a tenth of the size first), so both figures are of warm code
            send(body("bench-warmup.xlsx", Math.max(1, rows / 10), cols));
        }
        // the body is written to a file before the clock starts: the figure is the server's (and the
        // loopback's), not this client's JSON making, which the in-process anchors do not pay either
        Path body = body("bench.xlsx", rows, cols);
        long t0 = System.nanoTime();
        send(body);
        report("create_excel_file " + rows + " x " + cols, seconds(t0), null);
        String file = "bench.xlsx"; // a fresh server: the name is free

        if (System.getenv("SKIP_READS") != null) {
            return; // the create only (bench/run.sh SKIP_READS=1: the edits and messages still run on it)
        }
        String last = "name " + (rows - 1);
        // an assistant reads a few seconds after its create: DESCRIBE_AFTER (5) seconds, time in which a server that
        // builds a committed revision's read index in the background has it built or under way (0: at once)
        int after = Integer.parseInt(System.getenv().getOrDefault("DESCRIBE_AFTER", "5"));
        Thread.sleep(after * 1000L);
        timed("describe_workbook", "{\"file\":\"" + file + "\"}", 5, after == 0 ? "cold" : "first, " + after
                + " s after the create");
        timed("describe_sheet", "{\"file\":\"" + file + "\"}", 3);
        Random random = new Random(17);
        int pageRows = 2000 / cols;
        List<String> ranges = new ArrayList<>();
        ranges.add(range(rows / 2, pageRows, cols));
        for (int i = 0; i < 9; i++) {
            ranges.add(range(2 + random.nextInt(Math.max(1, rows - pageRows)), pageRows, cols));
        }
        timedEach("read_range 2,000 cells", file, ranges);
        timed("find_cells (last row only)", "{\"file\":\"" + file + "\",\"query\":\"" + last
                + "\",\"whole_cell\":true}", 3);
    }

    private static String range(int firstRow, int rows, int cols) {
        return "A" + firstRow + ":" + (char) ('A' + cols - 1) + (firstRow + rows - 1);
    }

    private static void timed(String tool, String arguments, int warm) throws Exception {
        timed(tool, arguments, warm, "cold");
    }

    private static void timed(String tool, String arguments, int warm, String first) throws Exception {
        String name = tool.split(" ")[0];
        long t0 = System.nanoTime();
        call(name, arguments);
        double cold = seconds(t0);
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < warm; i++) {
            long t = System.nanoTime();
            call(name, arguments);
            times.add(seconds(t));
        }
        report(tool + " " + first, cold, null);
        report(tool + " warm", median(times), times);
    }

    private static void timedEach(String tool, String file, List<String> ranges) throws Exception {
        long t0 = System.nanoTime();
        call("read_range", "{\"file\":\"" + file + "\",\"range\":\"" + ranges.get(0) + "\"}");
        double cold = seconds(t0);
        List<Double> times = new ArrayList<>();
        for (String range : ranges) {
            long t = System.nanoTime();
            String body = call("read_range", "{\"file\":\"" + file + "\",\"range\":\"" + range + "\"}");
            times.add(seconds(t));
            if (!body.contains("name ")) {
                throw new IllegalStateException("read_range " + range + " returned no rows: " + body.substring(0,
                        Math.min(400, body.length())));
            }
        }
        report(tool + " cold (middle)", cold, null);
        report(tool + " warm (10 places)", median(times), times);
    }

    private static String call(String tool, String arguments) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(30))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("Mcp-Session-Id", session).POST(HttpRequest.BodyPublishers.ofString(
                        "{\"jsonrpc\":\"2.0\",\"id\":" + (id++) + ",\"method\":\"tools/call\",\"params\":{\"name\":\""
                                + tool + "\",\"arguments\":" + arguments + "}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200 || r.body().contains("\"isError\":true") || r.body().contains("\"error\"")) {
            throw new IllegalStateException(tool + " failed: " + r.body().substring(0, Math.min(600, r.body().length())));
        }
        return r.body();
    }

    /** The create_excel_file request for ROWS x COLS, written to a temporary file (deleted on exit). */
    private static Path body(String filename, int rows, int cols) throws Exception {
        Path file = Files.createTempFile("bench-create-", ".json");
        file.toFile().deleteOnExit();
        try (java.io.Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(Files.newOutputStream(file),
                StandardCharsets.UTF_8), 1 << 16)) {
            w.write("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":"
                    + "{\"name\":\"create_excel_file\",\"arguments\":{\"filename\":\"" + filename + "\",\"headers\":[");
            for (int c = 0; c < cols; c++) {
                w.write((c == 0 ? "" : ",") + "\"col" + c + '"');
            }
            w.write("],\"data\":[");
            StringBuilder b = new StringBuilder();
            for (int row = 0; row < rows; row++) {
                b.setLength(0);
                b.append(row == 0 ? "[" : ",[");
                for (int c = 0; c < cols; c++) {
                    b.append(c == 0 ? "" : ",");
                    switch (c % 4) {
                        case 0 -> b.append(row);
                        case 1 -> b.append("\"name ").append(row).append('"');
                        case 2 -> b.append(row * 0.25);
                        default -> b.append(row % 2 == 0);
                    }
                }
                w.append(b.append(']'));
            }
            w.write("]}}}");
        }
        return file;
    }

    private static String send(Path body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(30))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("Mcp-Session-Id", session)
                .POST(HttpRequest.BodyPublishers.ofFile(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        Files.deleteIfExists(body);
        if (r.statusCode() != 200 || r.body().contains("\"isError\":true")) {
            throw new IllegalStateException("create failed: " + r.body().substring(0, Math.min(600, r.body().length())));
        }
        return r.body();
    }

    private static void report(String what, double seconds, List<Double> all) throws Exception {
        String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        String spread = all == null ? "" : String.format(Locale.ROOT, " (max %.3f s)", Collections.max(all));
        System.out.printf(Locale.ROOT, "%-8s | %-42s | %9.3f s%-18s | load %5s | heap %5d MiB | RSS %5d MiB%n", label,
                what, seconds, spread, load, heapMiB(), rssMiB());
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

    private static double median(List<Double> times) {
        List<Double> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static HttpRequest post(String body) {
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream").POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }
}
