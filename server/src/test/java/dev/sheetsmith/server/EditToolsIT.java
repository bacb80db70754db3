package dev.sheetsmith.server;

import static dev.sheetsmith.server.McpHttp.ok;
import static dev.sheetsmith.server.McpHttp.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The changing tools through MCP. Files are written by POI's user model (editor) and read back
 * through read_range, which uses the streaming event reader, and by POI after a download.
 */
class EditToolsIT {

    @RegisterExtension
    static final McpApp APP = McpApp.start("sheetsmith-edit-it", "limits.maxCellsPerCall", "1000", "files.keepRevisions", "5");

    private final McpHttp http = APP.http();
    private final String session = APP.session(http);

    @Test
    void writeRangeStoresTypesAndFormulasWithComputedValues() throws Exception {
        create("sales.xlsx", List.of(record("Region", "N", "Amount", 10), record("Region", "S", "Amount", 20)));
        JsonNode changed = ok(call("write_range", Map.of("file", "sales.xlsx", "start_cell", "A4",
                "values", List.of(List.of("Total", "=SUM(B2:B3)"), java.util.Arrays.asList("2024-05-01", null, true)))));
        assertThat(changed.path("structuredContent").path("revision").asInt()).isEqualTo(2);
        assertThat(text(changed)).contains("revision 2").contains("[Download sales.xlsx](");

        JsonNode values = read(Map.of("file", "sales.xlsx", "range", "A4:C5"));
        assertThat(values.path("rows").toString()).isEqualTo("[[\"Total\",30,null],[\"2024-05-01\",null,true]]");
        JsonNode formulas = read(Map.of("file", "sales.xlsx", "range", "B4", "mode", "formulas"));
        assertThat(formulas.path("rows").toString()).isEqualTo("[[\"=SUM(B2:B3)\"]]");

        try (XSSFWorkbook wb = download(changed)) {
            var cell = wb.getSheetAt(0).getRow(3).getCell(1);
            assertThat(cell.getCellType()).isEqualTo(CellType.FORMULA);
            assertThat(cell.getNumericCellValue()).isEqualTo(30.0);
        }
    }

    @Test
    void createWithAFormulaSavesItsValue() throws Exception {
        create("calc.xlsx", List.of(record("A", 2, "B", 3, "Product", "=A2*B2")));
        assertThat(read(Map.of("file", "calc.xlsx", "range", "C2")).path("rows").toString()).isEqualTo("[[6]]");
        assertThat(read(Map.of("file", "calc.xlsx", "range", "C2")).path("unevaluated").size()).isZero();
    }

    @Test
    void appendRowsMatchesRecordsToTheHeaderRowAndListsByPosition() throws Exception {
        create("people.xlsx", List.of(record("Name", "Ada", "Age", 36, "City", "London")));
        ok(call("append_rows", Map.of("file", "people.xlsx", "data", List.of(record("City", "Oslo", "Name", "Linus")))));
        ok(call("append_rows", Map.of("file", "people", "data", List.of(List.of("Grace", 85, "NYC"), List.of("Alan")))));
        JsonNode rows = read(Map.of("file", "people.xlsx")).path("rows");
        assertThat(rows.toString()).isEqualTo("[[\"Name\",\"Age\",\"City\"],[\"Ada\",36,\"London\"],"
                + "[\"Linus\",null,\"Oslo\"],[\"Grace\",85,\"NYC\"],[\"Alan\",null,null]]");
    }

    @Test
    void sheetsAreCreatedRenamedWithFormulasFollowingAndDeleted() throws Exception {
        create("book.xlsx", List.of(record("Item", "Pen", "Price", 2)));
        ok(call("create_sheet", Map.of("file", "book.xlsx", "sheet", "Calc")));
        ok(call("write_range", Map.of("file", "book.xlsx", "sheet", "Calc", "start_cell", "A1",
                "values", List.of(List.of("=Sheet1!B2*10")))));
        ok(call("rename_sheet", Map.of("file", "book.xlsx", "sheet", "Sheet1", "new_name", "Prices")));
        assertThat(read(Map.of("file", "book.xlsx", "sheet", "Calc", "mode", "formulas")).path("rows").toString())
                .isEqualTo("[[\"=Prices!B2*10\"]]");
        assertThat(read(Map.of("file", "book.xlsx", "sheet", "Calc")).path("rows").toString()).isEqualTo("[[20]]");

        ok(call("create_sheet", Map.of("file", "book.xlsx", "sheet", "Extra", "headers", List.of("a", "b"))));
        ok(call("delete_sheet", Map.of("file", "book.xlsx", "sheet", "Extra")));
        JsonNode sheets = call("describe_workbook", Map.of("file", "book.xlsx")).path("structuredContent").path("sheets");
        List<String> names = new ArrayList<>();
        sheets.forEach(s -> names.add(s.path("name").asText()));
        assertThat(names).containsExactly("Prices", "Calc");
    }

    @Test
    void aBadEditIsAToolErrorThatLeavesTheFileByteForByteUnchanged() throws Exception {
        create("safe.xlsx", List.of(record("Name", "Ada", "Age", 36)));
        List<Object> big = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            big.add(List.of(i, i));
        }
        Map<String, Map<String, Object>> bad = new LinkedHashMap<>();
        bad.put("does not exist", Map.of("tool", "write_range", "sheet", "Nope", "start_cell", "A1",
                "values", List.of(List.of(1))));
        bad.put("single cell", Map.of("tool", "write_range", "start_cell", "A1:B2", "values", List.of(List.of(1))));
        bad.put("non-empty list of rows", Map.of("tool", "write_range", "start_cell", "A1", "values", "x"));
        bad.put("WEBSERVICE() is not allowed", Map.of("tool", "write_range", "start_cell", "C1",
                "values", List.of(List.of("=WEBSERVICE(\"http://example.com\")"))));
        bad.put("DDE links", Map.of("tool", "write_range", "start_cell", "C1",
                "values", List.of(List.of("=cmd|' /C calc'!A0"))));
        bad.put("other workbooks", Map.of("tool", "write_range", "start_cell", "C1",
                "values", List.of(List.of("='C:\\secret\\[book.xlsx]Sheet1'!A1"))));
        bad.put("not a formula Excel accepts", Map.of("tool", "write_range", "start_cell", "C1",
                "values", List.of(List.of("=SUM((")), "sheet", "Sheet1"));
        bad.put("goes past the edge", Map.of("tool", "write_range", "start_cell", "XFD1", "values", List.of(List.of(1, 2))));
        bad.put("limits.maxCellsPerCall", Map.of("tool", "append_rows", "data", big));
        bad.put("not in the header row", Map.of("tool", "append_rows", "data", List.of(record("Nickname", "x"))));
        bad.put("already exists", Map.of("tool", "create_sheet", "sheet", "SHEET1"));
        bad.put("does not exist;", Map.of("tool", "rename_sheet", "sheet", "Ghost", "new_name", "Real"));
        bad.put("Excel does not allow", Map.of("tool", "create_sheet", "sheet", "a/b"));
        bad.put("only sheet", Map.of("tool", "delete_sheet", "sheet", "Sheet1"));
        bad.put("is not kept", Map.of("tool", "restore_revision", "revision", 99));
        bad.put("sort key", Map.of("tool", "sort_range", "by", List.of("price!")));
        bad.put("outside the range", Map.of("tool", "sort_range", "range", "A1:B3", "by", List.of("D")));
        bad.put("'kind' must be rows or columns", Map.of("tool", "insert_rows_or_columns", "kind", "cells", "at", "1"));
        bad.put("row number", Map.of("tool", "delete_rows_or_columns", "kind", "rows", "at", "C"));
        bad.put("'find'", Map.of("tool", "replace_cells", "find", "", "replace", "x"));
        bad.put("to A1048576 goes past", Map.of("tool", "copy_range", "source", "A1:B2", "target_cell", "A1048576"));
        bad.put("no file 'ghost.xlsx'", Map.of("tool", "write_range", "file", "ghost.xlsx", "start_cell", "A1",
                "values", List.of(List.of(1))));
        http.expectToolErrors(session, "safe.xlsx", bad);
    }

    /** Editable and readable are what the engine says it edits and reads, not a name in the use case. */
    @Test
    void aFileOfAFormatTheEngineDoesNotEditIsRefusedByEveryEditAndReadToolAndKept() throws Exception {
        ok(call("create_excel_file", Map.of("filename", "notes.csv", "format", "csv",
                "data", List.of(record("Name", "Ada", "Age", 36)))));
        Map<String, Map<String, Object>> refused = new LinkedHashMap<>();
        refused.put("notes.csv is a csv file; only xlsx workbooks can be changed",
                Map.of("tool", "write_range", "start_cell", "A1", "values", List.of(List.of(1))));
        refused.put("is a csv file; only xlsx workbooks can be changed",
                Map.of("tool", "append_rows", "data", List.of(record("Name", "Bo", "Age", 1))));
        refused.put("only xlsx workbooks can be changed", Map.of("tool", "format_range", "range", "A1",
                "font", Map.of("bold", true)));
        refused.put("notes.csv is a csv file; only xlsx workbooks can be read with this tool",
                Map.of("tool", "read_range"));
        refused.put("only xlsx workbooks can be read with this tool", Map.of("tool", "describe_workbook"));
        http.expectToolErrors(session, "notes.csv", refused);
    }

    @Test
    void twentyConcurrentAppendsAllLand() throws Exception {
        create("log.xlsx", List.of(record("Writer", "seed")));
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<JsonNode>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int writer = i;
            calls.add(pool.submit(() -> {
                McpHttp client = new McpHttp(APP.getLocalPort());
                return client.callTool(client.initialize(), "append_rows", Map.of("file", "log.xlsx",
                        "data", List.of(record("Writer", "w" + writer))));
            }));
        }
        for (Future<JsonNode> f : calls) {
            assertThat(f.get(2, TimeUnit.MINUTES).path("isError").asBoolean()).isFalse();
        }
        pool.shutdown();
        JsonNode rows = read(Map.of("file", "log.xlsx")).path("rows");
        assertThat(rows.size()).isEqualTo(22);
        List<String> writers = new ArrayList<>();
        rows.forEach(r -> writers.add(r.get(0).asText()));
        for (int i = 0; i < 20; i++) {
            assertThat(writers).contains("w" + i);
        }
        assertThat(http.fileEntry(session, "log.xlsx").path("revision").asInt()).isEqualTo(21);
    }

    @Test
    void revisionsAreListedKeptToTheLimitAndRestorable() throws Exception {
        create("history.xlsx", List.of(record("V", 1)));
        for (int v = 2; v <= 7; v++) {
            ok(call("write_range", Map.of("file", "history.xlsx", "start_cell", "A2", "values", List.of(List.of(v)))));
        }
        JsonNode revisions = call("list_revisions", Map.of("file", "history.xlsx")).path("structuredContent")
                .path("revisions");
        assertThat(revisions.size()).isEqualTo(5);
        assertThat(revisions.get(0).path("revision").asInt()).isEqualTo(7);
        assertThat(revisions.get(4).path("revision").asInt()).isEqualTo(3);

        JsonNode restored = ok(call("restore_revision", Map.of("file", "history.xlsx", "revision", 4)));
        assertThat(restored.path("structuredContent").path("revision").asInt()).isEqualTo(8);
        assertThat(read(Map.of("file", "history.xlsx", "range", "A2")).path("rows").toString()).isEqualTo("[[4]]");
        assertThat(call("list_revisions", Map.of("file", "history.xlsx")).path("structuredContent")
                .path("revisions").get(0).path("change").asText()).isEqualTo("restore_revision 4");
    }

    @Test
    void sortCopyFindReplaceAndLinesBehaveAsInExcel() throws Exception {
        create("scores.xlsx", List.of(List.of("Name", "Score", "Double"), List.of("b", 2, "=B2*2"),
                List.of("a", 3, "=B3*2"), List.of("c", 1, "=B4*2")));
        ok(call("sort_range", Map.of("file", "scores.xlsx", "by", List.of("B desc"))));
        assertThat(read(Map.of("file", "scores.xlsx", "mode", "formulas")).path("rows").toString()).isEqualTo(
                "[[\"Name\",\"Score\",\"Double\"],[\"a\",3,\"=B2*2\"],[\"b\",2,\"=B3*2\"],[\"c\",1,\"=B4*2\"]]");
        ok(call("sort_range", Map.of("file", "scores.xlsx", "range", "A2:C4", "by", List.of("A"), "has_header", false)));
        assertThat(read(Map.of("file", "scores.xlsx", "range", "A2:A4")).path("rows").toString())
                .isEqualTo("[[\"a\"],[\"b\"],[\"c\"]]");

        ok(call("copy_range", Map.of("file", "scores.xlsx", "source", "A2:C2", "target_cell", "E5")));
        assertThat(read(Map.of("file", "scores.xlsx", "range", "E5:G5", "mode", "formulas")).path("rows").toString())
                .isEqualTo("[[\"a\",3,\"=F5*2\"]]");
        assertThat(read(Map.of("file", "scores.xlsx", "range", "G5")).path("rows").toString()).isEqualTo("[[6]]");

        JsonNode found = call("find_cells", Map.of("file", "scores.xlsx", "query", "A", "whole_cell", true));
        assertThat(found.path("structuredContent").path("matches").toString())
                .contains("\"cell\":\"A2\"").contains("\"cell\":\"E5\"").doesNotContain("A1");
        ok(call("replace_cells", Map.of("file", "scores.xlsx", "find", "a", "replace", "Alpha", "whole_cell", true)));
        assertThat(call("find_cells", Map.of("file", "scores.xlsx", "query", "Alpha")).path("structuredContent")
                .path("matches").size()).isEqualTo(2);

        ok(call("insert_rows_or_columns", Map.of("file", "scores.xlsx", "kind", "rows", "at", "2", "count", 2)));
        assertThat(read(Map.of("file", "scores.xlsx", "range", "C4", "mode", "formulas")).path("rows").toString())
                .isEqualTo("[[\"=B4*2\"]]");
        ok(call("delete_rows_or_columns", Map.of("file", "scores.xlsx", "kind", "columns", "at", "A")));
        assertThat(read(Map.of("file", "scores.xlsx", "range", "A4:B4")).path("rows").toString()).isEqualTo("[[3,6]]");
        assertThat(read(Map.of("file", "scores.xlsx", "range", "B4", "mode", "formulas")).path("rows").toString())
                .isEqualTo("[[\"=A4*2\"]]");

        ok(call("copy_sheet", Map.of("file", "scores.xlsx", "sheet", "Sheet1", "new_name", "Copy")));
        ok(call("clear_range", Map.of("file", "scores.xlsx", "sheet", "Copy", "range", "A1:B4")));
        assertThat(read(Map.of("file", "scores.xlsx", "sheet", "Copy", "range", "A1:B5")).path("rows").toString())
                .isEqualTo("[[null,null],[null,null],[null,null],[null,null],[2,4]]");
        assertThat(read(Map.of("file", "scores.xlsx", "range", "A4")).path("rows").toString()).isEqualTo("[[3]]");
    }

    private void create(String name, List<Object> data) throws Exception {
        ok(call("create_excel_file", Map.of("filename", name, "data", data)));
    }

    private JsonNode read(Map<String, Object> args) throws Exception {
        return ok(call("read_range", args)).path("structuredContent");
    }

    private XSSFWorkbook download(JsonNode result) throws Exception {
        var response = http.download(result.path("structuredContent").path("downloadUrl").asText());
        assertThat(response.statusCode()).isEqualTo(200);
        return new XSSFWorkbook(new ByteArrayInputStream(response.body()));
    }

    private JsonNode call(String tool, Map<String, Object> args) throws Exception {
        return http.callTool(session, tool, args);
    }

    private static Map<String, Object> record(Object... kv) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            map.put((String) kv[i], kv[i + 1]);
        }
        return map;
    }
}
