package dev.sheetsmith.adapters.http.tools;

import dev.sheetsmith.adapters.http.mcp.McpContext;
import dev.sheetsmith.adapters.http.tools.ToolDefinition.Output;
import dev.sheetsmith.domain.CellFormat;
import dev.sheetsmith.domain.CellRange;
import dev.sheetsmith.domain.ChartSpec;
import dev.sheetsmith.domain.Colors;
import dev.sheetsmith.domain.ConditionalFormat;
import dev.sheetsmith.domain.Formulas;
import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.NumberFormats;
import dev.sheetsmith.domain.Operand;
import dev.sheetsmith.domain.PivotSpec;
import dev.sheetsmith.domain.SheetDetails;
import dev.sheetsmith.domain.SheetLayout;
import dev.sheetsmith.domain.SheetLayout.Span;
import dev.sheetsmith.domain.TableSpec;
import dev.sheetsmith.domain.ValidationRule;
import dev.sheetsmith.domain.WorkbookEdit;
import dev.sheetsmith.ports.in.EditWorkbookUseCase;
import dev.sheetsmith.ports.in.ReadWorkbookUseCase;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Tool set II: formats, layout, rules, tables, charts, pivot tables, notes and names, and
 * describe_sheet to see them. Arguments become checked domain values here; the xlsx editor applies them.
 */
final class DesignTools {


    static final ToolDefinition FORMAT_RANGE = ToolDefinition.changes("format_range", "Format cells: font, fill"
            + " colour, borders, alignment and number format (presets such as currency, percent, date, or a custom"
            + " code). Other formats of the cells stay. Makes a new revision.", "format_range", Output.CHANGED_FILE);
    static final ToolDefinition MERGE_CELLS = ToolDefinition.changes("merge_cells", "Merge a range into one cell, or"
            + " unmerge (unmerge: true). Makes a new revision.", "merge_cells", Output.CHANGED_FILE);
    static final ToolDefinition SET_SHEET_LAYOUT = ToolDefinition.changes("set_sheet_layout", "Set column widths (or"
            + " auto-fit), row heights, hidden and grouped rows and columns, frozen panes, auto filter, tab colour,"
            + " print area and orientation. Makes a new revision.", "set_sheet_layout", Output.CHANGED_FILE);
    static final ToolDefinition ADD_CONDITIONAL_FORMAT = ToolDefinition.changes("add_conditional_format", "Add a"
            + " conditional format: colour scale, data bar, icon set, cell-value or formula rule, top/bottom,"
            + " duplicates or unique values. Makes a new revision.", "add_conditional_format", Output.CHANGED_FILE);
    static final ToolDefinition ADD_DATA_VALIDATION = ToolDefinition.changes("add_data_validation", "Restrict what"
            + " can be typed in cells: a dropdown list, whole/decimal/date/time limits, text length or a custom"
            + " formula, with an input message and error alert. Makes a new revision.", "add_data_validation",
            Output.CHANGED_FILE).naming("errorStyle", "error_style", "inputTitle", "input_title", "errorTitle",
                    "error_title", "inputMessage", "input_message", "errorMessage", "error_message");
    static final ToolDefinition CREATE_TABLE = ToolDefinition.changes("create_table", "Make an Excel table (filter"
            + " buttons, banded style, optional totals row) over a range whose first row holds unique labels. Makes a"
            + " new revision.", "create_table", Output.CHANGED_FILE);
    static final ToolDefinition CREATE_CHART = ToolDefinition.changes("create_chart", "Add a chart (column, bar, line,"
            + " area, pie, doughnut, scatter) from a data range (first column categories, first row series names) or"
            + " explicit series. Makes a new revision.", "create_chart", Output.CHANGED_FILE)
            .naming("xAxisTitle", "x_axis_title", "yAxisTitle", "y_axis_title");
    static final ToolDefinition DELETE_CHART = ToolDefinition.changes("delete_chart", "Delete a chart by its name,"
            + " title or number (see describe_sheet). Makes a new revision.", "delete_chart", Output.CHANGED_FILE);
    static final ToolDefinition CREATE_PIVOT_TABLE = ToolDefinition.changes("create_pivot_table", "Make a pivot table"
            + " from a sheet's data: rows, columns and values (sum, count, average, min, max, ...), on a new or given"
            + " sheet, in compact, outline or tabular form. Its cells hold the computed numbers (read_range shows"
            + " them) and are recomputed when the source is edited here. Makes a new revision.",
            "create_pivot_table", Output.CHANGED_FILE).naming("valuesIn", "values_in");
    static final ToolDefinition SET_NOTE = ToolDefinition.changes("set_note", "Put a note (comment) on a cell, or"
            + " replace its text. Makes a new revision.", "set_note", Output.CHANGED_FILE);
    static final ToolDefinition DELETE_NOTE = ToolDefinition.changes("delete_note", "Remove a cell's note. Makes a"
            + " new revision.", "delete_note", Output.CHANGED_FILE);
    static final ToolDefinition SET_DEFINED_NAME = ToolDefinition.changes("set_defined_name", "Define (or change) a"
            + " named range or formula, for the workbook or one sheet. Makes a new revision.", "set_defined_name",
            Output.CHANGED_FILE).naming("refersTo", "refers_to");
    static final ToolDefinition DELETE_DEFINED_NAME = ToolDefinition.changes("delete_defined_name", "Remove a defined"
            + " name. Makes a new revision.", "delete_defined_name", Output.CHANGED_FILE);
    static final ToolDefinition DESCRIBE_SHEET = ToolDefinition.reads("describe_sheet", "Show what a sheet holds"
            + " beyond values: merged cells, tables, charts, pivot tables, validations, conditional formats, notes,"
            + " frozen panes, widths, other objects. Changes nothing.", "describe_sheet", Output.SHEET);

    private final EditWorkbookUseCase edits;
    private final ReadWorkbookUseCase workbooks;

    DesignTools(EditWorkbookUseCase edits, ReadWorkbookUseCase workbooks) {
        this.edits = Objects.requireNonNull(edits, "edits");
        this.workbooks = Objects.requireNonNull(workbooks, "workbooks");
    }

    List<Tool> tools() {
        return List.of(
                SimpleTool.of(FORMAT_RANGE, (c, a) -> edit(c, a, formatRange(a))),
                SimpleTool.of(MERGE_CELLS, (c, a) -> edit(c, a, new WorkbookEdit.MergeCells(a.optionalString("sheet"),
                        CellRange.parse(a.requiredString("range")), Boolean.TRUE.equals(a.optionalBoolean("unmerge"))))),
                SimpleTool.of(SET_SHEET_LAYOUT, (c, a) -> edit(c, a, new WorkbookEdit.SetLayout(a.optionalString("sheet"),
                        layout(a)))),
                SimpleTool.of(ADD_CONDITIONAL_FORMAT, (c, a) -> edit(c, a, new WorkbookEdit.AddConditionalFormat(
                        a.optionalString("sheet"), CellRange.parse(a.requiredString("range")), conditional(a)))),
                SimpleTool.of(ADD_DATA_VALIDATION, (c, a) -> edit(c, a, new WorkbookEdit.AddValidation(
                        a.optionalString("sheet"), CellRange.parse(a.requiredString("range")), validation(a)))),
                SimpleTool.of(CREATE_TABLE, (c, a) -> edit(c, a, new WorkbookEdit.CreateTable(a.optionalString("sheet"),
                        table(a)))),
                SimpleTool.of(CREATE_CHART, (c, a) -> edit(c, a, new WorkbookEdit.CreateChart(a.optionalString("sheet"),
                        chart(a)))),
                SimpleTool.of(DELETE_CHART, (c, a) -> edit(c, a, new WorkbookEdit.DeleteChart(a.optionalString("sheet"),
                        a.optionalScalar("chart")))),
                SimpleTool.of(CREATE_PIVOT_TABLE, (c, a) -> edit(c, a, new WorkbookEdit.CreatePivot(
                        a.optionalString("sheet"), pivot(a)))),
                SimpleTool.of(SET_NOTE, (c, a) -> edit(c, a, new WorkbookEdit.SetNote(a.optionalString("sheet"),
                        CellRange.cell(a.requiredString("cell")), a.requiredString("text"), a.optionalString("author")))),
                SimpleTool.of(DELETE_NOTE, (c, a) -> edit(c, a, new WorkbookEdit.SetNote(a.optionalString("sheet"),
                        CellRange.cell(a.requiredString("cell")), null, null))),
                SimpleTool.of(SET_DEFINED_NAME, (c, a) -> edit(c, a, new WorkbookEdit.SetDefinedName(
                        a.requiredString("name"), a.requiredString("refers_to"), a.optionalString("scope_sheet"),
                        a.optionalString("comment")))),
                SimpleTool.of(DELETE_DEFINED_NAME, (c, a) -> edit(c, a, new WorkbookEdit.SetDefinedName(
                        a.requiredString("name"), null, a.optionalString("scope_sheet"), null))),
                SimpleTool.of(DESCRIBE_SHEET, this::describeSheet));
    }

    McpSchema.CallToolResult edit(McpContext context, Args args, WorkbookEdit edit) {
        return EditTools.changed(context, edits.edit(context.owner(), args.requiredString("file"), edit));
    }

    // ---- format_range

    static WorkbookEdit.FormatRange formatRange(Args args) {
        return new WorkbookEdit.FormatRange(args.optionalString("sheet"), CellRange.parse(args.requiredString("range")),
                cellFormat(args));
    }

    /** The format arguments (font, fill_color, border, alignment, number_format) of {@code args}. */
    static CellFormat cellFormat(Args args) {
        Args f = args.object("font");
        CellFormat.Font font = null;
        if (f != null) {
            Object underline = f.raw("underline");
            String line = underline instanceof Boolean b ? (b ? "single" : "none") : f.optionalString("underline");
            font = new CellFormat.Font(f.optionalBoolean("bold"), f.optionalBoolean("italic"), line,
                    f.optionalNumber("size"), Colors.parse(f.optionalString("color"), f.at("color")),
                    f.optionalString("name"));
        }
        String fill = args.optionalString("fill_color");
        String fillColor = fill == null ? null : fill.strip().equalsIgnoreCase("none") ? "none"
                : Colors.parse(fill, args.at("fill_color"));
        Args b = args.object("border");
        CellFormat.Border border = null;
        if (b != null) {
            List<String> sides = b.optionalStrings("sides");
            String style = b.optionalString("style");
            border = new CellFormat.Border(style == null ? "thin" : style.strip().toLowerCase(Locale.ROOT),
                    Colors.parse(b.optionalString("color"), b.at("color")),
                    CellFormat.Side.parse(sides == null ? List.of("all") : sides));
        }
        Args al = args.object("alignment");
        CellFormat.Alignment alignment = null;
        if (al != null) {
            alignment = new CellFormat.Alignment(lower(al.optionalString("horizontal")),
                    lower(al.optionalString("vertical")), al.optionalBoolean("wrap"),
                    al.has("indent") ? al.optionalInt("indent", 0) : null,
                    al.has("rotation") ? al.optionalInt("rotation", 0) : null);
        }
        return new CellFormat(font, fillColor, border, alignment,
                NumberFormats.resolve(args.optionalString("number_format"), args.at("number_format")));
    }

    private static String lower(String text) {
        return text == null ? null : text.strip().toLowerCase(Locale.ROOT);
    }

    // ---- set_sheet_layout

    static SheetLayout layout(Args args) {
        return new SheetLayout(sizes(args, "column_widths", false), sizes(args, "row_heights", true),
                spans(args, "hide_rows", true), spans(args, "show_rows", true), spans(args, "hide_columns", false),
                spans(args, "show_columns", false), spans(args, "group_rows", true), spans(args, "group_columns", false),
                spans(args, "ungroup_rows", true), spans(args, "ungroup_columns", false),
                orNone(args, "freeze", CellRange::cell), orNone(args, "auto_filter", CellRange::parse),
                colorArg(args, "tab_color"), orNone(args, "print_area", CellRange::parse),
                lower(args.optionalString("orientation")));
    }

    private static String colorArg(Args args, String name) {
        return Colors.parse(args.optionalString(name), args.at(name));
    }

    /** A cell or range in A1 form (checked by {@code parse}), "none", or null when absent. */
    private static String orNone(Args args, String name, java.util.function.Function<String, CellRange> parse) {
        String value = args.optionalString(name);
        if (value == null || value.strip().equalsIgnoreCase("none")) {
            return value == null ? null : "none";
        }
        return parse.apply(value).toA1();
    }

    private static Map<Span, Double> sizes(Args args, String name, boolean rows) {
        Object raw = args.raw(name);
        if (raw == null) {
            return null;
        }
        String key = rows ? "rows" : "columns";
        String size = rows ? "height" : "width";
        List<Map.Entry<?, ?>> entries = pairs(args, name, key, size, rows
                ? "[{\"rows\": \"1\", \"height\": 30}, {\"rows\": \"2:5\", \"height\": 18}] or {\"1\": 30, \"2:5\": 18}"
                : "[{\"columns\": \"A\", \"width\": 20}, {\"columns\": \"E\", \"width\": \"auto\"}] or {\"A\": 20, \"E\": \"auto\"}");
        Map<Span, Double> sizes = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : entries) {
            Span span = span(String.valueOf(e.getKey()), rows, name);
            Object v = e.getValue();
            if (!rows && v instanceof String s && s.strip().equalsIgnoreCase("auto")) {
                sizes.put(span, SheetLayout.AUTO);
            } else if (Args.number(v) != null) {
                sizes.put(span, Args.number(v));
            } else {
                throw new InvalidInputException(args.at(name) + " entry '" + e.getKey() + "' must be a number"
                        + (rows ? " of points" : " of characters or \"auto\""));
            }
        }
        return sizes;
    }

    /**
     * A map argument as its entries, given either as an object ({"A": 20}, the original form) or as a
     * list of objects with two named fields ([{"columns": "A", "width": 20}], the form every model
     * provider's schema subset can describe, since none has to allow arbitrary keys).
     */
    static List<Map.Entry<?, ?>> pairs(Args args, String name, String keyField, String valueField, String example) {
        Object raw = args.raw(name);
        if (raw instanceof Map<?, ?> map) {
            return List.copyOf(map.entrySet());
        }
        if (!(raw instanceof List<?> list)) {
            throw new InvalidInputException(args.at(name) + " must be a list such as " + example);
        }
        List<Map.Entry<?, ?>> entries = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            String at = "'" + name + "[" + i + "]'";
            if (!(list.get(i) instanceof Map<?, ?> item) || !Set.of(keyField, valueField).containsAll(item.keySet())
                    || item.get(keyField) == null || item.get(valueField) == null) {
                throw new InvalidInputException(at + " must be an object with '" + keyField + "' and '" + valueField
                        + "', e.g. " + example);
            }
            if (item.get(keyField) instanceof Map || item.get(keyField) instanceof List) {
                throw new InvalidInputException(at + "." + keyField + " must be text");
            }
            entries.add(Map.entry(String.valueOf(item.get(keyField)), item.get(valueField)));
        }
        return entries;
    }

    private static List<Span> spans(Args args, String name, boolean rows) {
        List<String> items = args.optionalStrings(name);
        if (items == null) {
            return null;
        }
        List<Span> spans = new ArrayList<>();
        for (String item : items) {
            spans.add(span(item, rows, name));
        }
        return spans;
    }

    /** "5", "5:7" or "5-7" for rows; "C", "C:E" or "C-E" for columns. */
    static Span span(String text, boolean rows, String argument) {
        String[] parts = text.strip().toUpperCase(Locale.ROOT).split("\\s*[:-]\\s*");
        if (parts.length > 2) {
            throw new InvalidInputException("'" + argument + "' entry '" + text + "' must be " + (rows
                    ? "a row number or span such as 5 or 5:7" : "a column letter or span such as C or C:E"));
        }
        int[] ends = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (rows && p.matches("\\d{1,7}") && Integer.parseInt(p) >= 1) {
                ends[i] = Integer.parseInt(p) - 1;
            } else if (!rows && p.matches("[A-Z]{1,3}")) {
                ends[i] = CellRange.column(p, text);
            } else {
                throw new InvalidInputException("'" + argument + "' entry '" + text + "' must be " + (rows
                        ? "a row number or span such as 5 or 5:7" : "a column letter or span such as C or C:E"));
            }
        }
        int first = ends[0];
        int last = ends[ends.length - 1];
        return new Span(Math.min(first, last), Math.max(first, last));
    }

    // ---- rules

    static ConditionalFormat conditional(Args args) {
        String type = lower(args.requiredString("type"));
        Args look = args.object("format");
        ConditionalFormat.Style style = look == null ? null : new ConditionalFormat.Style(
                colorArg(look, "font_color"), colorArg(look, "fill_color"), look.optionalBoolean("bold"),
                look.optionalBoolean("italic"));
        List<String> colors = new ArrayList<>();
        List<String> given = args.optionalStrings("colors");
        if (given != null) {
            for (int i = 0; i < given.size(); i++) {
                colors.add(Colors.parse(given.get(i), "'colors' item " + (i + 1)));
            }
        }
        Operand value = type != null && type.equals("formula") ? Operand.formula(args.optionalString("formula"),
                "formula") : operand(args, "value", null);
        String rank = args.optionalScalar("rank");
        Integer rankNumber = null;
        if (rank != null) {
            if (!rank.matches("\\d{1,4}")) {
                throw new InvalidInputException("'rank' must be a whole number such as 10");
            }
            rankNumber = Integer.parseInt(rank);
        }
        return new ConditionalFormat(type, colors, colorArg(args, "color"), lower(args.optionalString("icons")),
                lower(args.optionalString("operator")), value, operand(args, "value2", null), rankNumber,
                Boolean.TRUE.equals(args.optionalBoolean("percent")), Boolean.TRUE.equals(args.optionalBoolean("bottom")),
                style);
    }

    static ValidationRule validation(Args args) {
        String type = lower(args.requiredString("type"));
        String source = args.optionalString("source");
        if (source != null) {
            source = Formulas.requireSafe(source.strip(), "'source'").expression();
            if (!source.contains("!") && !source.matches("\\$?[A-Za-z]{1,3}\\$?\\d+(:\\$?[A-Za-z]{1,3}\\$?\\d+)?")
                    && !source.matches("[A-Za-z_][A-Za-z0-9_.]*")) {
                throw new InvalidInputException("'source' must be a range such as Lists!$A$1:$A$5 or a defined name");
            }
        }
        Boolean blank = args.optionalBoolean("allow_blank");
        Boolean dropdown = args.optionalBoolean("show_dropdown");
        return new ValidationRule(type, args.optionalStrings("values"), source, lower(args.optionalString("operator")),
                operand(args, "min", type), operand(args, "max", type), formula(args, "formula"),
                blank == null || blank, dropdown == null || dropdown, args.optionalString("input_title"),
                args.optionalString("input_message"), args.optionalString("error_title"),
                args.optionalString("error_message"), lower(args.optionalString("error_style")));
    }

    private static String formula(Args args, String name) {
        String text = args.optionalString(name);
        return text == null ? null : Formulas.requireSafe(text.strip(), args.at(name)).expression();
    }

    /** A comparison operand (the domain decides what the text means; the engine how Excel writes it). */
    static Operand operand(Args args, String name, String validationType) {
        return Operand.parse(args.optionalScalar(name), name, validationType == null);
    }

    // ---- objects

    static TableSpec table(Args args) {
        Map<String, String> totals = new LinkedHashMap<>();
        if (args.raw("totals") != null) {
            for (Map.Entry<?, ?> e : pairs(args, "totals", "column", "function",
                    "[{\"column\": \"Amount\", \"function\": \"sum\"}] or {\"Amount\": \"sum\"}")) {
                totals.put(String.valueOf(e.getKey()), String.valueOf(e.getValue()).strip().toLowerCase(Locale.ROOT));
            }
        }
        Boolean stripes = args.optionalBoolean("row_stripes");
        return new TableSpec(CellRange.parse(args.requiredString("range")), args.optionalString("name"),
                args.optionalString("style"), totals, stripes == null || stripes);
    }

    static ChartSpec chart(Args args) {
        String type = lower(args.requiredString("type"));
        String dataRange = args.optionalString("data_range");
        Object seriesRaw = args.raw("series");
        if ((dataRange == null) == (seriesRaw == null)) {
            throw new InvalidInputException("give either 'data_range' (e.g. A1:C13: first column categories, first"
                    + " row series names) or 'series' (a list of {name, values}), not both or neither");
        }
        ChartSpec.SheetRef categories = args.has("categories") ? sheetRef(args.requiredString("categories"),
                "'categories'") : null;
        List<ChartSpec.Series> series = new ArrayList<>();
        if (dataRange != null) {
            ChartSpec.SheetRef data = sheetRef(dataRange, "'data_range'");
            CellRange r = data.range();
            if (r.rowCount() < 2) {
                throw new InvalidInputException("'data_range' " + r.toA1() + " needs a header row and at least one row"
                        + " of data");
            }
            int firstSeries = r.columnCount() > 1 ? r.firstColumn() + 1 : r.firstColumn();
            if (r.columnCount() > 1 && categories == null) {
                categories = new ChartSpec.SheetRef(data.sheet(), new CellRange(r.firstRow() + 1, r.firstColumn(),
                        r.lastRow(), r.firstColumn()));
            }
            for (int c = firstSeries; c <= r.lastColumn(); c++) {
                series.add(new ChartSpec.Series(null, new ChartSpec.SheetRef(data.sheet(),
                        new CellRange(r.firstRow(), c, r.firstRow(), c)), new ChartSpec.SheetRef(data.sheet(),
                                new CellRange(r.firstRow() + 1, c, r.lastRow(), c))));
            }
        } else {
            if (!(seriesRaw instanceof List<?> list) || list.isEmpty()) {
                throw new InvalidInputException("'series' must be a list of {\"name\": ..., \"values\": \"B2:B13\"}");
            }
            for (int i = 0; i < list.size(); i++) {
                if (!(list.get(i) instanceof Map<?, ?>)) {
                    throw new InvalidInputException("'series' item " + (i + 1) + " must be an object with values");
                }
                Args s = args.item("series", (Map<?, ?>) list.get(i));
                String values = s.optionalString("values");
                if (values == null) {
                    throw new InvalidInputException("'series' item " + (i + 1) + " needs 'values', a range such as B2:B13");
                }
                series.add(new ChartSpec.Series(s.optionalString("name"), s.has("name_cell")
                        ? sheetRef(s.optionalString("name_cell"), "'name_cell'") : null,
                        sheetRef(values, "'series' item " + (i + 1) + " values")));
            }
        }
        String anchor = args.optionalString("anchor");
        return new ChartSpec(type, args.optionalString("title"), args.optionalString("x_axis_title"),
                args.optionalString("y_axis_title"), lower(args.optionalString("legend")), categories, series,
                anchor == null ? null : CellRange.cell(anchor), args.optionalInt("width", 8), args.optionalInt("height", 15),
                args.optionalString("name"));
    }

    /** "B2:B13", "Data!B2:B13" or "'My data'!B2:B13". */
    static ChartSpec.SheetRef sheetRef(String text, String where) {
        String value = text.strip();
        if (value.startsWith("=")) {
            value = value.substring(1);
        }
        int bang = value.lastIndexOf('!');
        if (bang < 0) {
            return new ChartSpec.SheetRef(null, CellRange.parse(value));
        }
        String sheet = value.substring(0, bang);
        if (sheet.length() >= 2 && sheet.startsWith("'") && sheet.endsWith("'")) {
            sheet = sheet.substring(1, sheet.length() - 1).replace("''", "'");
        }
        if (sheet.isBlank()) {
            throw new InvalidInputException(where + " '" + text + "' has an empty sheet name");
        }
        return new ChartSpec.SheetRef(sheet, CellRange.parse(value.substring(bang + 1)));
    }

    static PivotSpec pivot(Args args) {
        Object valuesRaw = args.raw("values");
        List<PivotSpec.Value> values = new ArrayList<>();
        List<?> list = valuesRaw instanceof List<?> l ? l : valuesRaw == null ? List.of() : List.of(valuesRaw);
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            if (item instanceof String column) {
                values.add(new PivotSpec.Value(column, "sum", null));
            } else if (item instanceof Map<?, ?> map) {
                Args v = args.item("values", map);
                String function = v.optionalString("function");
                values.add(new PivotSpec.Value(v.optionalString("column"),
                        function == null ? "sum" : function.strip().toLowerCase(Locale.ROOT), v.optionalString("label"),
                        v.optionalString("number_format")));
            } else {
                throw new InvalidInputException("'values' item " + (i + 1) + " must be a column label or {\"column\":"
                        + " ..., \"function\": \"sum\"}");
            }
        }
        String source = args.optionalString("source_range");
        String target = args.optionalString("target_cell");
        return new PivotSpec(source == null ? null : CellRange.parse(source), args.optionalStrings("rows"),
                args.optionalStrings("columns"), values, args.optionalStrings("filters"),
                args.optionalString("target_sheet"), target == null ? null : CellRange.cell(target),
                args.optionalString("name"), new PivotSpec.Options(args.optionalString("layout"),
                        args.optionalBoolean("subtotals"), args.optionalBoolean("grand_total_row"),
                        args.optionalBoolean("grand_total_column"), args.optionalString("values_in")));
    }

    // ---- describe_sheet

    private McpSchema.CallToolResult describeSheet(McpContext context, Args args) {
        var described = workbooks.describeSheet(context.owner(), args.requiredString("file"), args.optionalString("sheet"));
        SheetDetails d = described.details();
        StringBuilder text = new StringBuilder("Sheet '" + d.sheet() + "' of " + described.file().name() + ": ");
        text.append(d.usedRange() == null ? "empty" : "cells " + d.usedRange()).append('\n');
        line(text, "Frozen panes at", d.frozenAt());
        line(text, "Merged cells", d.mergedRanges().isEmpty() ? null : String.join(", ", d.mergedRanges()));
        for (SheetDetails.Table t : d.tables()) {
            text.append("- Table '").append(t.name()).append("' ").append(t.range()).append(", columns ")
                    .append(t.columns()).append(", style ").append(t.style()).append(t.totalsRow() ? ", totals row" : "")
                    .append('\n');
        }
        for (SheetDetails.Chart c : d.charts()) {
            text.append("- Chart ").append(c.number()).append(" '").append(c.name()).append("': ").append(c.type())
                    .append(c.title() == null ? "" : ", title '" + c.title() + "'").append(", at ").append(c.anchor())
                    .append(", series ").append(c.series()).append('\n');
        }
        for (SheetDetails.Pivot p : d.pivotTables()) {
            text.append("- Pivot table '").append(p.name()).append("' at ").append(p.location()).append(" from ")
                    .append(p.source()).append(": rows ").append(p.rows()).append(", columns ").append(p.columns())
                    .append(", values ").append(p.values())
                    .append(p.filters().isEmpty() ? "" : ", filters " + p.filters()).append('\n');
        }
        for (SheetDetails.Validation v : d.validations()) {
            text.append("- Validation on ").append(v.range()).append(": ").append(v.type()).append(' ')
                    .append(v.detail()).append('\n');
        }
        for (SheetDetails.Conditional c : d.conditionalFormats()) {
            text.append("- Conditional format on ").append(c.range()).append(": ").append(String.join("; ", c.rules()))
                    .append('\n');
        }
        for (SheetDetails.Note n : d.notes()) {
            text.append("- Note on ").append(n.cell()).append(" by ").append(n.author()).append(": ").append(n.text())
                    .append('\n');
        }
        line(text, "Column widths", d.columnWidths().isEmpty() ? null : d.columnWidths().toString());
        line(text, "Row heights", d.rowHeights().isEmpty() ? null : d.rowHeights().toString());
        line(text, "Hidden rows", d.hiddenRows().isEmpty() ? null : String.join(", ", d.hiddenRows()));
        line(text, "Hidden columns", d.hiddenColumns().isEmpty() ? null : String.join(", ", d.hiddenColumns()));
        line(text, "Auto filter", d.autoFilter());
        line(text, "Tab colour", d.tabColor());
        line(text, "Print area", d.printArea());
        line(text, "Orientation", d.orientation());
        for (String other : d.otherObjects()) {
            text.append("- Also: ").append(other).append('\n');
        }
        return FileTools.ok(text.toString(), new Results.SheetResult(described.file().id(), described.file().name(), d));
    }

    private static void line(StringBuilder text, String label, String value) {
        if (value != null) {
            text.append("- ").append(label).append(": ").append(value).append('\n');
        }
    }
}
