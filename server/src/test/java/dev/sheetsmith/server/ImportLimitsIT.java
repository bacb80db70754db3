package dev.sheetsmith.server;

import static dev.sheetsmith.server.McpHttp.ok;
import static dev.sheetsmith.server.McpHttp.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * import_file with the shipped limits, on files written as raw XML in the test: a 2-million-cell
 * xlsx is refused at limits.maxCellsPerCall while it streams (with or without r attributes), an
 * xlsx without r attributes and an ods of 20,000 repeated rows import every row.
 */
class ImportLimitsIT {

    private static final Path DATA = TestServers.tempDir("sheetsmith-import-limits-it");
    @RegisterExtension
    static final McpApp APP = McpApp.on(DATA);

    private final McpHttp http = APP.http();
    private final String session = APP.session(http);

    @Test
    void aTwoMillionCellXlsxIsRefusedAtTheLimitWhileItStreams() throws Exception {
        for (boolean positions : new boolean[] {false, true}) {
            byte[] xlsx = xlsx(100_000, 20, positions);
            long heapBefore = heapUsed();
            long start = System.nanoTime();
            JsonNode refused = call("import_file", Map.of("filename", "big.xlsx", "content_base64",
                    Base64.getEncoder().encodeToString(xlsx)));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(refused.path("isError").asBoolean()).isTrue();
            assertThat(text(refused)).contains("limits.maxCellsPerCall").contains("100000")
                    .contains("Reading stopped at sheet 'Data', row 5001");
            System.out.printf("import_file of 2,000,000 cells (%s r, %.1f MB): refused in %d ms; heap used before"
                    + " %d MB, after %d MB%n", positions ? "with" : "without", xlsx.length / 1e6, millis,
                    heapBefore >> 20, heapUsed() >> 20);
            assertThat(millis).isLessThan(10_000);
        }
        assertThat(http.callTool(session, "list_files", Map.of()).toString()).doesNotContain("big.xlsx");
    }

    @Test
    void anXlsxWithoutPositionsImportsEveryRow() throws Exception {
        JsonNode imported = ok(call("import_file", Map.of("filename", "norefs.xlsx", "content_base64",
                Base64.getEncoder().encodeToString(xlsx(300, 4, false)))));
        // stored as it is: its first row holds numbers, so it is not taken for a header row
        assertThat(text(imported)).contains("300 data rows x 4 columns");
        JsonNode read = ok(call("read_range", Map.of("file", "norefs.xlsx", "range", "A299:D300")));
        assertThat(read.path("structuredContent").path("rows").toString())
                .isEqualTo("[[" + (299 * 31) + "," + (299 * 31 + 1) + "," + (299 * 31 + 2) + "," + (299 * 31 + 3) + "],"
                        + "[" + (300 * 31) + "," + (300 * 31 + 1) + "," + (300 * 31 + 2) + "," + (300 * 31 + 3) + "]]");
        JsonNode described = ok(call("describe_workbook", Map.of("file", "norefs.xlsx")));
        assertThat(text(described)).contains("A1:D300");
    }

    @Test
    void anOdsWithTwentyThousandRepeatedRowsImportsThemAll() throws Exception {
        String rows = "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>Name</text:p>"
                + "</table:table-cell><table:table-cell office:value-type=\"string\"><text:p>Score</text:p>"
                + "</table:table-cell></table:table-row><table:table-row table:number-rows-repeated=\"20000\">"
                + "<table:table-cell office:value-type=\"string\"><text:p>same</text:p></table:table-cell>"
                + "<table:table-cell office:value-type=\"float\" office:value=\"7\"><text:p>7</text:p>"
                + "</table:table-cell></table:table-row><table:table-row table:number-rows-repeated=\"1028555\">"
                + "<table:table-cell table:number-columns-repeated=\"16384\"/></table:table-row>";
        JsonNode imported = ok(call("import_file", Map.of("filename", "repeated.ods", "content_base64",
                Base64.getEncoder().encodeToString(ods(rows)))));
        assertThat(text(imported)).contains("a header row and 20000 data rows x 2 columns");
        JsonNode read = ok(call("read_range", Map.of("file", "repeated.xlsx", "range", "A20000:B20002")));
        assertThat(read.path("structuredContent").path("rows").toString())
                .isEqualTo("[[\"same\",7],[\"same\",7]]");
        assertThat(text(ok(call("describe_workbook", Map.of("file", "repeated.xlsx"))))).contains("A1:B20001");

        String tooMany = rows.replace("number-rows-repeated=\"20000\"", "number-rows-repeated=\"60000\"");
        JsonNode refused = call("import_file", Map.of("filename", "many.ods", "content_base64",
                Base64.getEncoder().encodeToString(ods(tooMany))));
        assertThat(refused.path("isError").asBoolean()).isTrue();
        assertThat(text(refused)).contains("limits.maxCellsPerCall").contains("sheet 'Data', row 50001");
    }

    private JsonNode call(String tool, Map<String, Object> args) throws Exception {
        return http.callTool(session, tool, args);
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** rows x columns numbers (row r, column c: r * 31 + c), streamed as raw sheet XML; no r attributes unless asked. */
    static byte[] xlsx(int rows, int columns, boolean positions) throws IOException {
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
                for (int c = 0; c < columns; c++) {
                    w.write(positions ? "<c r=\"" + column(c) + r + "\"><v>" : "<c><v>");
                    w.write(Integer.toString(r * 31 + c));
                    w.write("</v></c>");
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

    static byte[] ods(String rows) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            entry(zip, "mimetype", "application/vnd.oasis.opendocument.spreadsheet");
            entry(zip, "content.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content xmlns:office="
                    + "\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:table=\"urn:oasis:names:tc:"
                    + "opendocument:xmlns:table:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""
                    + " office:version=\"1.3\"><office:body><office:spreadsheet><table:table table:name=\"Data\">" + rows
                    + "</table:table></office:spreadsheet></office:body></office:document-content>");
        }
        return bytes.toByteArray();
    }

    private static void entry(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
