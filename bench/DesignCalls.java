import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Calls tools one after another on a running Sheetsmith and prints each call's time.
 * Usage: java DesignCalls.java URL 'tool {json arguments}' ...
 */
public class DesignCalls {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> init = http.send(post(url, null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
                + "\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"bench\","
                + "\"version\":\"1\"}}}"), HttpResponse.BodyHandlers.ofString());
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow(() -> new IllegalStateException(
                "initialize answered " + init.statusCode() + ": " + init.body()));
        for (int i = 1; i < args.length; i++) {
            String call = args[i].strip();
            int space = call.indexOf(' ');
            String tool = call.substring(0, space);
            String arguments = call.substring(space + 1);
            long t0 = System.nanoTime();
            HttpResponse<String> result = http.send(post(url, session, "{\"jsonrpc\":\"2.0\",\"id\":" + (i + 1)
                    + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool + "\",\"arguments\":" + arguments + "}}"),
                    HttpResponse.BodyHandlers.ofString());
            double seconds = (System.nanoTime() - t0) / 1e9;
            String body = result.body();
            boolean error = result.statusCode() != 200 || body.contains("\"isError\":true") || body.contains("\"error\"");
            System.out.printf("%-24s %s, %.1f s%n", tool, error ? "FAILED" : "ok", seconds);
            if (error) {
                System.out.println(body.length() > 600 ? body.substring(0, 600) : body);
                System.exit(1);
            }
        }
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
