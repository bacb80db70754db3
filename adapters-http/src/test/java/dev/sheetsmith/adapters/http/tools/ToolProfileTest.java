package dev.sheetsmith.adapters.http.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The compact tool list: small enough for an 8k-context model, and still every kind of work. */
class ToolProfileTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theCompactListIsUnderTenKilobytesAndCoversEveryKindOfWork() throws Exception {
        List<ToolDefinition> all = ToolDefinitionsTest.all();
        List<McpSchema.Tool> compact = ToolProfile.COMPACT.tools(all);
        List<McpSchema.Tool> full = ToolProfile.FULL.tools(all);

        int compactBytes = JSON.writeValueAsBytes(new McpSchema.ListToolsResult(compact, null)).length;
        int fullBytes = JSON.writeValueAsBytes(new McpSchema.ListToolsResult(full, null)).length;
        assertThat(compactBytes).as("compact tools/list result, bytes").isLessThanOrEqualTo(10 * 1024);
        assertThat(fullBytes).as("the full list is the large one").isGreaterThan(4 * compactBytes);
        assertThat(full).hasSize(all.size());
        assertThat(compact).extracting(McpSchema.Tool::name).containsExactly("create_excel_file", "list_files",
                "describe_workbook", "read_range", "write_range", "append_rows", "format_range", "create_chart",
                "get_download_link");
    }

    @Test
    void aCompactToolKeepsItsRequiredArgumentsWithShortDescriptionsAndNoOutputSchema() throws Exception {
        Map<String, ToolDefinition> byName = new java.util.HashMap<>();
        ToolDefinitionsTest.all().forEach(d -> byName.put(d.name(), d));
        for (McpSchema.Tool tool : ToolProfile.COMPACT.tools(ToolDefinitionsTest.all())) {
            ToolDefinition full = byName.get(tool.name());
            assertThat(tool.outputSchema()).as(tool.name()).isNull();
            assertThat(full.description()).startsWith(tool.description());
            assertThat(tool.description()).as(tool.name()).isNotBlank().endsWith(".");
            Map<String, Object> properties = cast(tool.inputSchema().get("properties"));
            assertThat(properties.keySet()).as(tool.name()).isSubsetOf(ToolDefinition.properties(full.inputSchema()));
            if (full.inputSchema().get("required") instanceof List<?> required) {
                assertThat(properties.keySet()).as(tool.name() + " required").containsAll(
                        required.stream().map(String.class::cast).toList());
                assertThat(tool.inputSchema().get("required")).isEqualTo(required);
            }
        }
        McpSchema.Tool create = ToolProfile.COMPACT.tools(ToolDefinitionsTest.all()).get(0);
        assertThat(cast(create.inputSchema().get("properties")).keySet()).containsExactly("filename", "sheet_name",
                "data", "headers", "sheets");
        assertThat(create.description()).doesNotContain("\n");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object value) {
        return (Map<String, Object>) value;
    }

    @Test
    void profilesAreNamedFullOrCompactInAnyCase() {
        assertThat(ToolProfile.named("compact")).contains(ToolProfile.COMPACT);
        assertThat(ToolProfile.named(" FULL ")).contains(ToolProfile.FULL);
        assertThat(ToolProfile.named("tiny")).isEmpty();
        assertThat(ToolProfile.named(null)).isEmpty();
        assertThat(ToolProfile.firstSentence("Creates \"a.xlsx\" files. Then more.")).isEqualTo("Creates \"a.xlsx\" files.");
        assertThat(new String(ToolProfile.COMPACT.id().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .isEqualTo("compact");
    }
}
