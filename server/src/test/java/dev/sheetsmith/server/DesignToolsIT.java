package dev.sheetsmith.server;

import static dev.sheetsmith.server.McpHttp.ok;
import static dev.sheetsmith.server.McpHttp.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tool set II through MCP, as an assistant making a finished report calls it: each call makes a
 * revision with a link, describe_sheet shows what was made, the downloaded file is read back with
 * POI, and bad calls leave the file byte for byte as it was.
 */
class DesignToolsIT {

    @RegisterExtension
    static final McpApp APP = McpApp.start("sheetsmith-design-it");

    private final McpHttp http = APP.http();
    private final String session = APP.session(http);

    private void createSales(String name) throws Exception {
        ok(call("create_excel_file", Map.of("filename", name, "sheet_name", "Sales", "headers",
                List.of("Region", "Month", "Amount", "Units"), "data", List.of(List.of("North", "Jan", 120.5, 3),
                        List.of("South", "Jan", 80, 2), List.of("North", "Feb", 150, 5), List.of("South", "Feb", 95.25, 1),
                        List.of("East", "Feb", 60, 4)))));
    }

    @Test
    void aFinishedReportStepByStep() throws Exception {
        createSales("report.xlsx");
        List<Map<String, Object>> steps = List.of(
                Map.of("tool", "format_range", "range", "A1:D1", "font", Map.of("bold", true, "color", "white"),
                        "fill_color", "#4472C4", "border", Map.of("style", "thin", "sides", List.of("outline")),
                        "alignment", Map.of("horizontal", "center")),
                Map.of("tool", "format_range", "range", "C2:C6", "number_format", "currency", "font", Map.of("size", "11")),
                Map.of("tool", "merge_cells", "range", "F1:H1"),
                Map.of("tool", "set_sheet_layout", "column_widths", Map.of("A", "16", "B:C", "auto"), "freeze", "A2",
                        "tab_color", "green", "hide_columns", List.of("E"), "orientation", "landscape"),
                Map.of("tool", "add_conditional_format", "range", "C2:C6", "type", "cell_value", "operator",
                        "greater_than", "value", 100, "format", Map.of("fill_color", "light_red")),
                Map.of("tool", "add_conditional_format", "range", "A2:A6", "type", "cell_value", "operator", "equal",
                        "value", "North", "format", Map.of("bold", true)),
                Map.of("tool", "add_conditional_format", "range", "D2:D6", "type", "data_bar", "color", "638EC6"),
                Map.of("tool", "add_data_validation", "range", "B2:B50", "type", "list", "values",
                        List.of("Jan", "Feb", "Mar"), "error_message", "Pick a month"),
                Map.of("tool", "add_data_validation", "range", "D2:D50", "type", "whole", "operator",
                        "greater_or_equal", "min", 0),
                Map.of("tool", "create_table", "range", "A1:D6", "name", "Sales", "totals", Map.of("Amount", "sum")),
                Map.of("tool", "create_chart", "type", "column", "data_range", "A1:A6", "title", "placeholder"),
                Map.of("tool", "create_chart", "type", "bar", "categories", "A2:A6", "series",
                        List.of(Map.of("values", "C2:C6", "name_cell", "C1")), "title", "Amount by region",
                        "anchor", "J2", "name", "Amounts", "legend", "bottom"),
                Map.of("tool", "delete_chart", "chart", 1),
                Map.of("tool", "create_pivot_table", "rows", List.of("Region"), "columns", List.of("Month"),
                        "values", List.of(Map.of("column", "Amount", "function", "sum"))),
                Map.of("tool", "set_note", "cell", "A1", "text", "Sales areas"),
                Map.of("tool", "set_defined_name", "name", "Amounts", "refers_to", "Sales!$C$2:$C$6"));
        int revision = 1;
        for (Map<String, Object> step : steps) {
            Map<String, Object> args = new HashMap<>(step);
            String tool = (String) args.remove("tool");
            args.put("file", "report.xlsx");
            JsonNode result = call(tool, args);
            if (tool.equals("create_chart") && "placeholder".equals(args.get("title"))) {
                // data_range A1:A6 is a one-column block: text, so no numbers to plot.
                assertThat(result.path("isError").asBoolean()).as(tool).isTrue();
                assertThat(text(result)).contains("hold no numbers");
                ok(call(tool, Map.of("file", "report.xlsx", "type", "column", "data_range", "C1:C6")));
                revision++;
                continue;
            }
            JsonNode done = ok(result);
            revision++;
            assertThat(done.path("structuredContent").path("revision").asInt()).as(tool).isEqualTo(revision);
            assertThat(text(done)).as(tool).contains("[Download report.xlsx](");
        }
        JsonNode described = ok(call("describe_sheet", Map.of("file", "report.xlsx", "sheet", "Sales")));
        JsonNode sheet = described.path("structuredContent").path("sheet");
        assertThat(sheet.path("frozenAt").asText()).isEqualTo("A2");
        assertThat(sheet.path("mergedRanges").toString()).isEqualTo("[\"F1:H1\"]");
        assertThat(sheet.path("tables").get(0).path("name").asText()).isEqualTo("Sales");
        assertThat(sheet.path("tables").get(0).path("range").asText()).isEqualTo("A1:D7");
        assertThat(sheet.path("charts").size()).isEqualTo(1);
        assertThat(sheet.path("charts").get(0).path("name").asText()).isEqualTo("Amounts");
        assertThat(sheet.path("charts").get(0).path("type").asText()).isEqualTo("bar");
        assertThat(sheet.path("validations").size()).isEqualTo(2);
        assertThat(sheet.path("conditionalFormats").size()).isEqualTo(3);
        assertThat(sheet.path("conditionalFormats").toString()).contains("=\\\"North\\\"");
        assertThat(sheet.path("notes").get(0).path("text").asText()).isEqualTo("Sales areas");
        assertThat(sheet.path("hiddenColumns").toString()).isEqualTo("[\"E\"]");
        assertThat(text(described)).contains("Table 'Sales' A1:D7").contains("Chart 1 'Amounts': bar")
                .contains("Frozen panes at: A2");
        JsonNode pivot = ok(call("describe_sheet", Map.of("file", "report.xlsx", "sheet", "Pivot")));
        assertThat(text(pivot)).contains("Pivot table 'PivotTable1' at A3:D8 from Sales!A1:D6: rows [Region], columns"
                + " [Month], values [Sum of Amount]");
        // The pivot's cells hold its numbers before Excel or LibreOffice ever opened the file.
        assertThat(ok(call("read_range", Map.of("file", "report.xlsx", "sheet", "Pivot", "range", "A4:D8")))
                .path("structuredContent").path("rows").toString()).isEqualTo("[[\"Row Labels\",\"Feb\",\"Jan\","
                        + "\"Grand Total\"],[\"East\",60,null,60],[\"North\",150,120.5,270.5],[\"South\",95.25,80,"
                        + "175.25],[\"Grand Total\",305.25,200.5,505.75]]");

        JsonNode file = ok(call("read_range", Map.of("file", "report.xlsx", "range", "C7")));
        assertThat(file.path("structuredContent").path("rows").toString()).isEqualTo("[[505.75]]");
        var download = http.download(described.path("structuredContent").path("fileId").isMissingNode() ? null
                : linkOf("report.xlsx"));
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(download.body()))) {
            XSSFSheet sales = wb.getSheet("Sales");
            assertThat(sales.getRow(0).getCell(0).getCellStyle().getFont().getBold()).isTrue();
            assertThat(sales.getRow(1).getCell(2).getCellStyle().getDataFormatString()).isEqualTo("\"$\"#,##0.00");
            assertThat(sales.getTables().get(0).getCTTable().getTotalsRowCount()).isEqualTo(1);
            assertThat(wb.getSheet("Pivot").getPivotTables()).hasSize(1);
            assertThat(wb.getName("Amounts").getRefersToFormula()).isEqualTo("Sales!$C$2:$C$6");
            assertThat(sales.getDataValidations()).hasSize(2);
        }
    }

    @Test
    void badCallsAreToolErrorsThatChangeNothing() throws Exception {
        createSales("safe.xlsx");
        ok(call("merge_cells", Map.of("file", "safe.xlsx", "range", "F1:G1")));
        ok(call("create_table", Map.of("file", "safe.xlsx", "range", "A1:D6", "name", "Sales")));
        Map<String, Map<String, Object>> bad = new LinkedHashMap<>();
        bad.put("'font.size' must be between 1 and 409", Map.of("tool", "format_range", "range", "A1", "font",
                Map.of("size", 900)));
        bad.put("unknown argument(s) [font.colour]", Map.of("tool", "format_range", "range", "A1", "font", Map.of("colour", "red")));
        bad.put("'fill_color' must be a hex colour", Map.of("tool", "format_range", "range", "A1", "fill_color",
                "blurple"));
        bad.put("'border.sides' entry 'around'", Map.of("tool", "format_range", "range", "A1", "border",
                Map.of("sides", List.of("around"))));
        bad.put("'alignment.horizontal' must be one of", Map.of("tool", "format_range", "range", "A1", "alignment",
                Map.of("horizontal", "middle")));
        bad.put("nothing to change", Map.of("tool", "format_range", "range", "A1"));
        bad.put("'number_format': '#,##0\"' is not a valid format code", Map.of("tool", "format_range", "range", "A1",
                "number_format", "#,##0\""));
        // format_range streams on this file (no formulas): its refusals are the user model's, word for word
        bad.put("sheet 'Nope' does not exist; the sheets are [Sales]", Map.of("tool", "format_range", "sheet", "Nope",
                "range", "A1", "font", Map.of("bold", true)));
        bad.put("column XFE in 'A1:XFE1' is past Excel's last column XFD", Map.of("tool", "format_range", "range",
                "A1:XFE1", "font", Map.of("bold", true)));
        bad.put("range A1:Z100000 has 2600000 cells; format at most 2000000", Map.of("tool", "format_range", "range",
                "A1:Z100000", "font", Map.of("bold", true)));
        bad.put("overlaps the merged cells F1:G1", Map.of("tool", "merge_cells", "range", "G1:H1"));
        bad.put("overlaps table 'Sales'", Map.of("tool", "merge_cells", "range", "A2:B2"));
        bad.put("'column_widths' entry 'A' must be a number", Map.of("tool", "set_sheet_layout", "column_widths",
                Map.of("A", "wide")));
        bad.put("'hide_rows' entry 'x'", Map.of("tool", "set_sheet_layout", "hide_rows", List.of("x")));
        bad.put("'orientation' must be portrait or landscape", Map.of("tool", "set_sheet_layout", "orientation",
                "sideways"));
        bad.put("nothing to change: give at least one of column_widths", Map.of("tool", "set_sheet_layout"));
        bad.put("color_scale needs 'colors' with 2 or 3", Map.of("tool", "add_conditional_format", "range", "C2:C6",
                "type", "color_scale", "colors", List.of("red")));
        bad.put("'type' must be one of [color_scale", Map.of("tool", "add_conditional_format", "range", "C2:C6",
                "type", "sparkle"));
        bad.put("cell_value needs 'format'", Map.of("tool", "add_conditional_format", "range", "C2:C6", "type",
                "cell_value", "operator", "equal", "value", 1));
        bad.put("WEBSERVICE() is not allowed", Map.of("tool", "add_conditional_format", "range", "C2:C6", "type",
                "formula", "formula", "=WEBSERVICE(\"http://x\")", "format", Map.of("bold", true)));
        bad.put("a list needs either 'values'", Map.of("tool", "add_data_validation", "range", "B2:B9", "type",
                "list"));
        bad.put("contains a comma", Map.of("tool", "add_data_validation", "range", "B2:B9", "type", "list",
                "values", List.of("a,b")));
        bad.put("'min' must be a number, a date", Map.of("tool", "add_data_validation", "range", "D2:D9", "type",
                "whole", "min", "lots", "max", 5));
        bad.put("a table named 'Sales' already exists", Map.of("tool", "create_table", "range", "J1:K3", "name",
                "sales"));
        bad.put("'TAX2024' looks like a cell reference", Map.of("tool", "create_table", "range", "J1:K3", "name", "TAX2024"));
        bad.put("give either 'data_range'", Map.of("tool", "create_chart", "type", "line"));
        bad.put("'type' must be one of [column", Map.of("tool", "create_chart", "type", "radar", "data_range",
                "A1:C6"));
        bad.put("a pie chart shows one series", Map.of("tool", "create_chart", "type", "pie", "data_range", "B1:D6"));
        bad.put("has no chart 'Profit'", Map.of("tool", "delete_chart", "chart", "Profit"));
        bad.put("'rows' names 'Country'", Map.of("tool", "create_pivot_table", "rows", List.of("Country"), "values",
                List.of("Amount")));
        bad.put("a pivot table needs 'values'", Map.of("tool", "create_pivot_table", "rows", List.of("Region")));
        bad.put("'text' is required", Map.of("tool", "set_note", "cell", "A1"));
        bad.put("has no note", Map.of("tool", "delete_note", "cell", "B3"));
        bad.put("'Q1' looks like a cell reference", Map.of("tool", "set_defined_name", "name", "Q1", "refers_to",
                "Sales!$A$1"));
        bad.put("refers to sheet 'Nope'", Map.of("tool", "set_defined_name", "name", "Data", "refers_to",
                "Nope!$A$1"));
        bad.put("no defined name 'Ghost'", Map.of("tool", "delete_defined_name", "name", "Ghost"));
        bad.put("sheet 'Nope' does not exist", Map.of("tool", "describe_sheet", "sheet", "Nope"));
        http.expectToolErrors(session, "safe.xlsx", bad);
    }

    /**
     * OpenAI answers a chat request 400 when one tool's schema breaks its rules, and Gemini does the
     * same for its own: every input schema, as tools/list and /openapi.json give it, follows both
     * (one JSON type per value, items on every array, no field Gemini lacks; see ProviderSchemaRules).
     */
    @Test
    void everyToolSchemaFollowsTheRulesOfOpenAiAndGeminiInBothDocuments() throws Exception {
        var response = http.post(session, McpHttp.request(3, "tools/list", Map.of()));
        JsonNode tools = McpHttp.JSON.readTree(response.body()).path("result").path("tools");
        assertThat(tools.size()).isGreaterThan(40);
        List<String> broken = new java.util.ArrayList<>();
        for (JsonNode tool : tools) {
            broken.addAll(ProviderSchemaRules.violations("tools/list " + tool.path("name").asText(),
                    tool.path("inputSchema")));
        }
        JsonNode openApi = McpHttp.JSON.readTree(java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + APP.getLocalPort()
                        + "/openapi.json")).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body());
        int bodies = 0;
        for (Map.Entry<String, JsonNode> path : (Iterable<Map.Entry<String, JsonNode>>) openApi.path("paths")::fields) {
            for (Map.Entry<String, JsonNode> op : (Iterable<Map.Entry<String, JsonNode>>) path.getValue()::fields) {
                JsonNode schema = op.getValue().path("requestBody").path("content").path("application/json")
                        .path("schema");
                if (!schema.isMissingNode()) {
                    bodies++;
                    broken.addAll(ProviderSchemaRules.violations("/openapi.json " + op.getKey() + " " + path.getKey(),
                            schema));
                }
            }
        }
        assertThat(bodies).isGreaterThan(tools.size());
        assertThat(broken).isEmpty();
    }

    /** The list forms the schemas give for maps ({"A": 20}) do what the object forms do. */
    @Test
    void layoutAndTotalsTakeTheListFormsTheirSchemasDescribe() throws Exception {
        createSales("as-map.xlsx");
        createSales("as-list.xlsx");
        ok(call("set_sheet_layout", Map.of("file", "as-map.xlsx", "column_widths", Map.of("A", 16, "B:C", "auto"),
                "row_heights", Map.of("1", 30, "2:3", 18))));
        ok(call("set_sheet_layout", Map.of("file", "as-list.xlsx", "column_widths", List.of(
                Map.of("columns", "A", "width", 16), Map.of("columns", "B:C", "width", "auto")), "row_heights",
                List.of(Map.of("rows", "1", "height", 30), Map.of("rows", "2:3", "height", 18)))));
        ok(call("create_table", Map.of("file", "as-map.xlsx", "range", "A1:D6", "totals", Map.of("Amount", "sum"))));
        ok(call("create_table", Map.of("file", "as-list.xlsx", "range", "A1:D6", "totals",
                List.of(Map.of("column", "Amount", "function", "sum")))));
        // Read back as raw XML (not through POI): the same columns, rows and totals row.
        String map = sheetXml("as-map.xlsx");
        String list = sheetXml("as-list.xlsx");
        assertThat(map).contains("<cols>").contains("customHeight");
        assertThat(between(list, "<cols>", "</cols>")).isEqualTo(between(map, "<cols>", "</cols>"));
        assertThat(rowTags(list)).hasSize(7).isEqualTo(rowTags(map));
        assertThat(rowTags(list).get(0)).contains("ht=\"30");
        assertThat(tableXml("as-list.xlsx")).contains("totalsRowCount=\"1\"").contains("totalsRowFunction=\"sum\"");

        Map<String, Map<String, Object>> bad = new LinkedHashMap<>();
        bad.put("'column_widths[0]' must be an object with 'columns' and 'width'", Map.of("tool", "set_sheet_layout",
                "column_widths", List.of(Map.of("column", "A", "width", 3))));
        bad.put("'row_heights[1]' must be an object with 'rows' and 'height'", Map.of("tool", "set_sheet_layout",
                "row_heights", List.of(Map.of("rows", "1", "height", 20), "2")));
        bad.put("'column_widths' entry 'B' must be a number", Map.of("tool", "set_sheet_layout", "column_widths",
                List.of(Map.of("columns", "B", "width", "wide"))));
        bad.put("'totals[0]' must be an object with 'column' and 'function'", Map.of("tool", "create_table", "range",
                "F1:G3", "totals", List.of(Map.of("column", "Amount"))));
        bad.put("'totals' must be a list such as", Map.of("tool", "create_table", "range", "F1:G3", "totals", "sum"));
        http.expectToolErrors(session, "as-list.xlsx", bad);
    }

    private String sheetXml(String file) throws Exception {
        return zipEntry(file, "xl/worksheets/sheet1.xml");
    }

    private String tableXml(String file) throws Exception {
        return zipEntry(file, "xl/tables/table1.xml");
    }

    private String zipEntry(String file, String entry) throws Exception {
        byte[] bytes = http.download(linkOf(file)).body();
        try (var zip = new java.util.zip.ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (var e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals(entry)) {
                    return new String(zip.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError(file + " has no " + entry);
    }

    private static List<String> rowTags(String sheetXml) {
        return java.util.regex.Pattern.compile("<row [^>]*>").matcher(sheetXml).results()
                .map(java.util.regex.MatchResult::group).toList();
    }

    private static String between(String text, String from, String to) {
        int start = text.indexOf(from);
        int end = text.indexOf(to, start);
        assertThat(start).as(from).isNotNegative();
        return text.substring(start, end + to.length());
    }

    private String linkOf(String name) throws Exception {
        return ok(call("get_download_link", Map.of("file", name))).path("structuredContent").path("downloadUrl")
                .asText();
    }

    private JsonNode call(String tool, Map<String, Object> args) throws Exception {
        return http.callTool(session, tool, args);
    }
}
