package dev.sheetsmith.adapters.http.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import dev.sheetsmith.domain.CellFormat;
import dev.sheetsmith.domain.InvalidInputException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The tool definitions on their own: each is complete, its schemas load and say what Args then
 * accepts, and Args reads good arguments and refuses bad ones with an error that names the argument
 * and says what was wrong.
 */
class ToolDefinitionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every definition the tool classes declare (the registry registers exactly these). */
    static List<ToolDefinition> all() throws IllegalAccessException {
        List<ToolDefinition> all = new ArrayList<>();
        for (Class<?> type : List.of(CreateExcelFileTool.class, FileTools.class, EditTools.class, DesignTools.class,
                ConvertTools.class, ChatFileTools.class, ExcelToolsCompat.class)) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) && field.getType() == ToolDefinition.class) {
                    field.setAccessible(true);
                    all.add((ToolDefinition) field.get(null));
                }
            }
        }
        return all;
    }

    @Test
    void thereAreFortyFourToolsEachNamedOnceWithSchemasThatCompile() throws Exception {
        List<ToolDefinition> all = all();
        assertThat(all).hasSize(44);
        assertThat(all.stream().map(ToolDefinition::name).distinct()).hasSize(44);
        SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(Dialects.getDraft202012());
        for (ToolDefinition d : all) {
            assertThat(d.description()).as(d.name()).isNotBlank();
            assertThat(d.inputSchema()).as(d.name()).containsEntry("type", "object");
            assertThat(d.outputSchema()).as(d.name()).containsEntry("type", "object").containsKey("properties");
            schemas.getSchema(JSON.valueToTree(d.outputSchema()));
            assertThat(d.mcp().outputSchema()).isEqualTo(d.outputSchema());
        }
    }

    @Test
    void anOutputSchemaTakesWhatItDescribesAndRefusesWhatItDoesNot() throws Exception {
        var range = SchemaRegistry.withDefaultDialect(Dialects.getDraft202012()).getSchema(JSON.valueToTree(
                ToolDefinition.Output.RANGE.schema()));
        assertThat(range.validate(JSON.readTree("{\"sheet\": \"S\", \"range\": null, \"rows\": [[1, \"a\", true,"
                + " null]], \"next_range\": null, \"unevaluated\": []}"))).isEmpty();
        assertThat(range.validate(JSON.readTree("{\"sheet\": \"S\", \"rows\": [[{}]], \"next_range\": 3,"
                + " \"unevaluated\": []}"))).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void whetherAToolChangesFilesIsPartOfItsDefinition() throws Exception {
        Set<String> changing = new TreeSet<>();
        for (ToolDefinition d : all()) {
            if (d.changesFiles()) {
                changing.add(d.name());
            }
        }
        assertThat(changing).containsExactlyInAnyOrder("create_excel_file", "write_range", "append_rows",
                "clear_range", "copy_range", "sort_range", "replace_cells", "create_sheet", "rename_sheet",
                "copy_sheet", "delete_sheet", "insert_rows_or_columns", "delete_rows_or_columns", "restore_revision",
                "delete_file", "export_file", "import_file", "import_from_openwebui", "format_range", "merge_cells", "set_sheet_layout",
                "add_conditional_format", "add_data_validation", "create_table", "create_chart", "delete_chart",
                "create_pivot_table", "set_note", "delete_note", "set_defined_name", "delete_defined_name",
                "create_excel_chart", "format_excel_cells", "import_csv_to_excel", "export_excel_to_csv");
    }

    @Test
    void theArgumentsATakesAreTheInputSchemasPropertiesAndItsAliases() {
        assertThat(EditTools.WRITE_RANGE.arguments()).containsExactlyInAnyOrder("file", "sheet", "start_cell",
                "values");
        assertThat(FileTools.LIST_FILES.arguments()).isEmpty();
        assertThat(ExcelToolsCompat.IMPORT_CSV_TO_EXCEL.arguments()).containsExactlyInAnyOrder("csv_content",
                "filename", "csv_data", "excel_filename");
        assertThat(ExcelToolsCompat.FORMAT_EXCEL_CELLS.arguments()).contains("cell_range", "range", "formatting",
                "bold", "font_size", "background_color");
        // The aliases are taken but not advertised.
        assertThat(properties(ExcelToolsCompat.IMPORT_CSV_TO_EXCEL)).doesNotContain("csv_data", "excel_filename");
    }

    @Test
    void goodArgumentsAreReadAsTheirTypes() {
        Args args = new Args(FileTools.READ_RANGE, Map.of("file", "a.xlsx", "max_cells", "250", "sheet", "Data"));
        assertThat(args.requiredString("file")).isEqualTo("a.xlsx");
        assertThat(args.optionalString("sheet")).isEqualTo("Data");
        assertThat(args.optionalString("range")).isNull();
        assertThat(args.optionalInt("max_cells", 10)).isEqualTo(250);
        Args find = new Args(FileTools.FIND_CELLS, Map.of("file", "a", "query", "x", "match_case", true));
        assertThat(find.optionalBoolean("match_case")).isTrue();
        assertThat(find.optionalBoolean("whole_cell")).isNull();
        Args chart = new Args(DesignTools.DELETE_CHART, Map.of("file", "a", "chart", 2.0));
        assertThat(chart.optionalScalar("chart")).isEqualTo("2");
    }

    @Test
    void anUnknownArgumentIsRefusedWithTheNamesTheToolTakes() {
        assertThatThrownBy(() -> new Args(EditTools.WRITE_RANGE, Map.of("file", "a", "cell", "A1")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("unknown argument(s) [cell]; write_range takes [file, sheet, start_cell, values]");
    }

    @Test
    void badArgumentsNameTheArgumentAndWhatWasWrong() {
        Args args = new Args(FileTools.READ_RANGE, map("file", "  ", "sheet", 3, "max_cells", 2.5, "mode", true));
        assertThatThrownBy(() -> args.requiredString("file")).hasMessage("'file' is required for read_range");
        assertThatThrownBy(() -> args.optionalString("sheet")).hasMessage("'sheet' must be text");
        assertThatThrownBy(() -> args.optionalInt("max_cells", 1)).hasMessage("'max_cells' must be a whole number");
        Args find = new Args(FileTools.FIND_CELLS, map("match_case", "yes"));
        assertThatThrownBy(() -> find.optionalBoolean("match_case")).hasMessage("'match_case' must be true or false");
        Args note = new Args(DesignTools.DELETE_CHART, map("chart", List.of(1)));
        assertThatThrownBy(() -> note.optionalScalar("chart")).hasMessage("'chart' must be text or a number");
    }

    @Test
    void nestedObjectsTakeTheKeysTheirSchemaLists() {
        Args args = new Args(DesignTools.FORMAT_RANGE, map("file", "a", "range", "A1", "font",
                map("bold", true, "size", "12"), "border", "thick", "alignment", map("middle", true)));
        Args font = args.object("font");
        assertThat(font.optionalBoolean("bold")).isTrue();
        assertThat(font.optionalNumber("size")).isEqualTo(12.0);
        assertThatThrownBy(() -> args.object("border")).hasMessage("'border' must be an object with [color, sides,"
                + " style]");
        assertThatThrownBy(() -> args.object("alignment")).hasMessage("unknown argument(s) [alignment.middle];"
                + " 'alignment' takes [horizontal, indent, rotation, vertical, wrap]");
        Args badSize = new Args(DesignTools.FORMAT_RANGE, map("font", map("size", "big")));
        assertThatThrownBy(() -> badSize.object("font").optionalNumber("size"))
                .hasMessage("'font.size' must be a number, not 'big'");
    }

    @Test
    void aListsObjectItemsTakeTheKeysOfTheItemSchema() {
        Args chart = new Args(DesignTools.CREATE_CHART, map("series", List.of(map("values", "B2:B5", "colour", 1))));
        assertThatThrownBy(() -> chart.item("series", map("values", "B2:B5", "colour", 1)))
                .hasMessage("unknown argument(s) [colour]; create_chart takes [name, name_cell, values]");
        assertThat(chart.item("series", map("values", "B2:B5")).optionalString("values")).isEqualTo("B2:B5");
    }

    @Test
    void theFormatArgumentsBecomeACellFormat() {
        CellFormat format = DesignTools.cellFormat(new Args(DesignTools.FORMAT_RANGE, map("file", "a", "range",
                "A1:B2", "font", map("bold", true, "color", "red"), "fill_color", "#FFFF00", "number_format",
                "percent")));
        assertThat(format.font().bold()).isTrue();
        assertThat(format.font().color()).isEqualTo("FF0000");
        assertThat(format.fillColor()).isEqualTo("FFFF00");
        assertThat(format.numberFormat()).isEqualTo("0%");
        assertThatThrownBy(() -> DesignTools.cellFormat(new Args(DesignTools.FORMAT_RANGE, map("fill_color",
                "nocolour")))).isInstanceOf(InvalidInputException.class).hasMessageContaining("'fill_color'");
    }

    @Test
    void compatibilityErrorsNameTheCallersOwnArguments() {
        Map<String, String> names = Map.of("file", "filename", "sheet", "sheet_name", "font.size", "font_size");
        assertThat(ArgumentNames.renamed("'file' is required for describe_workbook", names))
                .isEqualTo("'filename' is required for describe_workbook");
        assertThat(ArgumentNames.renamed("'font.size' must be a number, not 'big'", names))
                .isEqualTo("'font_size' must be a number, not 'big'");
        assertThat(ArgumentNames.renamed("sheet 'Data' does not exist", names))
                .isEqualTo("sheet 'Data' does not exist");
    }

    @Test
    void theDomainNamesItsFieldsAndTheToolLayerGivesTheCallersArgumentNames() {
        String domain = assertThatThrownBy(() -> new dev.sheetsmith.ports.in.ReadRangeQuery("f", null, null, false, 0))
                .isInstanceOf(InvalidInputException.class).actual().getMessage();
        assertThat(domain).startsWith("'maxCells' must be between 1 and");
        assertThat(FileTools.READ_RANGE.inCallersWords(domain)).startsWith("'max_cells' must be between 1 and");
        assertThat(DesignTools.SET_DEFINED_NAME.inCallersWords("'refersTo': text contains the control character"
                + " U+0000")).isEqualTo("'refers_to': text contains the control character U+0000");
        assertThat(EditTools.REPLACE_CELLS.inCallersWords("'replacement' is too long; 'find' is fine"))
                .isEqualTo("'replace' is too long; 'find' is fine");
        // A name the tool does not map stays as it is.
        assertThat(EditTools.WRITE_RANGE.inCallersWords("'maxCells' x")).isEqualTo("'maxCells' x");
    }

    private static Set<String> properties(ToolDefinition d) {
        JsonNode schema = JSON.valueToTree(d.inputSchema());
        Set<String> names = new TreeSet<>();
        schema.path("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A map that keeps nulls out and its order in. */
    private static Map<String, Object> map(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
