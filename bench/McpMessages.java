import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What one Open-WebUI chat message costs a running Sheetsmith: initialize, notifications/initialized,
 * tools/list, DELETE on /mcp (MCP Streamable HTTP). Prints the serial p50/p99 of initialize +
 * tools/list and of the whole message, then messages/s and p99 with CLIENTS clients at once, then
 * the p50 of a 10-row create_excel_file, and the size of tools/list.
 * Usage: java McpMessages.java URL [CLIENTS] [SECONDS] [SERVER_PID]     (URL e.g. http://127.0.0.1:9080/mcp;
 * append ?profile=compact to measure the compact tool profile; SHEETSMITH_API_KEY is sent when set; ACCEPT_ENCODING,
 * e.g. "gzip, deflate" as Open-WebUI's MCP client (the Python SDK over httpx) sends it, is sent and the answer
 * decoded when set).
 * With the server's process id (Linux), each phase also prints the server's CPU time (user + system,
 * from /proc) per message or call, which a busy machine disturbs less than the latencies.
 */
public class McpMessages {

    private static final String KEY = System.getenv("SHEETSMITH_API_KEY");
    /** httpx's default is "gzip, deflate" (plus br and zstd when their modules are installed). */
    private static final String ACCEPT_ENCODING = System.getenv("ACCEPT_ENCODING");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static String url;
    private static long serverPid = -1;

    public static void main(String[] args) throws Exception {
        url = args[0];
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        serverPid = args.length > 3 ? Long.parseLong(args[3]) : -1;
        System.out.printf("tools/list: %d bytes%n", toolsListBytes());
        // Warm-up: the JIT, the connection pool, the database's caches. A server answers every chat message
        // of every user, so its steady state is what counts. On 2 cores C2 goes on compiling for about a minute
        // of this traffic (after 20 s its threads still took a quarter of the server's CPU, and the server used
        // 2.1 ms per message instead of the 1.0 ms it settles at), so with the server's pid the warm-up lasts at
        // least WARMUP_SECONDS (20) and then until the JIT's threads used under 100 ms of CPU in 5 s, or
        // WARMUP_MAX_SECONDS (180).
        int warmSeconds = Integer.parseInt(System.getenv().getOrDefault("WARMUP_SECONDS", "20"));
        int warmMax = Integer.parseInt(System.getenv().getOrDefault("WARMUP_MAX_SECONDS", "180"));
        long warmStart = System.nanoTime();
        AtomicBoolean warmed = new AtomicBoolean();
        int warmers = Math.max(8, clients);
        ExecutorService warm = Executors.newFixedThreadPool(warmers);
        List<Future<?>> warming = new ArrayList<>();
        for (int c = 0; c < warmers; c++) {
            warming.add(warm.submit(() -> {
                while (!warmed.get()) {
                    message(null);
                }
                return null;
            }));
        }
        Thread.sleep(warmSeconds * 1000L);
        double jitAtStart = jitCpuMs(), jitLast = Double.NaN;
        while (serverPid >= 0 && (System.nanoTime() - warmStart) / 1e9 < warmMax) {
            double before = jitCpuMs();
            Thread.sleep(5000);
            jitLast = Math.max(0, jitCpuMs() - before);
            if (jitLast < 100) {
                break;
            }
        }
        warmed.set(true);
        for (Future<?> f : warming) {
            f.get();
        }
        System.out.printf("warm-up: %.0f s with %d clients%s%n", (System.nanoTime() - warmStart) / 1e9, warmers,
                serverPid < 0 ? "" : String.format(" (the JIT's threads: %.0f ms of CPU after the first %d s, %.0f ms in"
                        + " the last 5 s)", Math.max(0, jitCpuMs() - jitAtStart), warmSeconds, jitLast));
        warm.shutdown();
        for (int i = 0; i < 200; i++) {
            message(null);
        }
        int n = 500;
        double[] cpu0 = cpuSnapshot();
        long[] initList = new long[n];
        long[] whole = new long[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            long[] split = new long[1];
            message(split);
            whole[i] = System.nanoTime() - t0;
            initList[i] = split[0];
        }
        System.out.printf("serial, %d messages: init+list p50 %.1f ms p99 %.1f ms; whole message p50 %.1f ms p99 %.1f ms%n",
                n, pct(initList, 50), pct(initList, 99), pct(whole, 50), pct(whole, 99));
        printCpu("serial", cpu0, n, "message");

        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicBoolean stop = new AtomicBoolean();
        List<Future<List<Long>>> runs = new ArrayList<>();
        long start = System.nanoTime();
        double[] cpu1 = cpuSnapshot();
        for (int c = 0; c < clients; c++) {
            runs.add(pool.submit(() -> {
                List<Long> times = new ArrayList<>();
                while (!stop.get()) {
                    long t0 = System.nanoTime();
                    message(null);
                    times.add(System.nanoTime() - t0);
                }
                return times;
            }));
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> run : runs) {
            all.addAll(run.get());
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        long[] conc = all.stream().mapToLong(Long::longValue).toArray();
        System.out.printf("%d clients, %.1f s: %.0f messages/s, p50 %.1f ms p99 %.1f ms%n", clients, elapsed,
                conc.length / elapsed, pct(conc, 50), pct(conc, 99));
        printCpu(clients + " clients", cpu1, conc.length, "message");

        if (System.getenv("SKIP_CREATE") != null) {
            return; // messages only (interleaved A/B runs)
        }
        String session = initialize();
        StringBuilder rows = new StringBuilder();
        for (int r = 0; r < 10; r++) {
            rows.append(r == 0 ? "" : ",").append("[").append(r).append(",\"item ").append(r).append("\",")
                    .append(r * 1.5).append("]");
        }
        int creates = 100;
        long[] create = new long[creates];
        double[] cpu3 = null;
        for (int i = -20; i < creates; i++) {
            if (i == 0) {
                cpu3 = cpuSnapshot();
            }
            long t0 = System.nanoTime();
            String body = send(post(session, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{"
                    + "\"name\":\"create_excel_file\",\"arguments\":{\"filename\":\"bench-" + i + ".xlsx\","
                    + "\"headers\":[\"n\",\"name\",\"price\"],\"data\":[" + rows + "]}}}")).body();
            if (body.contains("\"isError\":true")) {
                throw new IllegalStateException("create failed: " + body);
            }
            if (i >= 0) {
                create[i] = System.nanoTime() - t0;
            }
        }
        System.out.printf("create_excel_file, 10 rows, %d calls: p50 %.1f ms p99 %.1f ms%n", creates, pct(create, 50),
                pct(create, 99));
        printCpu("create_excel_file", cpu3, creates, "call");
        end(session);
    }

    /** One chat message; {@code split[0]} gets the time of initialize + tools/list. */
    private static void message(long[] split) throws Exception {
        long t0 = System.nanoTime();
        String session = initialize();
        send(post(session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"));
        long t1 = System.nanoTime();
        HttpResponse<String> list = send(post(session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}"));
        long t2 = System.nanoTime();
        if (list.statusCode() != 200 || !list.body().contains("\"tools\"")) {
            throw new IllegalStateException("tools/list answered " + list.statusCode() + ": " + list.body());
        }
        end(session);
        if (split != null) {
            split[0] = (t1 - t0) + (t2 - t1);
        }
    }

    private static int toolsListBytes() throws Exception {
        String session = initialize();
        HttpResponse<String> list = send(post(session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}"));
        int size = list.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        end(session);
        if (ACCEPT_ENCODING != null) {
            System.out.printf("Accept-Encoding: %s; tools/list came back %s%n", ACCEPT_ENCODING,
                    list.headers().firstValue("Content-Encoding").map(c -> c + ", " + compressedBytes + " bytes on the wire")
                            .orElse("uncompressed"));
        }
        return size;
    }

    private static String initialize() throws Exception {
        HttpResponse<String> init = send(post(null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
                + "\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"bench\","
                + "\"version\":\"1\"}}}"));
        return init.headers().firstValue("Mcp-Session-Id").orElseThrow(() -> new IllegalStateException(
                "initialize answered " + init.statusCode() + ": " + init.body()));
    }

    private static void end(String session) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(1))
                .header("Mcp-Session-Id", session).DELETE();
        if (KEY != null) {
            b.header("Authorization", "Bearer " + KEY);
        }
        send(b.build());
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        if (ACCEPT_ENCODING == null) {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        }
        HttpResponse<byte[]> raw = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
        String coding = raw.headers().firstValue("Content-Encoding").orElse("identity").strip();
        byte[] bytes = raw.body();
        if (coding.equalsIgnoreCase("gzip")) {
            compressedBytes = bytes.length;
            bytes = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(bytes)).readAllBytes();
        } else if (!coding.equalsIgnoreCase("identity")) {
            throw new IllegalStateException("unexpected Content-Encoding " + coding);
        }
        String body = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        return new HttpResponse<>() {
            public int statusCode() { return raw.statusCode(); }
            public HttpRequest request() { return raw.request(); }
            public Optional<HttpResponse<String>> previousResponse() { return Optional.empty(); }
            public java.net.http.HttpHeaders headers() { return raw.headers(); }
            public String body() { return body; }
            public Optional<javax.net.ssl.SSLSession> sslSession() { return raw.sslSession(); }
            public URI uri() { return raw.uri(); }
            public HttpClient.Version version() { return raw.version(); }
        };
    }

    /** The size of the last gzip answer as sent (before decoding). */
    private static volatile int compressedBytes = -1;

    private static HttpRequest post(String session, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(1))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("MCP-Protocol-Version", "2025-06-18").POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            b.header("Mcp-Session-Id", session);
        }
        if (KEY != null) {
            b.header("Authorization", "Bearer " + KEY);
        }
        if (ACCEPT_ENCODING != null) {
            b.header("Accept-Encoding", ACCEPT_ENCODING);
        }
        return b.build();
    }

    /**
     * The server's CPU time so far in ms (user + system), or NaN without its pid; {@code jit} false leaves out
     * the JIT compiler threads, which on a busy machine go on compiling long after the warm-up.
     */
    private static double serverCpuMs(boolean jit) throws java.io.IOException {
        if (serverPid < 0) {
            return Double.NaN;
        }
        long ticks = 0;
        try (var tasks = java.nio.file.Files.list(java.nio.file.Path.of("/proc/" + serverPid + "/task"))) {
            for (java.nio.file.Path task : (Iterable<java.nio.file.Path>) tasks::iterator) {
                String stat;
                try {
                    stat = java.nio.file.Files.readString(task.resolve("stat"));
                } catch (java.io.IOException gone) {
                    continue; // the thread ended
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                if (!jit && name.matches("C[12] CompilerThre.*")) {
                    continue;
                }
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime in ticks of 10 ms
            }
        }
        return ticks * 10.0;
    }

    /** CPU time so far of the server's JIT compiler threads, in ms (a compiler thread that ended takes its time with it). */
    private static double jitCpuMs() throws java.io.IOException {
        return serverCpuMs(true) - serverCpuMs(false);
    }

    /** CPU so far, in ms: the server's, the server's without its JIT threads, and this bench's own. */
    private static double[] cpuSnapshot() throws java.io.IOException {
        return new double[] {serverCpuMs(true), serverCpuMs(false), clientCpuMs()};
    }

    /** This bench's own CPU time so far in ms: it shares the machine's cores with the server. */
    private static double clientCpuMs() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e6;
    }

    private static void printCpu(String phase, double[] before, int count, String unit) throws java.io.IOException {
        double[] now = cpuSnapshot();
        double ms = now[0] - before[0];
        double app = now[1] - before[1];
        if (!Double.isNaN(ms)) {
            System.out.printf("  server CPU, %s: %.2f ms per %s, %.2f without the JIT's threads (%.0f ms for %d;"
                    + " load %s)%n", phase, ms / count, unit, app / count, ms, count, loadAverage());
        }
        System.out.printf("  client CPU, %s: %.2f ms per %s (this bench, on the same cores)%n", phase,
                (now[2] - before[2]) / count, unit);
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private static double pct(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }
}
