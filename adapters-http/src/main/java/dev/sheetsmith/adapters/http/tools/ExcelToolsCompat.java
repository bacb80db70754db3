package dev.sheetsmith.adapters.http.tools;

import dev.sheetsmith.adapters.http.mcp.McpContext;
import dev.sheetsmith.adapters.http.tools.ToolDefinition.Output;
import dev.sheetsmith.domain.InvalidInputException;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The Excel Tools server's tool names (the Python server Sheetsmith replaces), each a thin adapter:
 * it renames the arguments and calls one of Sheetsmith's own tools, whose result (text with the
 * link, structuredContent) it returns as it is. Nothing is implemented twice.
 */
final class ExcelToolsCompat {

    static final ToolDefinition GET_EXCEL_INFO = ToolDefinition.reads("get_excel_info", "What an Excel file holds:"
            + " sheets, used ranges, header rows, tables and names (Excel Tools name; with sheet_name, what that sheet"
            + " holds beyond values). Changes nothing.", "get_excel_info", Output.WORKBOOK_OR_SHEET);
    static final ToolDefinition CREATE_EXCEL_CHART = ToolDefinition.changes("create_excel_chart", "Add a chart from a"
            + " data range such as A1:C13 (first column categories, first row series names): bar, line, pie, scatter"
            + " or area (Excel Tools name for create_chart). Makes a new revision.", "create_excel_chart",
            Output.CHANGED_FILE);
    /** Its formatting keys are also taken beside the other arguments, and 'range' for 'cell_range'. */
    static final ToolDefinition FORMAT_EXCEL_CELLS = formatExcelCells();
    static final ToolDefinition IMPORT_CSV_TO_EXCEL = ToolDefinition.changes("import_csv_to_excel", "Store CSV text"
            + " as a new Excel file (Excel Tools name for import_file).", "import_csv_to_excel", Output.CREATED_FILE)
            .alsoTaking("csv_data", "excel_filename");
    static final ToolDefinition EXPORT_EXCEL_TO_CSV = ToolDefinition.changes("export_excel_to_csv", "Save one sheet of"
            + " an Excel file as a CSV file and return its link (Excel Tools name for export_file). The workbook is"
            + " unchanged.", "export_excel_to_csv", Output.CREATED_FILE);

    /** The arguments of ours that each of theirs becomes, so that our errors can name theirs. */
    private static final Map<String, String> FILE_AND_SHEET = Map.of("file", "filename", "sheet", "sheet_name");
    private static final Map<String, String> CHART_NAMES = Map.of("file", "filename", "sheet", "sheet_name", "type",
            "chart_type", "anchor", "position");
    private static final Map<String, String> FORMAT_NAMES = Map.ofEntries(Map.entry("file", "filename"),
            Map.entry("sheet", "sheet_name"), Map.entry("range", "cell_range"), Map.entry("font.bold", "bold"),
            Map.entry("font.italic", "italic"), Map.entry("font.underline", "underline"),
            Map.entry("font.size", "font_size"), Map.entry("font.color", "font_color"),
            Map.entry("font.name", "font_name"), Map.entry("fill_color", "background_color"),
            Map.entry("alignment.horizontal", "alignment"), Map.entry("alignment.vertical", "vertical_alignment"),
            Map.entry("alignment.wrap", "wrap_text"), Map.entry("border.style", "border"),
            Map.entry("border.color", "border"), Map.entry("border.sides", "border"));
    private static final Map<String, String> IMPORT_NAMES = Map.of("content_base64", "csv_content");

    private final Map<String, Tool> targets;

    ExcelToolsCompat(Map<String, Tool> targets) {
        this.targets = Objects.requireNonNull(targets, "targets");
    }

    private static ToolDefinition formatExcelCells() {
        ToolDefinition d = ToolDefinition.changes("format_excel_cells", "Format a range of cells: bold, italic, font"
                + " size and colour, background colour, alignment, wrap, border, number format (Excel Tools name for"
                + " format_range). Makes a new revision.", "format_excel_cells", Output.CHANGED_FILE);
        return d.alsoTaking("range").alsoTaking(ToolDefinition.properties(ToolDefinition.property(d.inputSchema(),
                "formatting")).toArray(String[]::new));
    }

    List<Tool> tools() {
        return List.of(
                adapter(GET_EXCEL_INFO, a -> a.has("sheet_name") ? "describe_sheet" : "describe_workbook",
                        a -> map("file", a.requiredString("filename"), "sheet", a.optionalString("sheet_name")),
                        FILE_AND_SHEET),
                adapter(CREATE_EXCEL_CHART, a -> "create_chart", ExcelToolsCompat::chart, CHART_NAMES),
                adapter(FORMAT_EXCEL_CELLS, a -> "format_range", ExcelToolsCompat::format, FORMAT_NAMES),
                adapter(IMPORT_CSV_TO_EXCEL, a -> "import_file", ExcelToolsCompat::importCsv, IMPORT_NAMES),
                adapter(EXPORT_EXCEL_TO_CSV, a -> "export_file", a -> map("file", a.requiredString("filename"),
                        "format", "csv", "sheet", a.optionalString("sheet_name")), FILE_AND_SHEET));
    }

    private Tool adapter(ToolDefinition definition, Function<Args, String> target,
            Function<Args, Map<String, Object>> arguments, Map<String, String> theirNames) {
        return new Tool() {
            @Override
            public ToolDefinition definition() {
                return definition;
            }

            @Override
            public McpSchema.CallToolResult call(McpContext context, Map<String, Object> given) {
                try {
                    Args args = new Args(definition, given);
                    Tool tool = targets.get(target.apply(args));
                    return inTheirWords(tool.call(context, arguments.apply(args)), theirNames);
                } catch (InvalidInputException e) {
                    return ToolResults.error(e.getMessage());
                }
            }
        };
    }

    /**
     * A tool error of ours as the caller would word it: each argument of ours it names ('file',
     * 'font.size') becomes the caller's own ('filename', 'font_size').
     */
    static McpSchema.CallToolResult inTheirWords(McpSchema.CallToolResult result, Map<String, String> theirNames) {
        if (!Boolean.TRUE.equals(result.isError())) {
            return result;
        }
        String text = result.content().stream().filter(McpSchema.TextContent.class::isInstance)
                .map(c -> ((McpSchema.TextContent) c).text()).reduce((a, b) -> a + "\n" + b).orElse("");
        return ToolResults.error(ArgumentNames.renamed(text, theirNames));
    }


    /** A map of the pairs whose value is not null. */
    private static Map<String, Object> map(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                map.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return map;
    }

    private static Map<String, Object> chart(Args a) {
        String type = a.requiredString("chart_type").strip().toLowerCase(Locale.ROOT);
        // Its "bar" was upright bars: Sheetsmith's column; "column" and "horizontal_bar" are taken too.
        String ours = switch (type) {
            case "bar", "column" -> "column";
            case "horizontal_bar", "barh" -> "bar";
            case "line", "pie", "scatter", "area", "doughnut" -> type;
            default -> throw new InvalidInputException("'chart_type' must be bar, line, pie, scatter or area, not '"
                    + type + "'");
        };
        return map("file", a.requiredString("filename"), "sheet", a.optionalString("sheet_name"), "type", ours,
                "data_range", a.requiredString("data_range"), "title", a.optionalString("title"), "x_axis_title",
                a.optionalString("x_axis_title"), "y_axis_title", a.optionalString("y_axis_title"), "anchor",
                a.optionalString("position"));
    }

    /** The formatting keys, in a 'formatting' object or beside the other arguments. */
    private static Map<String, Object> format(Args a) {
        Args f = a.object("formatting");
        if (f == null) {
            f = a;
        } else {
            for (String key : a.keysOf("formatting")) {
                if (a.has(key)) {
                    throw new InvalidInputException("give '" + key + "' inside 'formatting' or beside it, not both ways");
                }
            }
        }
        String range = a.optionalString("cell_range") != null ? a.optionalString("cell_range") : a.optionalString("range");
        if (range == null) {
            throw new InvalidInputException("'cell_range' is required, e.g. \"A1:D1\"");
        }
        Map<String, Object> font = map("bold", f.optionalBoolean("bold"), "italic", f.optionalBoolean("italic"),
                "underline", f.raw("underline"), "size", f.raw("font_size"), "color", f.optionalString("font_color"),
                "name", f.optionalString("font_name"));
        Map<String, Object> alignment = map("horizontal", f.optionalString("alignment"), "vertical",
                f.optionalString("vertical_alignment"), "wrap", f.optionalBoolean("wrap_text"));
        Object border = f.raw("border");
        Map<String, Object> borders = border == null || Boolean.FALSE.equals(border) ? null
                : Boolean.TRUE.equals(border) ? map("style", "thin") : border instanceof String s ? map("style", s)
                        : border instanceof Map<?, ?> m ? castMap(m) : null;
        if (border != null && borders == null && !Boolean.FALSE.equals(border)) {
            throw new InvalidInputException("'border' must be true, false, a line style such as thin, or"
                    + " {style, color, sides}");
        }
        return map("file", a.requiredString("filename"), "sheet", a.optionalString("sheet_name"), "range", range,
                "font", font.isEmpty() ? null : font, "fill_color", f.optionalString("background_color"),
                "alignment", alignment.isEmpty() ? null : alignment, "border", borders,
                "number_format", f.optionalString("number_format"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    private static Map<String, Object> importCsv(Args a) {
        String csv = a.optionalString("csv_content") != null ? a.optionalString("csv_content")
                : a.optionalString("csv_data");
        if (csv == null || csv.isBlank()) {
            throw new InvalidInputException("'csv_content' is required: the CSV text to import");
        }
        String name = a.optionalString("filename") != null ? a.optionalString("filename")
                : a.optionalString("excel_filename");
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("'filename' is required: the Excel file to make, e.g. \"sales.xlsx\"");
        }
        String base = name.strip().replaceFirst("(?i)\\.(xlsx|csv)$", "");
        return map("filename", base + ".csv", "format", "csv", "content_base64",
                Base64.getEncoder().encodeToString(csv.getBytes(StandardCharsets.UTF_8)));
    }
}
