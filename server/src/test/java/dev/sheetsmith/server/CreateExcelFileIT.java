package dev.sheetsmith.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The walking skeleton end to end: the SDK's Java MCP client creates workbooks, the link is
 * downloaded without credentials, and POI's user model reads back what the streaming writer wrote.
 */
class CreateExcelFileIT {

    private static final Path DATA = TestServers.tempDir("sheetsmith-create-it");
    @RegisterExtension
    static final McpApp APP = McpApp.on(DATA,
            "limits.maxCellsPerCall", "1000");

    private McpSyncClient client;
    private McpHttp http;

    @BeforeEach
    void connect() {
        client = APP.sdkClient();
        http = APP.http();
    }

    @AfterEach
    void close() {
        client.closeGracefully();
    }

    @Test
    void toolsListOffersCreateExcelFileWithInputAndOutputSchemas() {
        McpSchema.Tool tool = client.listTools().tools().stream().filter(t -> t.name().equals("create_excel_file"))
                .findFirst().orElseThrow();
        assertThat(tool.inputSchema().get("properties").toString()).contains("filename=", "data=", "headers=",
                "sheets=", "sheet_name=");
        assertThat(tool.inputSchema().get("required")).isEqualTo(List.of("filename"));
        assertThat(tool.outputSchema()).containsKey("properties");
        assertThat(tool.description()).contains("download link");
    }

    @Test
    void recordsBecomeTypedCellsInAWorkbookTheLinkDownloadsWithoutCredentials() throws Exception {
        McpSchema.CallToolResult result = create(Map.of("filename", "staff", "sheet_name", "Staff", "data", List.of(
                record("Name", "Ada", "Age", 36, "Joined", "2024-03-01", "Active", true, "Badge", null),
                record("Name", "Linus", "Age", 54.5, "Joined", "2023-11-15T08:30:00", "Active", false, "Badge", "B-7"))));

        assertThat(result.isError()).isFalse();
        String text = text(result);
        String link = McpHttp.linkIn(text);
        assertThat(text).contains("[Download staff.xlsx](" + link + ")");

        HttpResponse<byte[]> download = http.download(link);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type").orElse(""))
                .startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(download.headers().firstValue("Content-Disposition").orElse(""))
                .startsWith("attachment").contains("filename=\"staff.xlsx\"");

        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(download.body()))) {
            Sheet sheet = wb.getSheet("Staff");
            assertThat(sheet).isNotNull();
            Row header = sheet.getRow(0);
            assertThat(List.of(header.getCell(0).getStringCellValue(), header.getCell(1).getStringCellValue(),
                    header.getCell(2).getStringCellValue(), header.getCell(3).getStringCellValue(),
                    header.getCell(4).getStringCellValue())).containsExactly("Name", "Age", "Joined", "Active", "Badge");
            assertThat(wb.getFontAt(header.getCell(0).getCellStyle().getFontIndex()).getBold()).isTrue();
            assertThat(sheet.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);
            assertThat(sheet.getLastRowNum()).isEqualTo(2);

            Row ada = sheet.getRow(1);
            assertThat(ada.getCell(0).getStringCellValue()).isEqualTo("Ada");
            assertThat(ada.getCell(1).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(ada.getCell(1).getNumericCellValue()).isEqualTo(36.0);
            assertThat(DateUtil.isCellDateFormatted(ada.getCell(2))).isTrue();
            assertThat(ada.getCell(2).getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(2024, 3, 1, 0, 0));
            assertThat(ada.getCell(3).getCellType()).isEqualTo(CellType.BOOLEAN);
            assertThat(ada.getCell(3).getBooleanCellValue()).isTrue();
            assertThat(ada.getCell(4)).isNull();

            Row linus = sheet.getRow(2);
            assertThat(linus.getCell(1).getNumericCellValue()).isEqualTo(54.5);
            assertThat(linus.getCell(2).getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(2023, 11, 15, 8, 30));
            assertThat(linus.getCell(3).getBooleanCellValue()).isFalse();
            assertThat(sheet.getColumnWidth(0)).isGreaterThanOrEqualTo(6 * 256);
        }
    }

    @Test
    void resultCarriesStructuredContentAndAResourceLink() {
        McpSchema.CallToolResult result = create(Map.of("filename", "prices.xlsx",
                "data", Map.of("Product", List.of("Pen", "Ink"), "Price", List.of(1.5, 20))));
        @SuppressWarnings("unchecked")
        Map<String, Object> structured = (Map<String, Object>) result.structuredContent();
        String link = McpHttp.linkIn(text(result));
        assertThat(structured).containsEntry("name", "prices.xlsx").containsEntry("format", "xlsx")
                .containsEntry("downloadUrl", link).containsKeys("fileId", "sizeBytes", "expiresAt", "sheets");
        assertThat(((Number) structured.get("sizeBytes")).longValue()).isPositive();
        assertThat(structured.get("sheets").toString()).contains("rows=3").contains("columns=2");
        assertThat(result.content()).anySatisfy(c -> {
            assertThat(c).isInstanceOf(McpSchema.ResourceLink.class);
            assertThat(((McpSchema.ResourceLink) c).uri()).isEqualTo(link);
        });
    }

    @Test
    void severalSheetsAndHeadersOnlyAndRowsShapes() throws Exception {
        McpSchema.CallToolResult result = create(Map.of("filename", "plan.xlsx", "sheets", List.of(
                Map.of("name", "Template", "headers", List.of("Name", "Email")),
                Map.of("name", "Cities", "data", List.of(List.of("City", "Population"), List.of("Oslo", 709000))),
                Map.of("name", "Grid", "headers", List.of("A", "B"), "data", List.of(List.of(1, 2), List.of(3))))));
        assertThat(result.isError()).isFalse();
        try (XSSFWorkbook wb = read(result)) {
            assertThat(List.of(wb.getSheetName(0), wb.getSheetName(1), wb.getSheetName(2)))
                    .containsExactly("Template", "Cities", "Grid");
            assertThat(wb.getSheet("Template").getPhysicalNumberOfRows()).isEqualTo(1);
            assertThat(wb.getSheet("Cities").getRow(1).getCell(1).getNumericCellValue()).isEqualTo(709000.0);
            Sheet grid = wb.getSheet("Grid");
            assertThat(grid.getRow(0).getCell(0).getStringCellValue()).isEqualTo("A");
            assertThat(grid.getRow(2).getCell(0).getNumericCellValue()).isEqualTo(3.0);
            assertThat(grid.getRow(2).getCell(1)).isNull();
        }
    }

    @Test
    void aNameAlreadyUsedGetsANumberAndTheResultSaysSo() {
        create(Map.of("filename", "report.xlsx", "headers", List.of("X")));
        McpSchema.CallToolResult second = create(Map.of("filename", "report.xlsx", "headers", List.of("Y")));
        assertThat(second.isError()).isFalse();
        assertThat(text(second)).contains("report (2).xlsx").contains("already existed");
        @SuppressWarnings("unchecked")
        Map<String, Object> structured = (Map<String, Object>) second.structuredContent();
        assertThat(structured).containsEntry("name", "report (2).xlsx").containsEntry("requestedName", "report.xlsx");
    }

    @Test
    void badInputIsAToolErrorNamingSheetRowAndColumnAndStoresNothing() throws Exception {
        long before = TestServers.filesUnder(DATA.resolve("files"));

        McpSchema.CallToolResult notARecord = create(Map.of("filename", "bad.xlsx",
                "data", List.of(record("a", 1), "not a record")));
        assertThat(notARecord.isError()).isTrue();
        assertThat(text(notARecord)).contains("sheet 'Sheet1'").contains("data[1]").contains("data row 2")
                .doesNotContain("Exception");

        McpSchema.CallToolResult ragged = create(Map.of("filename", "bad.xlsx",
                "data", Map.of("Name", List.of("a", "b"), "Age", List.of(1))));
        assertThat(text(ragged)).contains("column 'Age'").contains("column 'Name'");

        McpSchema.CallToolResult nested = create(Map.of("filename", "bad.xlsx",
                "data", List.of(record("Name", "a", "Tags", List.of("x")))));
        assertThat(text(nested)).contains("data[0]").contains("column 'Tags' (B)");

        McpSchema.CallToolResult badSheet = create(Map.of("filename", "bad.xlsx", "sheet_name", "Q1/Q2",
                "headers", List.of("x")));
        assertThat(text(badSheet)).contains("Q1/Q2").contains("'/'");

        McpSchema.CallToolResult duplicate = create(Map.of("filename", "bad.xlsx", "sheets", List.of(
                Map.of("name", "Data", "headers", List.of("x")), Map.of("name", "data", "headers", List.of("y")))));
        assertThat(text(duplicate)).contains("used twice");

        List<Object> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 600; i++) {
            rows.add(List.of(i, i));
        }
        McpSchema.CallToolResult tooBig = create(Map.of("filename", "big.xlsx", "headers", List.of("a", "b"),
                "data", rows));
        assertThat(text(tooBig)).contains("1202 cells").contains("limits.maxCellsPerCall").contains("1000");

        McpSchema.CallToolResult both = create(Map.of("filename", "bad.xlsx", "data", List.of(),
                "sheets", List.of(Map.of("name", "A"))));
        assertThat(text(both)).contains("either 'sheets'");

        McpSchema.CallToolResult badFormula = create(Map.of("filename", "bad.xlsx", "headers", List.of("x"),
                "data", List.of(List.of("=SUM(("))));
        assertThat(badFormula.isError()).isTrue();
        assertThat(text(badFormula)).contains("cell A2").contains("not a formula Excel accepts");

        McpSchema.CallToolResult typo = create(Map.of("filename", "bad.xlsx", "header", List.of("x")));
        assertThat(text(typo)).contains("unknown argument").contains("header");

        McpSchema.CallToolResult noName = create(Map.of("headers", List.of("x")));
        assertThat(noName.isError()).isTrue();
        assertThat(text(noName)).contains("filename");

        for (McpSchema.CallToolResult r : List.of(ragged, nested, badSheet, duplicate, tooBig, both, typo)) {
            assertThat(r.isError()).isTrue();
            assertThat(text(r)).startsWith("Nothing was created");
        }
        assertThat(TestServers.filesUnder(DATA.resolve("files"))).isEqualTo(before);
    }

    @Test
    void filenamesAreSanitised() {
        McpSchema.CallToolResult result = create(Map.of("filename", "../../etc/q3:*report", "headers", List.of("x")));
        @SuppressWarnings("unchecked")
        Map<String, Object> structured = (Map<String, Object>) result.structuredContent();
        assertThat(structured.get("name")).isEqualTo("q3__report.xlsx");
    }

    private McpSchema.CallToolResult create(Map<String, Object> arguments) {
        return client.callTool(new McpSchema.CallToolRequest("create_excel_file", arguments));
    }

    private XSSFWorkbook read(McpSchema.CallToolResult result) throws Exception {
        HttpResponse<byte[]> download = http.download(McpHttp.linkIn(text(result)));
        assertThat(download.statusCode()).isEqualTo(200);
        return new XSSFWorkbook(new ByteArrayInputStream(download.body()));
    }

    private static String text(McpSchema.CallToolResult result) {
        return result.content().stream().filter(McpSchema.TextContent.class::isInstance)
                .map(c -> ((McpSchema.TextContent) c).text()).reduce("", String::concat);
    }

    /** A JSON object with its keys in the order given (null values allowed). */
    private static Map<String, Object> record(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        List<Object> kv = Arrays.asList(keysAndValues);
        for (int i = 0; i < kv.size(); i += 2) {
            map.put((String) kv.get(i), kv.get(i + 1));
        }
        return map;
    }
}
