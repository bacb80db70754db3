package dev.sheetsmith.adapters.http.tools;

import dev.sheetsmith.adapters.http.mcp.McpContext;
import dev.sheetsmith.adapters.http.tools.ToolDefinition.Output;
import dev.sheetsmith.domain.Operand;
import dev.sheetsmith.domain.CellFormat;
import dev.sheetsmith.domain.CellRange;
import dev.sheetsmith.domain.CellValue;
import dev.sheetsmith.domain.Colors;
import dev.sheetsmith.domain.ConditionalFormat;
import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.NumberFormats;
import dev.sheetsmith.domain.WorkbookEdit;
import dev.sheetsmith.domain.SheetData;
import dev.sheetsmith.domain.SheetInput;
import dev.sheetsmith.domain.WorkbookData;
import dev.sheetsmith.ports.in.CreateWorkbookCommand;
import dev.sheetsmith.ports.in.CreateWorkbookUseCase;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** {@code create_excel_file}: a new workbook from one sheet's data or several sheets. */
final class CreateExcelFileTool implements Tool {

    static final ToolDefinition DEFINITION = ToolDefinition.changes("create_excel_file", "Create a new .xlsx"
            + " workbook from data and return a download link. Give sheet_name/data/headers for one sheet, or 'sheets'"
            + " for several. Cells keep their types (numbers, true/false, ISO dates); the header row is bold and"
            + " frozen. Optional 'formatting': header_background, borders, font_size, alignment, number_format,"
            + " alternate_row_colors.", "create_excel_file", Output.CREATED_FILE).titled("Create Excel file");
    /** The keys one entry of 'sheets' takes, as the input schema lists them. */
    private static final Set<String> SHEET_KEYS = ToolDefinition.properties(
            ToolDefinition.property(DEFINITION.inputSchema(), "sheets"));

    private final CreateWorkbookUseCase createWorkbook;

    CreateExcelFileTool(CreateWorkbookUseCase createWorkbook) {
        this.createWorkbook = Objects.requireNonNull(createWorkbook, "createWorkbook");
    }

    @Override
    public ToolDefinition definition() {
        return DEFINITION;
    }

    @Override
    public McpSchema.CallToolResult call(McpContext context, Map<String, Object> arguments) {
        try {
            // Args refuses unknown arguments before anything else is read.
            Args args = new Args(DEFINITION, arguments);
            WorkbookData workbook = workbook(arguments);
            Object filename = arguments.get("filename");
            if (filename != null && !(filename instanceof String)) {
                throw new InvalidInputException("'filename' must be text, e.g. \"employees.xlsx\"");
            }
            Object format = arguments.get("format");
            if (format != null && !(format instanceof String)) {
                throw new InvalidInputException("'format' must be a format id such as xlsx, csv or ods");
            }
            List<WorkbookEdit> finishing = formatting(args, workbook);
            var created = createWorkbook.createWorkbook(new CreateWorkbookCommand(context.owner(), (String) filename,
                    format == null ? "xlsx" : ((String) format).strip().toLowerCase(java.util.Locale.ROOT), workbook,
                    finishing));
            return ToolResults.created(created, context);
        } catch (InvalidInputException e) {
            return ToolResults.error("Nothing was created: " + DEFINITION.inCallersWords(e.getMessage()));
        }
    }

    static WorkbookData workbook(Map<String, Object> arguments) {
        Object sheets = arguments.get("sheets");
        // A large request's rows arrive spilled to disk, as a reference only the server makes.
        Object data = LargeRequests.resolve(arguments.get("data"), "'data'");
        Object sheetData = LargeRequests.resolve(arguments.get("sheet_data"), "'sheet_data'");
        if (data != null && sheetData != null) {
            throw new InvalidInputException("give either 'data' or 'sheet_data' (the same rows under Excel Tools' name),"
                    + " not both");
        }
        if (sheetData != null && !(sheetData instanceof List<?> rows && rows.stream().allMatch(r -> r instanceof List))) {
            throw new InvalidInputException("'sheet_data' must be rows: a list of lists such as [[\"Ada\", 36],"
                    + " [\"Linus\", 28]]");
        }
        if (sheets == null) {
            Object name = arguments.getOrDefault("sheet_name", "Sheet1");
            if (!(name instanceof String sheetName)) {
                throw new InvalidInputException("'sheet_name' must be text");
            }
            return new WorkbookData(List.of(SheetInput.parse(sheetName, data != null ? data : sheetData,
                    arguments.get("headers"))));
        }
        for (String single : List.of("sheet_name", "data", "headers", "sheet_data")) {
            if (arguments.containsKey(single)) {
                throw new InvalidInputException("give either 'sheets' or '" + single
                        + "' (with sheet_name/data/headers for one sheet), not both");
            }
        }
        if (!(sheets instanceof List<?> list) || list.isEmpty()) {
            throw new InvalidInputException("'sheets' must be a non-empty list of {name, data, headers} objects");
        }
        List<SheetData> parsed = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> sheet)) {
                throw new InvalidInputException("sheets[" + i + "] must be an object {name, data, headers}");
            }
            for (Object key : sheet.keySet()) {
                if (!SHEET_KEYS.contains(String.valueOf(key))) {
                    throw new InvalidInputException("sheets[" + i + "] has unknown key '" + key + "'; a sheet takes "
                            + new TreeSet<>(SHEET_KEYS));
                }
            }
            Object name = sheet.get("name");
            if (!(name instanceof String sheetName)) {
                throw new InvalidInputException("sheets[" + i + "] needs a 'name' (text)");
            }
            parsed.add(SheetInput.parse(sheetName, LargeRequests.resolve(sheet.get("data"), "sheets[" + i + "].data"),
                    sheet.get("headers")));
        }
        return new WorkbookData(parsed);
    }

    /**
     * The Excel Tools {@code formatting} object as finishing edits on each sheet: the same
     * format_range and conditional-format edits the tools make, applied before the file is stored.
     */
    static List<WorkbookEdit> formatting(Args args, WorkbookData workbook) {
        Args f = args.object("formatting");
        if (f == null) {
            return List.of();
        }
        Double size = f.optionalNumber("font_size");
        String alignment = f.optionalString("alignment");
        if (alignment != null && !List.of("left", "center", "right").contains(alignment.strip().toLowerCase(Locale.ROOT))) {
            throw new InvalidInputException(f.at("alignment") + " must be left, center or right, not '" + alignment + "'");
        }
        Object borderRaw = f.raw("border");
        String borderStyle = borderRaw == null || Boolean.FALSE.equals(borderRaw) ? null
                : Boolean.TRUE.equals(borderRaw) ? "thin" : borderRaw instanceof String s ? s.strip().toLowerCase(Locale.ROOT)
                        : invalid(f.at("border") + " must be true, false or a line style such as thin");
        Object stripes = f.raw("alternate_row_colors");
        String stripeColor = stripes == null || Boolean.FALSE.equals(stripes) ? null
                : Boolean.TRUE.equals(stripes) ? "F2F2F2" : stripes instanceof String s ? Colors.parse(s,
                        f.at("alternate_row_colors")) : invalid(f.at("alternate_row_colors") + " must be true, false or a"
                                + " colour");
        Boolean headerBold = f.optionalBoolean("header_bold");
        String headerFill = Colors.parse(f.optionalString("header_background"), f.at("header_background"));
        String numberFormat = NumberFormats.resolve(f.optionalString("number_format"), f.at("number_format"));
        CellFormat.Font font = size == null ? null : new CellFormat.Font(null, null, null, size, null, null);
        CellFormat.Border border = borderStyle == null ? null : new CellFormat.Border(borderStyle, null,
                CellFormat.Side.parse(List.of("all")));
        CellFormat.Alignment align = alignment == null ? null : new CellFormat.Alignment(
                alignment.strip().toLowerCase(Locale.ROOT), null, null, null, null);
        List<WorkbookEdit> edits = new ArrayList<>();
        for (SheetData sheet : workbook.sheets()) {
            if (sheet.rowCount() == 0 || sheet.columnCount() == 0) {
                continue;
            }
            int lastRow = sheet.rowCount() - 1;
            int lastColumn = sheet.columnCount() - 1;
            int firstData = sheet.hasHeaderRow() ? 1 : 0;
            CellRange all = new CellRange(0, 0, lastRow, lastColumn);
            if (font != null || border != null || align != null) {
                edits.add(new WorkbookEdit.FormatRange(sheet.name(), all, new CellFormat(font, null, border, align,
                        null)));
            }
            if (numberFormat != null && lastRow >= firstData) {
                // On the number columns only: a date column keeps its date format.
                for (int[] span : numberColumns(sheet)) {
                    edits.add(new WorkbookEdit.FormatRange(sheet.name(), new CellRange(firstData, span[0], lastRow,
                            span[1]), new CellFormat(null, null, null, null, numberFormat)));
                }
            }
            if (sheet.hasHeaderRow() && (headerBold != null || headerFill != null)) {
                edits.add(new WorkbookEdit.FormatRange(sheet.name(), new CellRange(0, 0, 0, lastColumn), new CellFormat(
                        headerBold == null ? null : new CellFormat.Font(headerBold, null, null, null, null, null),
                        headerFill, null, null, null)));
            }
            if (stripeColor != null && lastRow >= firstData) {
                edits.add(new WorkbookEdit.AddConditionalFormat(sheet.name(), new CellRange(firstData, 0, lastRow,
                        lastColumn), new ConditionalFormat("formula", null, null, null, null, new Operand.Formula("MOD(ROW(),2)=0"), null, null,
                                false, false, new ConditionalFormat.Style(null, stripeColor, null, null))));
            }
        }
        return edits;
    }

    /** Runs of adjacent columns [first, last] holding numbers and no dates. */
    static List<int[]> numberColumns(SheetData sheet) {
        List<int[]> spans = new ArrayList<>();
        // one pass over the rows for all columns (none for streamed rows: their checking pass noted it)
        SheetData.ColumnKinds kinds = sheet.columnKinds();
        for (int c = 0; c < sheet.columnCount(); c++) {
            if (kinds.number(c) && !kinds.date(c)) {
                if (!spans.isEmpty() && spans.get(spans.size() - 1)[1] == c - 1) {
                    spans.get(spans.size() - 1)[1] = c;
                } else {
                    spans.add(new int[] {c, c});
                }
            }
        }
        return spans;
    }

    private static String invalid(String message) {
        throw new InvalidInputException(message);
    }
}
