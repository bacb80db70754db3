package dev.sheetsmith.server;

import static dev.sheetsmith.server.McpHttp.ok;
import static dev.sheetsmith.server.McpHttp.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An .ods comes in (POST /api/files, import_file) and becomes an xlsx that keeps what the ods holds
 * and an xlsx can: its styles, number formats, widths, heights and merges, read back with openpyxl
 * and raw XML; what it cannot keep (an OpenFormula with no Excel form) is named in the answer.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class OdsImportIT {

    private static final Path DATA = TestServers.tempDir("sheetsmith-ods-import-it");
    private static final DropwizardAppExtension<SheetsmithConfiguration> APP = TestServers.app(DATA);

    private final HttpClient client = HttpClient.newHttpClient();
    private McpHttp http;
    private String session;

    @BeforeEach
    void connect() throws Exception {
        http = new McpHttp(APP.getLocalPort());
        session = http.initialize();
    }

    /** A union of two ranges (OpenFormula's '~') has no one-for-one Excel form: the cell keeps its value. */
    static byte[] odsWithAnUnconvertibleFormula() throws IOException {
        String content = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content xmlns:office=\"urn:oasis:"
                + "names:tc:opendocument:xmlns:office:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\""
                + " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.3\"><office:body>"
                + "<office:spreadsheet><table:table table:name=\"Data\"><table:table-row><table:table-cell"
                + " office:value-type=\"string\"><text:p>a</text:p></table:table-cell><table:table-cell"
                + " office:value-type=\"string\"><text:p>b</text:p></table:table-cell><table:table-cell"
                + " office:value-type=\"string\"><text:p>sum</text:p></table:table-cell></table:table-row>"
                + "<table:table-row><table:table-cell office:value-type=\"float\" office:value=\"1\"/>"
                + "<table:table-cell office:value-type=\"float\" office:value=\"2\"/>"
                + "<table:table-cell table:formula=\"of:=SUM([.A2:.A3]~[.B2:.B3])\" office:value-type=\"float\""
                + " office:value=\"10\"><text:p>10</text:p></table:table-cell></table:table-row>"
                + "<table:table-row><table:table-cell office:value-type=\"float\" office:value=\"3\"/>"
                + "<table:table-cell office:value-type=\"float\" office:value=\"4\"/>"
                + "<table:table-cell table:formula=\"of:=[.A3]+[.B3]\" office:value-type=\"float\" office:value=\"7\"/>"
                + "</table:table-row></table:table></office:spreadsheet></office:body></office:document-content>";
        ByteArrayOutputStream ods = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(ods)) {
            zip.putNextEntry(new ZipEntry("mimetype"));
            zip.write("application/vnd.oasis.opendocument.spreadsheet".getBytes(StandardCharsets.US_ASCII));
            zip.putNextEntry(new ZipEntry("content.xml"));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
        }
        return ods.toByteArray();
    }

    @Test
    void anOdsFormulaWithNoExcelFormIsNamedInTheUploadAnswer() throws Exception {
        HttpResponse<String> response = upload("union.ods", odsWithAnUnconvertibleFormula());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode record = McpHttp.JSON.readTree(response.body()).path("files").get(0);
        assertThat(record.path("notes")).hasSize(1);
        assertThat(record.path("notes").get(0).asText()).contains("sheet 'Data', cell C2")
                .contains("of:=SUM([.A2:.A3]~[.B2:.B3])").contains("kept its value (10)");
        byte[] stored = http.download(record.path("downloadUrl").asText()).body();
        // the value stays where the formula was; the convertible formula next to it is a formula
        assertThat(UploadsIT.readBack(stored, "ws=wb['Data']; print(ws['C2'].value, ws['C3'].value)"))
                .endsWith("10.0 =A3+B3");
    }

    @Test
    void importFileAndItsTextNameTheFormulaKeptAsAValue() throws Exception {
        JsonNode imported = ok(http.callTool(session, "import_file", Map.of("filename", "union.ods",
                "content_base64", Base64.getEncoder().encodeToString(odsWithAnUnconvertibleFormula()))));
        assertThat(text(imported)).contains("Not carried over:").contains("sheet 'Data', cell C2");
        assertThat(imported.path("structuredContent").path("notes").get(0).asText())
                .contains("sheet 'Data', cell C2").contains("kept its value");
    }

    @Test
    void anOdsWithoutLossesHasNoNotes() throws Exception {
        byte[] csv = "Name,Amount\nAnn,12.5\n".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = upload("plain.csv", csv);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(McpHttp.JSON.readTree(response.body()).path("files").get(0).has("notes")).isFalse();
    }

    /** A workbook with the styles people use, written by openpyxl, saved as .ods by LibreOffice. */
    static final String STYLED_BOOK = """
            import sys, datetime
            from openpyxl import Workbook
            from openpyxl.styles import Font, PatternFill, Alignment, Border, Side
            wb = Workbook()
            ws = wb.active
            ws.title = "Styled"
            ws.append(["Item", "Price", "Share", "When", "Big"])
            ws.append(["Apples", 1234.5, 0.125, datetime.date(2024, 3, 15), 1234567.891])
            ws.append(["Pears", 2.25, 0.5, datetime.date(2024, 12, 1), 42])
            for c in ws[1]:
                c.font = Font(bold=True, color="FFFF0000", size=14, name="Arial")
                c.fill = PatternFill("solid", start_color="FFFFFF00")
            ws["A2"].font = Font(italic=True, underline="single")
            ws["A3"].alignment = Alignment(horizontal="center", wrap_text=True)
            ws["B2"].number_format = '"$"#,##0.00'
            ws["B3"].number_format = '"$"#,##0.00'
            ws["C2"].number_format = '0.0%'
            ws["C3"].number_format = '0.0%'
            ws["D2"].number_format = 'yyyy-mm-dd'
            ws["D3"].number_format = 'yyyy-mm-dd'
            ws["E2"].number_format = '#,##0.00'
            ws["E2"].border = Border(top=Side(style="thin", color="FF000000"), bottom=Side(style="thin", color="FF000000"), left=Side(style="thin", color="FF000000"), right=Side(style="thin", color="FF000000"))
            ws["A5"] = "Merged"
            ws.merge_cells("A5:C6")
            ws.column_dimensions["A"].width = 30
            ws.row_dimensions[3].height = 40
            wb.save(sys.argv[1])
            """;

    @Test
    void anOdsFromLibreOfficeKeepsItsStylesNumberFormatsWidthsAndMerges() throws Exception {
        String soffice = UploadsIT.soffice();
        Path work = Files.createTempDirectory(DATA, "styled");
        Path xlsx = work.resolve("styled.xlsx");
        Files.write(xlsx, UploadsIT.openpyxl(STYLED_BOOK));
        Process p = new ProcessBuilder(soffice, "-env:UserInstallation=" + work.resolve("profile").toUri(),
                "--headless", "--norestore", "--convert-to", "ods", "--outdir", work.toString(), xlsx.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as(log).isTrue();
        byte[] ods = Files.readAllBytes(work.resolve("styled.ods"));
        // LibreOffice wrote the look as ods styles: automatic cell styles, data styles, a merge
        assertThat(UploadsIT.entry(ods, "content.xml")).contains("fo:font-weight=\"bold\"")
                .contains("table:number-columns-spanned=\"3\"");
        HttpResponse<String> response = upload("styled.ods", ods);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode record = McpHttp.JSON.readTree(response.body()).path("files").get(0);
        assertThat(record.has("notes")).as(response.body()).isFalse();
        byte[] stored = http.download(record.path("downloadUrl").asText()).body();
        // openpyxl, a second reader, sees each style
        String seen = UploadsIT.readBack(stored, """
                ws = wb['Styled']
                a1, a2, a3 = ws['A1'], ws['A2'], ws['A3']
                print('A1', a1.value, a1.font.b, a1.font.color.rgb, a1.font.sz, a1.font.name, a1.fill.fgColor.rgb)
                print('A2', a2.font.i, a2.font.u, a2.font.b)
                print('A3', a3.alignment.horizontal, a3.alignment.wrap_text)
                for ref in ['B2', 'C2', 'D2', 'E2']:
                    print(ref, ws[ref].value, ws[ref].number_format)
                e2 = ws['E2'].border
                print('E2 border', e2.top.style, e2.bottom.style, e2.left.style, e2.right.style, e2.top.color.rgb)
                print('merged', [r.coord for r in ws.merged_cells.ranges])
                print('width A', round(ws.column_dimensions['A'].width))
                print('height 3', round(ws.row_dimensions[3].height))
                print('E3', ws['E3'].number_format)
                """);
        assertThat(seen).contains("A1 Item True FFFF0000 14.0 Arial FFFFFF00")
                .contains("A2 True single")
                .contains("A3 center True")
                .contains("B2 1234.5 $#,##0.00")
                .contains("C2 0.125 0.0%")
                .contains("D2 2024-03-15 00:00:00 yyyy-mm-dd")
                .contains("E2 1234567.891 #,##0.00")
                .contains("E2 border thin thin thin thin FF000000")
                .contains("merged ['A5:C6']")
                .contains("width A 30")
                .contains("height 3 40")
                .contains("E3 General");
        // raw XML, a third look: the styles part holds the formats, each once
        String styles = UploadsIT.entry(stored, "xl/styles.xml");
        assertThat(styles).contains("formatCode=\"0.0%\"").contains("formatCode=\"yyyy-mm-dd\"");
        assertThat(UploadsIT.entry(stored, "xl/worksheets/sheet1.xml")).contains("<mergeCell ref=\"A5:C6\"");
    }

    /**
     * Thousands of distinct automatic styles (each cell its own colour) do not run the workbook past
     * Excel's style limit: the first ones are kept and the rest said; and many cells sharing a few
     * styles share them in the xlsx, not one style a cell.
     */
    @Test
    void manyDistinctStylesStayUnderTheCapAndSharedStylesAreShared() throws Exception {
        StringBuilder styles = new StringBuilder();
        StringBuilder rows = new StringBuilder();
        int distinct = 4_500;
        for (int i = 0; i < distinct; i++) {
            styles.append("<style:style style:name=\"ce").append(i).append("\" style:family=\"table-cell\">")
                    .append("<style:text-properties fo:color=\"#").append(String.format("%06x", i * 3))
                    .append("\"/></style:style>");
        }
        // a style Excel has no like of (a dash-dot-dot border line, a rotated underline colour): dropped
        styles.append("<style:style style:name=\"odd\" style:family=\"table-cell\"><style:table-cell-properties"
                + " fo:border=\"1pt dash-dot-dot #123456\" fo:background-color=\"transparent\"/></style:style>");
        styles.append("<style:style style:name=\"shared\" style:family=\"table-cell\"><style:text-properties"
                + " fo:font-weight=\"bold\"/></style:style>");
        rows.append("<table:table-row><table:table-cell table:style-name=\"odd\" office:value-type=\"string\">"
                + "<text:p>odd</text:p></table:table-cell></table:table-row>");
        for (int i = 0; i < distinct; i++) {
            rows.append("<table:table-row><table:table-cell table:style-name=\"ce").append(i)
                    .append("\" office:value-type=\"float\" office:value=\"").append(i).append("\"/>")
                    .append("<table:table-cell table:style-name=\"shared\" office:value-type=\"float\" office:value=\"")
                    .append(i).append("\"/></table:table-row>");
        }
        String content = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content xmlns:office=\"urn:oasis:"
                + "names:tc:opendocument:xmlns:office:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\""
                + " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" xmlns:style=\"urn:oasis:names:tc:"
                + "opendocument:xmlns:style:1.0\" xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\""
                + " office:version=\"1.3\"><office:automatic-styles>" + styles + "</office:automatic-styles>"
                + "<office:body><office:spreadsheet><table:table table:name=\"Many\">" + rows
                + "</table:table></office:spreadsheet></office:body></office:document-content>";
        HttpResponse<String> response = upload("many.ods", zip(content));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode record = McpHttp.JSON.readTree(response.body()).path("files").get(0);
        assertThat(record.path("notes").toString()).contains("cell style(s) past the first 4000 distinct ones were"
                + " left out");
        byte[] stored = http.download(record.path("downloadUrl").asText()).body();
        String stylesXml = UploadsIT.entry(stored, "xl/styles.xml");
        int xfs = Integer.parseInt(stylesXml.replaceAll("(?s).*<cellXfs count=\"(\\d+)\".*", "$1"));
        // the kept colours and the one shared bold style, a handful more for the header: never one per cell
        assertThat(xfs).isBetween(4_000, 4_010);
        String seen = UploadsIT.readBack(stored, """
                ws = wb['Many']
                print(ws['A1'].value, ws['A1'].border.left.style, ws['A1'].fill.fill_type, ws['A1'].font.b)
                print(ws['A3'].font.color.rgb, ws['B3'].font.b, ws['B4000'].font.b, ws['A4500'].value)
                """);
        // the header is not bold: the file says how it looks, and its header is plain
        assertThat(seen).contains("odd None None False").contains("FF000003 True True").endsWith("4498.0");
    }

    private static byte[] zip(String content) throws IOException {
        ByteArrayOutputStream ods = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(ods)) {
            zip.putNextEntry(new ZipEntry("mimetype"));
            zip.write("application/vnd.oasis.opendocument.spreadsheet".getBytes(StandardCharsets.US_ASCII));
            zip.putNextEntry(new ZipEntry("content.xml"));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
        }
        return ods.toByteArray();
    }

    HttpResponse<String> upload(String name, byte[] bytes) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort()
                + "/api/files?name=" + name)).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
