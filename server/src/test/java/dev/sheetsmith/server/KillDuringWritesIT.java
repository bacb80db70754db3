package dev.sheetsmith.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * "Acknowledged means durable", tried as an unlucky operator would: the packaged server on the
 * default H2 file database and local files, four clients (each its own MCP session) writing to ONE
 * file with write_range and append_rows while a fifth creates files of another owner, then
 * {@code kill -9} at a different moment each round and a restart on the same data. Every call that
 * was answered OK must be in the file afterwards (checked in the downloaded file's XML and through
 * read_range), and every file of every owner must download and open.
 */
class KillDuringWritesIT {

    private static final int WRITERS = 4;
    /**
     * When each round's SIGKILL comes: once this many calls were answered OK, then after this many
     * more milliseconds, so that the kill falls at a different point of a call each round.
     */
    private static final int[] KILL_AFTER_CALLS = {8, 40, 20, 60};
    private static final long[] KILL_DELAY_MS = {0, 170, 60, 330};
    private static final String FILE = "shared.xlsx";

    private final Map<Integer, Integer> nextRow = new HashMap<>();

    @Test
    void everyAcknowledgedWriteSurvivesKillNine() throws Exception {
        Path dir = TestServers.tempDir("sheetsmith-kill9");
        try (PackagedServer server = new PackagedServer(dir)) {
            String admin = secret(server.keys("create", "--owner", "ops", "--admin"));
            String alice = secret(server.keys("create", "--owner", "alice"));
            String bob = secret(server.keys("create", "--owner", "bob"));
            server.start();
            Client setup = new Client(server.port(), alice);
            ok(setup.call("create_excel_file", Map.of("filename", FILE, "data",
                    List.of(List.of("Appended"), List.of("start")))));

            List<String> figures = new ArrayList<>();
            int totalAcknowledged = 0;
            int totalLost = 0;
            int totalUnreadable = 0;
            for (int round = 1; round <= KILL_AFTER_CALLS.length; round++) {
                Round result = runRound(server, round, alice, bob);
                server.start();
                Check check = check(server, admin, alice, result);
                String line = "round " + round + ": kill -9 after " + KILL_AFTER_CALLS[round - 1] + " answers + "
                        + KILL_DELAY_MS[round - 1] + " ms; acknowledged "
                        + result.acknowledged() + " (write_range " + result.writes.size() + ", append_rows "
                        + result.appends.size() + ", create " + result.creates.size() + "), present " + check.present
                        + ", lost " + check.lost.size() + (check.lost.isEmpty() ? "" : " " + check.lost)
                        + "; files " + check.files + ", unreadable " + check.unreadable.size()
                        + (check.unreadable.isEmpty() ? "" : " " + check.unreadable);
                figures.add(line);
                System.out.println("[KillDuringWritesIT] " + line);
                totalAcknowledged += result.acknowledged();
                totalLost += check.lost.size();
                totalUnreadable += check.unreadable.size();
            }
            System.out.println("[KillDuringWritesIT] total: acknowledged " + totalAcknowledged + ", lost " + totalLost
                    + ", unreadable files " + totalUnreadable);
            assertThat(totalAcknowledged).as("the clients got calls answered").isGreaterThan(KILL_AFTER_CALLS.length * 4);
            assertThat(totalLost).as(String.join("\n", figures)).isZero();
            assertThat(totalUnreadable).as(String.join("\n", figures)).isZero();
        }
    }

    /** Acknowledged markers of one round, by how they were written. */
    private static final class Round {
        final List<String> writes = Collections.synchronizedList(new ArrayList<>());
        final List<String> appends = Collections.synchronizedList(new ArrayList<>());
        final List<String> creates = Collections.synchronizedList(new ArrayList<>());

        int acknowledged() {
            return writes.size() + appends.size() + creates.size();
        }
    }

    private Round runRound(PackagedServer server, int round, String alice, String bob) throws Exception {
        Round result = new Round();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < WRITERS; c++) {
            int client = c;
            int firstRow = nextRow.getOrDefault(client, 2);
            threads.add(new Thread(() -> write(server.port(), alice, round, client, firstRow, stop, result),
                    "writer-" + c));
        }
        threads.add(new Thread(() -> create(server.port(), bob, round, stop, result), "creator"));
        threads.forEach(Thread::start);
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (result.acknowledged() < KILL_AFTER_CALLS[round - 1] && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        Thread.sleep(KILL_DELAY_MS[round - 1]);
        server.kill();
        stop.set(true);
        for (Thread t : threads) {
            t.join(60_000);
        }
        // The next round's write_range calls go below every row this round may have used.
        for (int c = 0; c < WRITERS; c++) {
            nextRow.put(c, nextRow.getOrDefault(c, 2) + 400);
        }
        return result;
    }

    /** Even calls write_range one marker into the client's own column, odd calls append a row with one. */
    private static void write(int port, String key, int round, int client, int firstRow, AtomicBoolean stop,
            Round result) {
        try {
            Client mcp = new Client(port, key);
            for (int i = 0; !stop.get() && i < 400; i++) {
                String marker = "r" + round + "c" + client + "n" + i;
                JsonNode answer;
                if (i % 2 == 0) {
                    answer = mcp.call("write_range", Map.of("file", FILE, "start_cell",
                            (char) ('E' + client) + Integer.toString(firstRow + i), "values", List.of(List.of(marker))));
                } else {
                    answer = mcp.call("append_rows", Map.of("file", FILE, "data", List.of(List.of(marker))));
                }
                if (answer != null && !answer.path("isError").asBoolean()) {
                    (i % 2 == 0 ? result.writes : result.appends).add(marker);
                }
            }
        } catch (IOException | InterruptedException killed) {
            // the server died under the call: its outcome is unknown, so it is not counted
        }
    }

    private static void create(int port, String key, int round, AtomicBoolean stop, Round result) {
        try {
            Client mcp = new Client(port, key);
            for (int i = 0; !stop.get() && i < 400; i++) {
                String name = "bob-r" + round + "-" + i + ".xlsx";
                JsonNode answer = mcp.call("create_excel_file", Map.of("filename", name, "data",
                        List.of(List.of("Round", "N"), List.of(round, i))));
                if (answer != null && !answer.path("isError").asBoolean()) {
                    result.creates.add(name);
                }
            }
        } catch (IOException | InterruptedException killed) {
            // as above
        }
    }

    private static final class Check {
        int present;
        int files;
        final List<String> lost = new ArrayList<>();
        final List<String> unreadable = new ArrayList<>();
    }

    private static Check check(PackagedServer server, String admin, String alice, Round round) throws Exception {
        Check check = new Check();
        Client reader = new Client(server.port(), alice);
        Set<String> inXml = new HashSet<>();
        Set<String> inRange = new HashSet<>();
        JsonNode shared = reader.call("get_download_link", Map.of("file", FILE));
        if (shared == null || shared.path("isError").asBoolean()) {
            check.unreadable.add(FILE + " (get_download_link: " + shared + ")");
        } else {
            try {
                inXml.addAll(xmlTexts(download(McpHttp.linkIn(McpHttp.text(shared)))));
            } catch (IOException e) {
                check.unreadable.add(FILE + " (its XML: " + e + ")");
            }
            String range = null;
            int pages = 0;
            do {
                Map<String, Object> args = new HashMap<>(Map.of("file", FILE, "max_cells", 2000));
                if (range != null) {
                    args.put("range", range);
                }
                JsonNode page = reader.call("read_range", args);
                if (page == null || page.path("isError").asBoolean()) {
                    check.unreadable.add(FILE + " (read_range: " + page + ")");
                    break;
                }
                for (JsonNode row : page.path("structuredContent").path("rows")) {
                    row.forEach(v -> inRange.add(v.asText()));
                }
                JsonNode next = page.path("structuredContent").path("next_range");
                range = next.isNull() || next.isMissingNode() ? null : next.asText();
            } while (range != null && ++pages < 200);
        }
        List<String> markers = new ArrayList<>(round.writes);
        markers.addAll(round.appends);
        for (String marker : markers) {
            if (inXml.contains(marker) && inRange.contains(marker)) {
                check.present++;
            } else {
                check.lost.add(marker + (inXml.contains(marker) ? " (not in read_range)" : "")
                        + (inRange.contains(marker) ? " (not in the file's XML)" : ""));
            }
        }

        // Every file of every owner, through the admin API: listed, downloads, opens.
        Set<String> names = new HashSet<>();
        String cursor = null;
        do {
            JsonNode page = McpHttp.JSON.readTree(get(server.port(), "/api/admin/files?limit=200"
                    + (cursor == null ? "" : "&cursor=" + cursor), admin));
            for (JsonNode file : page.path("items")) {
                check.files++;
                names.add(file.path("name").asText());
                String id = file.path("fileId").asText();
                JsonNode one = McpHttp.JSON.readTree(get(server.port(), "/api/admin/files/" + id, admin));
                try {
                    byte[] bytes = download(one.path("downloadUrl").asText());
                    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
                        for (Sheet sheet : workbook) {
                            for (Row row : sheet) {
                                for (Cell cell : row) {
                                    cell.toString();
                                }
                            }
                        }
                    }
                } catch (IOException | RuntimeException | AssertionError e) {
                    check.unreadable.add(file.path("name").asText() + " (" + e.getMessage() + ")");
                }
            }
            JsonNode next = page.path("nextCursor");
            cursor = next.isNull() || next.isMissingNode() ? null : next.asText();
        } while (cursor != null);
        for (String created : round.creates) {
            if (names.contains(created)) {
                check.present++;
            } else {
                check.lost.add(created + " (created, then gone)");
            }
        }
        return check;
    }

    /** The text of every cell string in the workbook's XML (shared strings and inline strings), read raw. */
    private static Set<String> xmlTexts(byte[] xlsx) throws IOException {
        Set<String> texts = new HashSet<>();
        java.util.regex.Pattern t = java.util.regex.Pattern.compile("<(?:\\w+:)?t(?: [^>]*)?>([^<]*)</(?:\\w+:)?t>");
        Path copy = java.nio.file.Files.createTempFile("kill9-", ".xlsx");
        try {
            java.nio.file.Files.write(copy, xlsx);
            try (ZipFile zip = new ZipFile(copy.toFile())) {
                for (ZipEntry e : Collections.list(zip.entries())) {
                    if (e.getName().startsWith("xl/") && e.getName().endsWith(".xml")) {
                        try (var in = zip.getInputStream(e)) {
                            java.util.regex.Matcher m = t.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                            while (m.find()) {
                                texts.add(m.group(1));
                            }
                        }
                    }
                }
            }
        } finally {
            java.nio.file.Files.deleteIfExists(copy);
        }
        return texts;
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static byte[] download(String link) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(link)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("download answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.body();
    }

    private static String get(int port, String path, String key) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + key).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String secret(String keysOutput) {
        return keysOutput.lines().filter(l -> l.startsWith("ssk_")).findFirst()
                .orElseThrow(() -> new AssertionError("no key in: " + keysOutput));
    }

    private static JsonNode ok(JsonNode result) {
        return McpHttp.ok(result);
    }

    /** One MCP session with a key; a call answers the tool result, or throws when the server is gone. */
    private static final class Client {
        private final McpHttp http;
        private final String auth;
        private final String session;

        Client(int port, String key) throws IOException, InterruptedException {
            this.http = new McpHttp(port);
            this.auth = "Bearer " + key;
            HttpResponse<String> init = http.post(null, McpHttp.request(1, "initialize", Map.of("protocolVersion",
                    "2025-06-18", "capabilities", Map.of(), "clientInfo", Map.of("name", "kill9", "version", "1"))),
                    "Authorization", auth);
            if (init.statusCode() != 200) {
                throw new AssertionError("initialize answered " + init.statusCode() + ": " + init.body());
            }
            this.session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
            http.post(session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", "Authorization", auth);
        }

        /** The tool result, or null when the server answered something else than a result. */
        JsonNode call(String tool, Map<String, Object> arguments) throws IOException, InterruptedException {
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("name", tool);
            params.put("arguments", arguments);
            HttpResponse<String> response = http.post(session, McpHttp.request(7, "tools/call", params),
                    "Authorization", auth);
            if (response.statusCode() != 200) {
                return null;
            }
            JsonNode result = McpHttp.JSON.readTree(response.body()).path("result");
            return result.isMissingNode() ? null : result;
        }
    }
}
