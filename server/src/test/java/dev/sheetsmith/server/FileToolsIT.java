package dev.sheetsmith.server;

import static dev.sheetsmith.server.McpHttp.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** list_files, describe_workbook, get_download_link, delete_file and read_range through MCP. */
class FileToolsIT {

    @RegisterExtension
    static final McpApp APP = McpApp.start("sheetsmith-filetools-it");

    private final McpHttp http = APP.http();
    private final String session = APP.session(http);

    @Test
    void listDescribeAndLinkShowWhatWasCreated() throws Exception {
        String id = create("inventory.xlsx", Map.of("sheets", List.of(
                Map.of("name", "Stock", "data", List.of(Map.of("Item", "Pen", "Count", 3), Map.of("Item", "Ink", "Count", 7))),
                Map.of("name", "Empty", "headers", List.of())))).path("fileId").asText();

        JsonNode list = call("list_files", Map.of());
        assertThat(list.path("isError").asBoolean()).isFalse();
        JsonNode entry = find(list.path("structuredContent").path("files"), id);
        assertThat(entry.path("name").asText()).isEqualTo("inventory.xlsx");
        assertThat(http.download(entry.path("downloadUrl").asText()).statusCode()).isEqualTo(200);
        assertThat(text(list)).contains("inventory.xlsx").contains(id);

        JsonNode described = call("describe_workbook", Map.of("file", "inventory"));
        JsonNode sheets = described.path("structuredContent").path("sheets");
        assertThat(sheets.get(0).path("name").asText()).isEqualTo("Stock");
        assertThat(sheets.get(0).path("usedRange").asText()).isEqualTo("A1:B3");
        assertThat(sheets.get(0).path("headerRow").size()).isEqualTo(2);
        assertThat(sheets.get(0).path("headerRow").toString()).contains("\"Item\"").contains("\"Count\"");
        assertThat(sheets.get(1).path("usedRange").isNull()).isTrue();
        assertThat(text(described)).contains("not instructions");

        JsonNode link = call("get_download_link", Map.of("file", id));
        assertThat(http.download(link.path("structuredContent").path("downloadUrl").asText()).statusCode()).isEqualTo(200);
        assertThat(text(link)).contains("[Download inventory.xlsx](");
    }

    @Test
    void readRangePagesThroughEveryRowWithTypes() throws Exception {
        List<Object> rows = new ArrayList<>();
        for (int i = 1; i <= 250; i++) {
            rows.add(List.of(i, "item " + i, i % 2 == 0, "2024-01-" + String.format("%02d", 1 + i % 28)));
        }
        create("pages.xlsx", Map.of("headers", List.of("N", "Name", "Even", "Day"), "data", rows));

        List<JsonNode> all = new ArrayList<>();
        String range = null;
        int pages = 0;
        do {
            Map<String, Object> args = new java.util.HashMap<>(Map.of("file", "pages.xlsx", "max_cells", 400));
            if (range != null) {
                args.put("range", range);
            }
            JsonNode page = call("read_range", args).path("structuredContent");
            page.path("rows").forEach(all::add);
            range = page.path("next_range").isNull() ? null : page.path("next_range").asText();
            pages++;
        } while (range != null && pages < 10);

        assertThat(pages).isEqualTo(3);
        assertThat(all).hasSize(251);
        assertThat(all.get(0).toString()).isEqualTo("[\"N\",\"Name\",\"Even\",\"Day\"]");
        assertThat(all.get(250).get(0).asLong()).isEqualTo(250);
        assertThat(all.get(250).get(2).asBoolean()).isTrue();
        assertThat(all.get(250).get(3).asText()).isEqualTo("2024-01-27");

        JsonNode column = call("read_range", Map.of("file", "pages.xlsx", "range", "B:B", "max_cells", 5));
        assertThat(column.path("structuredContent").path("range").asText()).isEqualTo("B1:B5");
        assertThat(column.path("structuredContent").path("next_range").asText()).isEqualTo("B6:B251");
        JsonNode rowsTwoThree = call("read_range", Map.of("file", "pages.xlsx", "range", "2:3"));
        assertThat(rowsTwoThree.path("structuredContent").path("rows").size()).isEqualTo(2);
        assertThat(text(rowsTwoThree)).contains("not instructions");
    }

    @Test
    void badReadsAreToolErrorsThatNameWhatWasWrong() throws Exception {
        create("small.xlsx", Map.of("headers", List.of("a")));
        assertError(call("read_range", Map.of("file", "missing.xlsx")), "no file 'missing.xlsx'");
        assertError(call("read_range", Map.of("file", "small.xlsx", "sheet", "Nope")), "sheet 'Nope' does not exist");
        assertError(call("read_range", Map.of("file", "small.xlsx", "range", "A0:B2")), "row 0");
        assertError(call("read_range", Map.of("file", "small.xlsx", "range", "hello")), "not an A1 range");
        assertError(call("read_range", Map.of("file", "small.xlsx", "mode", "raw")), "'mode'");
        assertError(call("read_range", Map.of("file", "small.xlsx", "max_cells", 0)), "max_cells");
        assertError(call("read_range", Map.of("file", "small.xlsx", "colour", "red")), "unknown argument");
        assertError(call("describe_workbook", Map.of()), "'file' is required");
    }

    @Test
    void deleteFileRemovesItAndItsLinks() throws Exception {
        JsonNode created = create("doomed.xlsx", Map.of("headers", List.of("x")));
        String link = created.path("downloadUrl").asText();
        JsonNode deleted = call("delete_file", Map.of("file", "doomed.xlsx"));
        assertThat(deleted.path("isError").asBoolean()).isFalse();
        assertThat(http.download(link).statusCode()).isEqualTo(404);
        assertThat(find(call("list_files", Map.of()).path("structuredContent").path("files"),
                created.path("fileId").asText())).isNull();
        assertError(call("delete_file", Map.of("file", "doomed.xlsx")), "no file 'doomed.xlsx'");
    }

    private JsonNode create(String name, Map<String, Object> args) throws Exception {
        Map<String, Object> all = new java.util.HashMap<>(args);
        all.put("filename", name);
        JsonNode result = call("create_excel_file", all);
        assertThat(result.path("isError").asBoolean()).as(result.toString()).isFalse();
        return result.path("structuredContent");
    }

    private JsonNode call(String tool, Map<String, Object> args) throws Exception {
        return http.callTool(session, tool, args);
    }

    private static JsonNode find(JsonNode files, String id) {
        for (JsonNode f : files) {
            if (f.path("fileId").asText().equals(id)) {
                return f;
            }
        }
        return null;
    }

    private static void assertError(JsonNode result, String expected) {
        assertThat(result.path("isError").asBoolean()).as(result.toString()).isTrue();
        assertThat(text(result)).contains(expected).doesNotContain("Exception");
    }
}
