package dev.sheetsmith.server;

import static dev.sheetsmith.server.McpHttp.ok;
import static dev.sheetsmith.server.McpHttp.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.util.CellReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Pivot tables through MCP as a model uses them: create_pivot_table, then read_range on the
 * pivot shows Excel's refreshed grid cell for cell (the recording project's goldens, read from
 * ../shared/peer-fixtures), and a write_range into the source changes what read_range shows.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class PivotGoldenIT {

    private static final DropwizardAppExtension<SheetsmithConfiguration> APP = TestServers.app(
            TestServers.tempDir("sheetsmith-pivot-it"));

    private McpHttp http;
    private String session;

    @BeforeEach
    void connect() throws Exception {
        http = new McpHttp(APP.getLocalPort());
        session = http.initialize();
    }

    static JsonNode golden() throws Exception {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path at = dir; at != null; at = at.getParent()) {
            Path candidate = at.resolveSibling("shared").resolve("peer-fixtures").resolve("pivot_golden_subset.json");
            if (Files.isRegularFile(candidate)) {
                return McpHttp.JSON.readTree(Files.readString(candidate));
            }
        }
        throw new AssertionError("pivot_golden_subset.json not found in ../shared/peer-fixtures above " + dir
                + "; CI always has it next to the repository");
    }

    private void createSource(String file, JsonNode source) throws Exception {
        List<String> headers = new ArrayList<>();
        source.get(0).forEach(h -> headers.add(h.asText()));
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 1; r < source.size(); r++) {
            List<Object> row = new ArrayList<>();
            for (JsonNode v : source.get(r)) {
                row.add(v.isNull() ? null : v.isNumber() ? v.numberValue()
                        : v.asText().matches("\\d{4}-\\d{2}-\\d{2} 00:00:00") ? v.asText().substring(0, 10) : v.asText());
            }
            rows.add(row);
        }
        ok(call("create_excel_file", Map.of("filename", file, "sheet_name", "Data", "headers", headers, "data",
                rows)));
    }

    @Test
    void readRangeShowsExcelsRefreshedGridForEveryGoldenCase() throws Exception {
        JsonNode golden = golden();
        createSource("pivots.xlsx", golden.get("source"));
        List<String> failures = new ArrayList<>();
        int n = 0;
        for (JsonNode c : golden.get("cases")) {
            n++;
            String sheet = "P" + n;
            Map<String, Object> args = new HashMap<>();
            args.put("file", "pivots.xlsx");
            args.put("sheet", "Data");
            args.put("rows", McpHttp.JSON.convertValue(c.get("rows"), List.class));
            args.put("columns", McpHttp.JSON.convertValue(c.get("columns"), List.class));
            List<Map<String, Object>> values = new ArrayList<>();
            for (JsonNode v : c.get("values")) {
                values.add(Map.of("column", v.get("field").asText(), "function",
                        v.has("function") ? v.get("function").asText() : "sum"));
            }
            args.put("values", values);
            args.put("layout", c.get("layout").asText());
            args.put("subtotals", c.get("subtotals").asBoolean());
            args.put("values_in", c.get("values_in").asText());
            args.put("target_sheet", sheet);
            JsonNode made = ok(call("create_pivot_table", args));
            JsonNode expected = c.get("expected");
            String range = "A3:" + CellReference.convertNumToColString(expected.get(0).size() - 1)
                    + (2 + expected.size());
            assertThat(text(made)).contains("made pivot table").contains("at " + range);
            JsonNode rows = ok(call("read_range", Map.of("file", "pivots.xlsx", "sheet", sheet, "range", range)))
                    .path("structuredContent").path("rows");
            String difference = difference(expected, rows);
            if (difference != null) {
                failures.add(c.get("name").asText() + ": " + difference);
            }
        }
        assertThat(n).isEqualTo(5);
        assertThat(failures).isEmpty();
    }

    @Test
    void writingIntoTheSourceRecomputesThePivotThatReadRangeShows() throws Exception {
        createSource("live.xlsx", golden().get("source"));
        ok(call("create_pivot_table", Map.of("file", "live.xlsx", "sheet", "Data", "rows", List.of("Region"),
                "values", List.of(Map.of("column", "Units", "function", "sum")), "layout", "tabular")));
        assertThat(read("live.xlsx", "Pivot", "A3:B9").toString()).isEqualTo("[[\"Region\",\"Sum of Units\"],"
                + "[\"East\",40],[\"North\",34],[\"South\",17],[\"West\",14],[\"(blank)\",1],[\"Grand Total\",106]]");
        ok(call("write_range", Map.of("file", "live.xlsx", "sheet", "Data", "start_cell", "A13", "values",
                List.of(List.of("West")))));
        assertThat(read("live.xlsx", "Pivot", "A3:B9").toString()).isEqualTo("[[\"Region\",\"Sum of Units\"],"
                + "[\"East\",40],[\"North\",34],[\"South\",17],[\"West\",15],[\"Grand Total\",106]]");
    }

    @Test
    void aBadLayoutOptionIsAToolErrorThatChangesNothing() throws Exception {
        createSource("safe.xlsx", golden().get("source"));
        Map<String, Map<String, Object>> bad = new java.util.LinkedHashMap<>();
        bad.put("'layout' must be one of [compact, outline, tabular], not 'grid'", Map.of("tool",
                "create_pivot_table", "sheet", "Data", "rows", List.of("Region"), "values", List.of("Units"),
                "layout", "grid"));
        bad.put("'values_in' must be one of [columns, rows], not 'sideways'", Map.of("tool", "create_pivot_table",
                "sheet", "Data", "rows", List.of("Region"), "values", List.of("Units", "Price"), "values_in",
                "sideways"));
        bad.put("number_format for 'Units'", Map.of("tool", "create_pivot_table", "sheet", "Data", "rows",
                List.of("Region"), "values", List.of(Map.of("column", "Units", "number_format", " "))));
        http.expectToolErrors(session, "safe.xlsx", bad);
    }

    private JsonNode read(String file, String sheet, String range) throws Exception {
        return ok(call("read_range", Map.of("file", file, "sheet", sheet, "range", range))).path("structuredContent")
                .path("rows");
    }

    private static String difference(JsonNode expected, JsonNode actual) {
        for (int r = 0; r < expected.size(); r++) {
            for (int c = 0; c < expected.get(r).size(); c++) {
                JsonNode e = expected.get(r).get(c);
                JsonNode a = actual.path(r).path(c);
                boolean same = e.isNull() ? a.isNull() || a.isMissingNode() || a.asText().isEmpty()
                        : e.isNumber() ? a.isNumber() && Math.abs(a.asDouble() - e.asDouble()) <= 1e-12
                                * Math.max(1, Math.abs(e.asDouble())) : e.asText().equals(a.asText());
                if (!same) {
                    return "cell [" + r + "][" + c + "] is " + a + ", Excel " + e;
                }
            }
        }
        return null;
    }

    private JsonNode call(String tool, Map<String, Object> args) throws Exception {
        return http.callTool(session, tool, args);
    }
}
