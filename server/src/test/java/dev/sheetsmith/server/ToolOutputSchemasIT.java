package dev.sheetsmith.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every tool's declared output schema holds what the tool really returns: each tool of tools/list is
 * called through the whole app (MCP over HTTP, and the same call on the OpenAPI route) and its
 * structuredContent is checked with a JSON Schema 2020-12 validator (networknt, the one the MCP SDK
 * uses) against the outputSchema tools/list gave for it. The schemas themselves follow the output
 * form of ProviderSchemaRules.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ToolOutputSchemasIT {

    /** Open-WebUI's files API, for import_from_openwebui (FakeOpenWebUi follows Open-WebUI's own answers). */
    private static final FakeOpenWebUi OPEN_WEBUI = new FakeOpenWebUi().put("5e6f7a8b-1c2d-4e3f-9a0b-c1d2e3f4a5b6",
            "attached.csv", "text/csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
    private static final DropwizardAppExtension<SheetsmithConfiguration> APP = TestServers.app(
            TestServers.tempDir("sheetsmith-output-schemas-it"), "openwebui.baseUrl", OPEN_WEBUI.baseUrl(),
            "openwebui.apiKey", FakeOpenWebUi.KEY);
    /** Tools a second call of leaves the first's file as it was (or, create_excel_file, makes another). */
    private static final Set<String> SECOND_CALL_CHANGES_NOTHING = Set.of("create_excel_file", "list_files",
            "describe_workbook", "get_download_link", "find_cells", "read_range", "describe_sheet", "list_revisions",
            "list_formats", "export_file", "get_excel_info", "export_excel_to_csv");
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(Dialects.getDraft202012());

    @Test
    void everyToolReturnsWhatItsOutputSchemaDeclares() throws Exception {
        McpHttp http = new McpHttp(APP.getLocalPort());
        String session = http.initialize();
        JsonNode tools = McpHttp.JSON.readTree(http.post(session, McpHttp.request(2, "tools/list", Map.of())).body())
                .path("result").path("tools");
        Map<String, JsonNode> outputSchemas = new LinkedHashMap<>();
        List<String> broken = new ArrayList<>();
        for (JsonNode tool : tools) {
            outputSchemas.put(tool.path("name").asText(), tool.path("outputSchema"));
            broken.addAll(ProviderSchemaRules.outputViolations("outputSchema of " + tool.path("name").asText(),
                    tool.path("outputSchema")));
        }
        assertThat(outputSchemas).hasSize(44);

        String file = "schemas.xlsx";
        List<Object[]> calls = new ArrayList<>();
        calls.add(call("create_excel_file", "filename", file, "sheet_name", "Sales", "headers",
                List.of("Region", "Month", "Amount", "When"), "data", List.of(
                        List.of("North", "Jan", 100, "2025-01-31"), List.of("South", "Jan", 80, "2025-01-31"),
                        List.of("North", "Feb", 120, "2025-02-28"), List.of("South", "Feb", 90, "2025-02-28"))));
        calls.add(call("list_files"));
        calls.add(call("describe_workbook", "file", file));
        calls.add(call("get_download_link", "file", file));
        calls.add(call("find_cells", "file", file, "query", "North"));
        calls.add(call("read_range", "file", file, "max_cells", 4));
        calls.add(call("read_range", "file", file, "sheet", "Sales", "range", "Z90:Z99"));
        calls.add(call("write_range", "file", file, "sheet", "Sales", "start_cell", "F1", "values",
                List.of(List.of("x", 1, true))));
        calls.add(call("append_rows", "file", file, "sheet", "Sales", "data",
                List.of(List.of("West", "Mar", 50, "2025-03-31"))));
        calls.add(call("create_sheet", "file", file, "sheet", "Extra"));
        calls.add(call("rename_sheet", "file", file, "sheet", "Extra", "new_name", "Extra2"));
        calls.add(call("copy_sheet", "file", file, "sheet", "Extra2", "new_name", "Extra3"));
        calls.add(call("delete_sheet", "file", file, "sheet", "Extra3"));
        calls.add(call("clear_range", "file", file, "sheet", "Sales", "range", "F1:H1"));
        calls.add(call("copy_range", "file", file, "sheet", "Sales", "source", "A1:A2", "target_cell", "J1"));
        calls.add(call("sort_range", "file", file, "sheet", "Sales", "range", "A1:D6", "by", List.of("C desc")));
        calls.add(call("replace_cells", "file", file, "sheet", "Sales", "find", "West", "replace", "East"));
        calls.add(call("insert_rows_or_columns", "file", file, "sheet", "Sales", "kind", "columns", "at", "L"));
        calls.add(call("delete_rows_or_columns", "file", file, "sheet", "Sales", "kind", "columns", "at", "L"));
        calls.add(call("format_range", "file", file, "sheet", "Sales", "range", "A1:D1", "font",
                Map.of("bold", true), "fill_color", "FFFF00"));
        calls.add(call("merge_cells", "file", file, "sheet", "Sales", "range", "J1:K1"));
        calls.add(call("set_sheet_layout", "file", file, "sheet", "Sales", "column_widths", Map.of("A", 20),
                "freeze", "A2"));
        calls.add(call("add_conditional_format", "file", file, "sheet", "Sales", "range", "C2:C6", "type",
                "cell_value", "operator", "greater_than", "value", 90, "format", Map.of("fill_color", "FFC7CE")));
        calls.add(call("add_data_validation", "file", file, "sheet", "Sales", "range", "E2:E6", "type", "list",
                "values", List.of("yes", "no")));
        calls.add(call("create_table", "file", file, "sheet", "Sales", "range", "A1:D6", "name", "SalesTable"));
        calls.add(call("create_chart", "file", file, "sheet", "Sales", "type", "column", "categories", "A2:A6",
                "series", List.of(Map.of("name", "Amount", "values", "C2:C6")), "title", "Amounts"));
        calls.add(call("set_note", "file", file, "sheet", "Sales", "cell", "A1", "text", "checked"));
        calls.add(call("describe_sheet", "file", file, "sheet", "Sales"));
        calls.add(call("delete_note", "file", file, "sheet", "Sales", "cell", "A1"));
        calls.add(call("delete_chart", "file", file, "sheet", "Sales", "chart", 1));
        calls.add(call("create_pivot_table", "file", file, "sheet", "Sales", "source_range", "A1:D6", "rows",
                List.of("Region"), "values", List.of("Amount")));
        calls.add(call("set_defined_name", "file", file, "name", "Amounts", "refers_to", "Sales!$C$2:$C$6"));
        calls.add(call("delete_defined_name", "file", file, "name", "Amounts"));
        calls.add(call("list_revisions", "file", file));
        calls.add(call("list_formats"));
        calls.add(call("export_file", "file", file, "format", "csv", "sheet", "Sales"));
        calls.add(call("import_file", "filename", "uploaded.csv", "format", "csv", "content_base64",
                Base64.getEncoder().encodeToString("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8))));
        calls.add(call("import_from_openwebui", "file_id", "5e6f7a8b-1c2d-4e3f-9a0b-c1d2e3f4a5b6"));
        calls.add(call("get_excel_info", "filename", file));
        calls.add(call("get_excel_info", "filename", file, "sheet_name", "Sales"));
        calls.add(call("create_excel_chart", "filename", file, "sheet_name", "Sales", "chart_type", "bar",
                "data_range", "B1:C6"));
        calls.add(call("format_excel_cells", "filename", file, "sheet_name", "Sales", "cell_range", "A2:D6",
                "formatting", Map.of("italic", true, "number_format", "0.00")));
        calls.add(call("import_csv_to_excel", "csv_content", "x,y\n3,4\n", "filename", "from-csv.xlsx"));
        calls.add(call("export_excel_to_csv", "filename", file, "sheet_name", "Sales"));
        calls.add(call("restore_revision", "file", file)); // the revision before the newest, found below
        calls.add(call("delete_file", "file", "twin.xlsx"));

        Set<String> called = new TreeSet<>();
        HttpClient client = HttpClient.newHttpClient();
        for (Object[] c : calls) {
            String name = (String) c[0];
            @SuppressWarnings("unchecked")
            Map<String, Object> arguments = (Map<String, Object>) c[1];
            if (name.equals("restore_revision")) {
                arguments.put("revision", http.callTool(session, "list_revisions", Map.of("file", file))
                        .path("structuredContent").path("revisions").get(1).path("revision").asInt());
            }
            JsonNode result = McpHttp.ok(http.callTool(session, name, arguments));
            called.add(name);
            Schema schema = SCHEMAS.getSchema(outputSchemas.get(name));
            schema.validate(result.path("structuredContent")).forEach(e -> broken.add(name + " over MCP: "
                    + e.getInstanceLocation() + " " + e.getMessage()));
            if (SECOND_CALL_CHANGES_NOTHING.contains(name)) {
                // The same call on the OpenAPI route answers {text, result}, result as MCP's structuredContent.
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + APP.getLocalPort() + "/api/tools/" + name)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(McpHttp.JSON.writeValueAsString(
                                name.equals("create_excel_file") ? withName(arguments, "twin.xlsx") : arguments)))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(name + ": " + response.body()).isEqualTo(200);
                schema.validate(McpHttp.JSON.readTree(response.body()).path("result")).forEach(e -> broken.add(name
                        + " over /api/tools: " + e.getInstanceLocation() + " " + e.getMessage()));
            }
        }
        assertThat(called).isEqualTo(outputSchemas.keySet().stream().collect(java.util.stream.Collectors
                .toCollection(TreeSet::new)));
        assertThat(broken).isEmpty();
        OPEN_WEBUI.close();
    }

    private static Map<String, Object> withName(Map<String, Object> arguments, String filename) {
        Map<String, Object> copy = new LinkedHashMap<>(arguments);
        copy.put("filename", filename);
        return copy;
    }

    private static Object[] call(String tool, Object... pairs) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            arguments.put((String) pairs[i], pairs[i + 1]);
        }
        return new Object[] {tool, arguments};
    }
}
