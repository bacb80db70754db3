package dev.sheetsmith.adapters.http.tools;

import dev.sheetsmith.adapters.http.mcp.McpContext;
import dev.sheetsmith.domain.InvalidInputException;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The Excel Tools server's tool names (the Python server Sheetsmith replaces), each a thin adapter:
 * it renames the arguments and calls one of Sheetsmith's own tools, whose result (text with the
 * link, structuredContent) it returns as it is. Nothing is implemented twice.
 */
final class ExcelToolsCompat {

    static final Set<String> FORMAT_KEYS = Set.of("bold", "italic", "underline", "font_size", "font_color",
            "font_name", "background_color", "alignment", "vertical_alignment", "wrap_text", "border", "number_format");

    private final ToolSchemas schemas;
    private final Map<String, McpTool> targets;

    ExcelToolsCompat(ToolSchemas schemas, Map<String, McpTool> targets) {
        this.schemas = Objects.requireNonNull(schemas, "schemas");
        this.targets = Objects.requireNonNull(targets, "targets");
    }

    List<McpTool> tools() {
        return List.of(
                adapter("get_excel_info", "What an Excel file holds: sheets, used ranges, header rows, tables and"
                        + " names (Excel Tools name; with sheet_name, what that sheet holds beyond values). Changes"
                        + " nothing.", Set.of("filename", "sheet_name"),
                        a -> a.has("sheet_name") ? "describe_sheet" : "describe_workbook",
                        a -> map("file", a.requiredString("filename"), "sheet", a.optionalString("sheet_name"))),
                adapter("create_excel_chart", "Add a chart from a data range such as A1:C13 (first column categories,"
                        + " first row series names): bar, line, pie, scatter or area (Excel Tools name for"
                        + " create_chart). Makes a new revision.", Set.of("filename", "chart_type", "data_range", "title",
                                "sheet_name", "x_axis_title", "y_axis_title", "position"),
                        a -> "create_chart", ExcelToolsCompat::chart),
                adapter("format_excel_cells", "Format a range of cells: bold, italic, font size and colour, background"
                        + " colour, alignment, wrap, border, number format (Excel Tools name for format_range). Makes a"
                        + " new revision.", withFormatKeys(Set.of("filename", "cell_range", "range", "sheet_name",
                                "formatting")), a -> "format_range", ExcelToolsCompat::format),
                adapter("import_csv_to_excel", "Store CSV text as a new Excel file (Excel Tools name for import_file)."
                        , Set.of("csv_content", "csv_data", "filename", "excel_filename"), a -> "import_file",
                        ExcelToolsCompat::importCsv),
                adapter("export_excel_to_csv", "Save one sheet of an Excel file as a CSV file and return its link"
                        + " (Excel Tools name for export_file). The workbook is unchanged.",
                        Set.of("filename", "sheet_name"), a -> "export_file",
                        a -> map("file", a.requiredString("filename"), "format", "csv", "sheet",
                                a.optionalString("sheet_name"))));
    }

    private static Set<String> withFormatKeys(Set<String> names) {
        Set<String> all = new java.util.HashSet<>(names);
        all.addAll(FORMAT_KEYS);
        return Set.copyOf(all);
    }

    private McpTool adapter(String name, String description, Set<String> allowed, Function<Args, String> target,
            Function<Args, Map<String, Object>> arguments) {
        McpSchema.Tool definition = McpSchema.Tool.builder().name(name).description(description)
                .inputSchema(schemas.load(name + ".input.json")).outputSchema(schemas.load("any.output.json")).build();
        return new McpTool() {
            @Override
            public McpSchema.Tool definition() {
                return definition;
            }

            @Override
            public McpSchema.CallToolResult call(McpContext context, Map<String, Object> given) {
                try {
                    Args args = new Args(name, given, allowed);
                    McpTool tool = targets.get(target.apply(args));
                    return tool.call(context, arguments.apply(args));
                } catch (InvalidInputException e) {
                    return ToolResults.error(e.getMessage());
                }
            }
        };
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
        Args f = a.object("formatting", FORMAT_KEYS);
        if (f == null) {
            f = a;
        } else {
            for (String key : FORMAT_KEYS) {
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
