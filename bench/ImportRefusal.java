import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Streams an xlsx of ROWS x COLS cells (numbers and inline text, with or without the r
 * attributes) to memory, then sends it to import_file CALLS times at once and prints each
 * answer and its time. Usage: java ImportRefusal.java URL CALLS ROWS COLS [noref]
 */
public class ImportRefusal {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int calls = Integer.parseInt(args[1]);
        int rows = Integer.parseInt(args[2]);
        int cols = Integer.parseInt(args[3]);
        boolean positions = args.length < 5 || !args[4].equals("noref");
        byte[] xlsx = xlsx(rows, cols, positions);
        String body = "{\"filename\":\"big.xlsx\",\"content_base64\":\"" + Base64.getEncoder().encodeToString(xlsx)
                + "\"}";
        System.out.printf("xlsx of %d x %d = %d cells (%s r), %.1f MB; %d import_file call(s) at once%n", rows, cols,
                (long) rows * cols, positions ? "with" : "without", xlsx.length / 1e6, calls);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        ExecutorService pool = Executors.newFixedThreadPool(calls);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            answers.add(pool.submit(() -> {
                String session = initialize(http, url);
                go.await();
                long t0 = System.nanoTime();
                String answer = http.send(post(url, session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\","
                        + "\"params\":{\"name\":\"import_file\",\"arguments\":" + body + "}}"),
                        HttpResponse.BodyHandlers.ofString()).body();
                int at = answer.indexOf("\"text\":\"");
                String text = at < 0 ? answer : answer.substring(at + 8, Math.min(answer.length(), at + 8 + 260));
                return String.format("%.1f s: %s", (System.nanoTime() - t0) / 1e9, text);
            }));
        }
        go.countDown();
        for (Future<String> answer : answers) {
            System.out.println(answer.get());
        }
        pool.shutdown();
    }

    private static byte[] xlsx(int rows, int cols, boolean positions) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            entry(zip, "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas"
                    + ".openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\""
                    + "application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType"
                    + "=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd."
                    + "openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets"
                    + "/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet"
                    + "+xml\"/></Types>");
            entry(zip, "_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas."
                    + "openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas."
                    + "openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
                    + "</Relationships>");
            entry(zip, "xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas."
                    + "openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/office"
                    + "Document/2006/relationships\"><sheets><sheet name=\"Data\" sheetId=\"1\" r:id=\"rId1\"/></sheets>"
                    + "</workbook>");
            entry(zip, "xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns="
                    + "\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type="
                    + "\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target="
                    + "\"worksheets/sheet1.xml\"/></Relationships>");
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            Writer w = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
            w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/"
                    + "spreadsheetml/2006/main\"><sheetData>");
            for (int r = 1; r <= rows; r++) {
                w.write(positions ? "<row r=\"" + r + "\">" : "<row>");
                for (int c = 0; c < cols; c++) {
                    String ref = positions ? " r=\"" + column(c) + r + "\"" : "";
                    if (c % 2 == 0) {
                        w.write("<c" + ref + "><v>" + (r * 31 + c) + "</v></c>");
                    } else {
                        w.write("<c" + ref + " t=\"inlineStr\"><is><t>text " + (r % 1000) + "</t></is></c>");
                    }
                }
                w.write("</row>");
            }
            w.write("</sheetData></worksheet>");
            w.flush();
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static String column(int index) {
        StringBuilder letters = new StringBuilder();
        for (int n = index + 1; n > 0; n = (n - 1) / 26) {
            letters.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return letters.toString();
    }

    private static void entry(ZipOutputStream zip, String name, String text) throws Exception {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private static String initialize(HttpClient http, String url) throws Exception {
        HttpResponse<String> init = http.send(post(url, null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
                + "\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"bench\","
                + "\"version\":\"1\"}}}"), HttpResponse.BodyHandlers.ofString());
        return init.headers().firstValue("Mcp-Session-Id").orElseThrow(() -> new IllegalStateException(
                "initialize answered " + init.statusCode() + ": " + init.body()));
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
