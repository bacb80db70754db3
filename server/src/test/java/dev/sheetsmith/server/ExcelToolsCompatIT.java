package dev.sheetsmith.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.testing.DropwizardTestSupport;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.xddf.usermodel.chart.BarDirection;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Excel Tools server's documented calls, replayed through the MCP Java SDK's client against
 * Sheetsmith: the employee roster with formatting, the monthly sales chart, CSV in and out. Each
 * file is downloaded through its link and read back with POI (or Commons CSV).
 */
class ExcelToolsCompatIT {

    @RegisterExtension
    static final McpApp APP = McpApp.start("sheetsmith-compat-it");

    private McpSyncClient client;
    private McpHttp http;

    @BeforeEach
    void connect() {
        client = client(APP.getLocalPort());
        http = new McpHttp(APP.getLocalPort());
    }

    @AfterEach
    void close() {
        client.closeGracefully();
    }

    static McpSyncClient client(int port) {
        return McpApp.sdkClient(port);
    }

    @Test
    void theEmployeeRosterWithFormatting() throws Exception {
        McpSchema.CallToolResult result = call("create_excel_file", Map.of(
                "filename", "employees",
                "sheet_name", "Employees",
                "headers", List.of("Name", "Department", "Salary", "Start Date"),
                "sheet_data", List.of(
                        List.of("John Smith", "Engineering", 75000, "2023-01-15"),
                        List.of("Jane Doe", "Marketing", 65000, "2023-02-01"),
                        List.of("Bob Johnson", "Sales", 55000, "2023-03-10")),
                "formatting", Map.of(
                        "header_bold", true,
                        "header_background", "4472C4",
                        "alternate_row_colors", true,
                        "font_size", 11,
                        "alignment", "center",
                        "border", true,
                        "number_format", "#,##0")));
        assertThat(result.isError()).as(text(result)).isFalse();
        assertThat(text(result)).contains("employees.xlsx").contains("](http");
        Map<?, ?> structured = (Map<?, ?>) result.structuredContent();
        assertThat(structured.get("name")).isEqualTo("employees.xlsx");
        assertThat(structured.get("revision")).isEqualTo(1);
        try (XSSFWorkbook wb = download(result)) {
            XSSFSheet sheet = wb.getSheet("Employees");
            XSSFCellStyle header = sheet.getRow(0).getCell(0).getCellStyle();
            assertThat(header.getFont().getBold()).isTrue();
            assertThat(header.getFillForegroundXSSFColor().getARGBHex()).isEqualTo("FF4472C4");
            assertThat(header.getAlignment()).isEqualTo(HorizontalAlignment.CENTER);
            assertThat(header.getFont().getFontHeightInPoints()).isEqualTo((short) 11);
            XSSFCellStyle salary = sheet.getRow(1).getCell(2).getCellStyle();
            assertThat(sheet.getRow(1).getCell(2).getNumericCellValue()).isEqualTo(75000.0);
            assertThat(salary.getDataFormatString()).isEqualTo("#,##0");
            assertThat(salary.getBorderLeft()).isEqualTo(BorderStyle.THIN);
            assertThat(salary.getBorderBottom()).isEqualTo(BorderStyle.THIN);
            assertThat(salary.getAlignment()).isEqualTo(HorizontalAlignment.CENTER);
            assertThat(sheet.getRow(3).getCell(3).getDateCellValue()).isNotNull();
            // number_format goes to the number columns: the dates keep a date format.
            assertThat(sheet.getRow(1).getCell(3).getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd");
            assertThat(sheet.getRow(1).getCell(0).getCellStyle().getDataFormatString()).isEqualTo("General");
            var rules = sheet.getSheetConditionalFormatting();
            assertThat(rules.getNumConditionalFormattings()).isEqualTo(1);
            assertThat(rules.getConditionalFormattingAt(0).getRule(0).getFormula1()).isEqualTo("MOD(ROW(),2)=0");
            assertThat(rules.getConditionalFormattingAt(0).getFormattingRanges()[0].formatAsString())
                    .isEqualTo("A2:D4");
        }
    }

    @Test
    void dataAndSheetDataTogetherIsAClearErrorAndNothingIsMade() {
        McpSchema.CallToolResult result = call("create_excel_file", Map.of("filename", "both.xlsx",
                "data", List.of(List.of("A"), List.of(1)), "sheet_data", List.of(List.of("A"), List.of(1))));
        assertThat(result.isError()).isTrue();
        assertThat(text(result)).contains("give either 'data' or 'sheet_data'");
        McpSchema.CallToolResult bad = call("create_excel_file", Map.of("filename", "bad.xlsx", "sheet_data",
                List.of(List.of("A"), List.of(1)), "formatting", Map.of("header_background", "blurple")));
        assertThat(text(bad)).contains("'formatting.header_background' must be a hex colour");
        McpSchema.CallToolResult unknown = call("create_excel_file", Map.of("filename", "bad.xlsx", "sheet_data",
                List.of(List.of("A"), List.of(1)), "formatting", Map.of("zebra", true)));
        assertThat(text(unknown)).contains("unknown argument(s) [formatting.zebra]");
        McpSchema.CallToolResult csv = call("create_excel_file", Map.of("filename", "bad.csv", "format", "csv",
                "sheet_data", List.of(List.of("A"), List.of(1)), "formatting", Map.of("border", true)));
        assertThat(text(csv)).contains("formatting is for xlsx files");
        assertThat(text(call("list_files", Map.of()))).doesNotContain("both.xlsx").doesNotContain("bad.");
    }

    @Test
    void theMonthlySalesChart() throws Exception {
        List<Object> rows = new ArrayList<>();
        String[] months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
        for (int m = 0; m < 12; m++) {
            rows.add(List.of(months[m], 10000 + m * 1000, 8000 + m * 500));
        }
        assertThat(call("create_excel_file", Map.of("filename", "monthly_sales", "headers",
                List.of("Month", "Sales", "Expenses"), "sheet_data", rows)).isError()).isFalse();
        McpSchema.CallToolResult chart = call("create_excel_chart", Map.of("filename", "monthly_sales.xlsx",
                "chart_type", "bar", "data_range", "A1:C13", "title", "Monthly Sales", "sheet_name", "Sheet1"));
        assertThat(chart.isError()).as(text(chart)).isFalse();
        assertThat(text(chart)).contains("Changed monthly_sales.xlsx").contains("revision 2").contains("](http");
        Map<?, ?> structured = (Map<?, ?>) chart.structuredContent();
        assertThat(structured.get("revision")).isEqualTo(2);
        assertThat(structured.get("downloadUrl")).asString().startsWith("http");
        try (XSSFWorkbook wb = download(chart)) {
            var charts = wb.getSheet("Sheet1").getDrawingPatriarch().getCharts();
            assertThat(charts).hasSize(1);
            assertThat(charts.get(0).getTitleText().getString()).isEqualTo("Monthly Sales");
            var data = (XDDFBarChartData) charts.get(0).getChartSeries().get(0);
            assertThat(data.getBarDirection()).isEqualTo(BarDirection.COL);
            assertThat(data.getSeriesCount()).isEqualTo(2);
            assertThat(data.getSeries(0).getValuesData().getDataRangeReference()).isEqualTo("Sheet1!$B$2:$B$13");
            assertThat(data.getSeries(1).getCategoryData().getDataRangeReference()).isEqualTo("Sheet1!$A$2:$A$13");
        }
        McpSchema.CallToolResult wrong = call("create_excel_chart", Map.of("filename", "monthly_sales.xlsx",
                "chart_type", "radar", "data_range", "A1:C13"));
        assertThat(text(wrong)).contains("'chart_type' must be bar, line, pie, scatter or area");
        McpSchema.CallToolResult info = call("get_excel_info", Map.of("filename", "monthly_sales.xlsx"));
        assertThat(text(info)).contains("Sheet1").contains("A1:C13").contains("Month");
        McpSchema.CallToolResult sheet = call("get_excel_info", Map.of("filename", "monthly_sales.xlsx",
                "sheet_name", "Sheet1"));
        assertThat(text(sheet)).contains("Chart 1").contains("Monthly Sales");
    }

    @Test
    void csvInAndOut() throws Exception {
        McpSchema.CallToolResult imported = call("import_csv_to_excel", Map.of("csv_content",
                "Product,Price,In stock\nWidget,9.99,true\nGadget,24.5,false\n", "filename", "products.xlsx"));
        assertThat(imported.isError()).as(text(imported)).isFalse();
        assertThat(text(imported)).contains("products.xlsx");
        try (XSSFWorkbook wb = download(imported)) {
            var row = wb.getSheetAt(0).getRow(1);
            assertThat(row.getCell(0).getStringCellValue()).isEqualTo("Widget");
            assertThat(row.getCell(1).getNumericCellValue()).isEqualTo(9.99);
        }
        McpSchema.CallToolResult formatted = call("format_excel_cells", Map.of("filename", "products.xlsx",
                "cell_range", "A1:C1", "formatting", Map.of("bold", true, "background_color", "FFFF00",
                        "font_color", "FF0000")));
        assertThat(formatted.isError()).as(text(formatted)).isFalse();
        try (XSSFWorkbook wb = download(formatted)) {
            XSSFCellStyle style = wb.getSheetAt(0).getRow(0).getCell(1).getCellStyle();
            assertThat(style.getFont().getBold()).isTrue();
            assertThat(style.getFont().getXSSFColor().getARGBHex()).isEqualTo("FFFF0000");
            assertThat(style.getFillForegroundXSSFColor().getARGBHex()).isEqualTo("FFFFFF00");
        }
        McpSchema.CallToolResult exported = call("export_excel_to_csv", Map.of("filename", "products.xlsx"));
        assertThat(exported.isError()).as(text(exported)).isFalse();
        assertThat(text(exported)).contains("products.csv");
        HttpResponse<byte[]> csv = http.download(McpHttp.linkIn(text(exported)));
        assertThat(csv.statusCode()).isEqualTo(200);
        String body = new String(csv.body(), StandardCharsets.UTF_8).replace("\uFEFF", "");
        List<CSVRecord> records = CSVFormat.DEFAULT.parse(new StringReader(body)).getRecords();
        assertThat(records).hasSize(3);
        assertThat(records.get(0).toList()).containsExactly("Product", "Price", "In stock");
        assertThat(records.get(1).toList()).containsExactly("Widget", "9.99", "TRUE");
        McpSchema.CallToolResult noCsv = call("import_csv_to_excel", Map.of("filename", "x.xlsx"));
        assertThat(text(noCsv)).contains("'csv_content' is required");
    }

    @Test
    void theSwitchTurnsTheNamesOffAndMaxRowsAndColsMapToOurLimits() throws Exception {
        assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name).contains("get_excel_info",
                "create_excel_chart", "format_excel_cells", "import_csv_to_excel", "export_excel_to_csv");
        DropwizardTestSupport<SheetsmithConfiguration> off = TestServers.support(
                TestServers.tempDir("sheetsmith-compat-off"), "compat.excelTools", "false", "limits.maxRows", "3",
                "limits.maxColumns", "2");
        off.before();
        try {
            McpSyncClient other = client(off.getLocalPort());
            try {
                assertThat(other.listTools().tools()).extracting(McpSchema.Tool::name).doesNotContain(
                        "get_excel_info", "create_excel_chart", "format_excel_cells", "import_csv_to_excel",
                        "export_excel_to_csv").contains("create_chart", "format_range", "create_excel_file");
                var tooLong = other.callTool(new McpSchema.CallToolRequest("create_excel_file", Map.of("filename",
                        "long.xlsx", "headers", List.of("A"), "sheet_data", List.of(List.of(1), List.of(2), List.of(3)))));
                assertThat(text(tooLong)).contains("would reach row 4; this server allows 3 rows per sheet"
                        + " (limits.maxRows)");
                var tooWide = other.callTool(new McpSchema.CallToolRequest("create_excel_file", Map.of("filename",
                        "wide.xlsx", "sheet_data", List.of(List.of("A", "B", "C")))));
                assertThat(text(tooWide)).contains("would reach column C (3); this server allows 2 columns");
                var fits = other.callTool(new McpSchema.CallToolRequest("create_excel_file", Map.of("filename",
                        "fits.xlsx", "sheet_data", List.of(List.of("A", "B"), List.of(1, 2)))));
                assertThat(fits.isError()).isFalse();
                var append = other.callTool(new McpSchema.CallToolRequest("append_rows", Map.of("file", "fits.xlsx",
                        "data", List.of(List.of(3, 4), List.of(5, 6)))));
                assertThat(text(append)).contains("do not fit in 3 rows, this server's limit (limits.maxRows)");
            } finally {
                other.closeGracefully();
            }
        } finally {
            off.after();
        }
    }

    @Test
    void configDefaultsMayNestSoMaxRowsFromTheOldServerIsRead() {
        // config.yml reads ${SHEETSMITH_MAX_ROWS:-${MAX_ROWS:-1048576}}: the inner default must be substituted.
        EnvironmentVariableSubstitutor substitutor = new EnvironmentVariableSubstitutor(false, true);
        assertThat(substitutor.replace("${SHEETSMITH_TEST_UNSET_A:-${SHEETSMITH_TEST_UNSET_B:-42}}")).isEqualTo("42");
        assertThat(substitutor.replace("${SHEETSMITH_TEST_UNSET_A:-${PATH:-none}}")).isEqualTo(System.getenv("PATH"));
    }

    private McpSchema.CallToolResult call(String tool, Map<String, Object> arguments) {
        return client.callTool(new McpSchema.CallToolRequest(tool, arguments));
    }

    private XSSFWorkbook download(McpSchema.CallToolResult result) throws Exception {
        HttpResponse<byte[]> download = http.download(McpHttp.linkIn(text(result)));
        assertThat(download.statusCode()).isEqualTo(200);
        return new XSSFWorkbook(new ByteArrayInputStream(download.body()));
    }

    static String text(McpSchema.CallToolResult result) {
        return result.content().stream().filter(McpSchema.TextContent.class::isInstance)
                .map(c -> ((McpSchema.TextContent) c).text()).reduce("", String::concat);
    }
}
