import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Enumeration;

/**
 * Sends one create_excel_file (or append_rows) call with ROWS x COLS cells to a running
 * Sheetsmith and reports the time. The JSON body is generated while it is sent, so the client
 * needs little memory. Usage: java LargeCreate.java URL ROWS COLS [append FILE]
 */
public class LargeCreate {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int rows = Integer.parseInt(args[1]);
        int cols = Integer.parseInt(args[2]);
        boolean append = args.length > 3 && args[3].equals("append");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> init = http.send(post(url, null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
                + "\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"bench\","
                + "\"version\":\"1\"}}}"), HttpResponse.BodyHandlers.ofString());
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow(() -> new IllegalStateException(
                "initialize answered " + init.statusCode() + ": " + init.body()));

        StringBuilder head = new StringBuilder("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"");
        head.append(append ? "append_rows\",\"arguments\":{\"file\":\"" + args[4] + "\"," : "create_excel_file\",\"arguments\":{\"filename\":\"bench.xlsx\",");
        if (!append) {
            head.append("\"headers\":[");
            for (int c = 0; c < cols; c++) {
                head.append(c == 0 ? "" : ",").append("\"col").append(c).append('"');
            }
            head.append("],");
        }
        head.append("\"data\":[");
        String tail = "]}}}";
        Enumeration<InputStream> parts = new Enumeration<>() {
            int row = -1;

            @Override
            public boolean hasMoreElements() {
                return row <= rows;
            }

            @Override
            public InputStream nextElement() {
                String chunk;
                if (row == -1) {
                    chunk = head.toString();
                } else if (row == rows) {
                    chunk = tail;
                } else {
                    StringBuilder b = new StringBuilder(row == 0 ? "[" : ",[");
                    for (int c = 0; c < cols; c++) {
                        b.append(c == 0 ? "" : ",");
                        switch (c % 4) {
                            case 0 -> b.append(row);
                            case 1 -> b.append("\"name ").append(row).append('"');
                            case 2 -> b.append(row * 0.25);
                            default -> b.append(row % 2 == 0);
                        }
                    }
                    chunk = b.append(']').toString();
                }
                row++;
                return new ByteArrayInputStream(chunk.getBytes(StandardCharsets.UTF_8));
            }
        };
        long t0 = System.nanoTime();
        HttpResponse<String> result = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(30))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("Mcp-Session-Id", session)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new SequenceInputStream(parts))).build(),
                HttpResponse.BodyHandlers.ofString());
        double seconds = (System.nanoTime() - t0) / 1e9;
        String body = result.body();
        boolean error = result.statusCode() != 200 || body.contains("\"isError\":true") || body.contains("\"error\"");
        System.out.printf("%s %d rows x %d cols = %d cells: HTTP %d, %s, %.1f s%n", append ? "append_rows" : "create_excel_file",
                rows, cols, (long) rows * cols, result.statusCode(), error ? "FAILED" : "ok", seconds);
        if (error) {
            System.out.println(body.length() > 500 ? body.substring(0, 500) : body);
            System.exit(1);
        }
    }

    private static HttpRequest post(String url, String session, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream").POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            b.header("Mcp-Session-Id", session);
        }
        return b.build();
    }
}
