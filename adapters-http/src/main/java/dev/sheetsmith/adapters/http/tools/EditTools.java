package dev.sheetsmith.adapters.http.tools;

import dev.sheetsmith.adapters.http.mcp.McpContext;
import dev.sheetsmith.adapters.http.tools.ToolDefinition.Output;
import dev.sheetsmith.domain.CellRange;
import dev.sheetsmith.domain.FileRevision;
import dev.sheetsmith.domain.SheetInput;
import dev.sheetsmith.domain.SheetNames;
import dev.sheetsmith.domain.StoredFile;
import dev.sheetsmith.domain.WorkbookEdit;
import dev.sheetsmith.ports.in.EditWorkbookUseCase;
import io.modelcontextprotocol.spec.McpSchema;
import dev.sheetsmith.domain.InvalidInputException;
import java.util.ArrayList;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.List;
import java.util.Objects;

/** The tools that change a workbook; each makes a new revision and answers with a fresh link. */
final class EditTools {

    private static final Pattern SORT_KEY = Pattern.compile("([A-Za-z]{1,3})(?:\\s+(asc|desc|ascending|descending))?",
            Pattern.CASE_INSENSITIVE);

    static final ToolDefinition WRITE_RANGE = ToolDefinition.changes("write_range", "Write rows of values into a"
            + " sheet from a start cell (text starting with = is a formula). Makes a new revision.", "write_range",
            Output.CHANGED_FILE);
    static final ToolDefinition APPEND_ROWS = ToolDefinition.changes("append_rows", "Add rows after a sheet's last"
            + " used row, matching records to the header row. Makes a new revision.", "append_rows",
            Output.CHANGED_FILE);
    static final ToolDefinition CREATE_SHEET = ToolDefinition.changes("create_sheet", "Add a sheet, empty or with"
            + " data. Makes a new revision.", "create_sheet", Output.CHANGED_FILE);
    static final ToolDefinition RENAME_SHEET = ToolDefinition.changes("rename_sheet", "Rename a sheet; formulas that"
            + " refer to it follow. Makes a new revision.", "rename_sheet", Output.CHANGED_FILE);
    static final ToolDefinition DELETE_SHEET = ToolDefinition.changes("delete_sheet", "Delete a sheet (not the last"
            + " one). Makes a new revision.", "sheet_ref", Output.CHANGED_FILE);
    static final ToolDefinition CLEAR_RANGE = ToolDefinition.changes("clear_range", "Empty the cells of a range"
            + " (formatting stays). Makes a new revision.", "clear_range", Output.CHANGED_FILE);
    static final ToolDefinition COPY_RANGE = ToolDefinition.changes("copy_range", "Copy a range's values, formulas"
            + " (references adjusted) and formats to another place. Makes a new revision.", "copy_range",
            Output.CHANGED_FILE);
    static final ToolDefinition SORT_RANGE = ToolDefinition.changes("sort_range", "Sort a range's rows by one or more"
            + " columns; a header row stays on top. Makes a new revision.", "sort_range", Output.CHANGED_FILE);
    static final ToolDefinition REPLACE_CELLS = ToolDefinition.changes("replace_cells", "Replace text in text cells."
            + " Makes a new revision.", "replace_cells", Output.CHANGED_FILE).naming("replacement", "replace");
    static final ToolDefinition COPY_SHEET = ToolDefinition.changes("copy_sheet", "Copy a sheet under a new name."
            + " Makes a new revision.", "copy_sheet", Output.CHANGED_FILE);
    static final ToolDefinition INSERT_LINES = ToolDefinition.changes("insert_rows_or_columns", "Insert empty rows or"
            + " columns, moving the rest down or right; formulas follow. Makes a new revision.", "lines",
            Output.CHANGED_FILE);
    static final ToolDefinition DELETE_LINES = ToolDefinition.changes("delete_rows_or_columns", "Delete rows or"
            + " columns, moving the rest up or left; formulas follow. Makes a new revision.", "lines",
            Output.CHANGED_FILE);
    static final ToolDefinition LIST_REVISIONS = ToolDefinition.reads("list_revisions", "List the kept revisions of a"
            + " file, newest first. Changes nothing.", "file_ref", Output.REVISIONS);
    static final ToolDefinition RESTORE_REVISION = ToolDefinition.changes("restore_revision", "Make an earlier"
            + " revision current again (as a new revision; nothing is lost).", "restore_revision",
            Output.CHANGED_FILE);

    private final EditWorkbookUseCase edits;

    EditTools(EditWorkbookUseCase edits) {
        this.edits = Objects.requireNonNull(edits, "edits");
    }

    List<Tool> tools() {
        return List.of(SimpleTool.of(WRITE_RANGE, this::writeRange), SimpleTool.of(APPEND_ROWS, this::appendRows),
                SimpleTool.of(CREATE_SHEET, this::createSheet), SimpleTool.of(RENAME_SHEET, this::renameSheet),
                SimpleTool.of(DELETE_SHEET, this::deleteSheet), SimpleTool.of(CLEAR_RANGE, this::clearRange),
                SimpleTool.of(COPY_RANGE, this::copyRange), SimpleTool.of(SORT_RANGE, this::sortRange),
                SimpleTool.of(REPLACE_CELLS, this::replaceCells), SimpleTool.of(COPY_SHEET, this::copySheet),
                SimpleTool.of(INSERT_LINES, (c, a) -> lines(c, a, true)),
                SimpleTool.of(DELETE_LINES, (c, a) -> lines(c, a, false)),
                SimpleTool.of(LIST_REVISIONS, this::listRevisions),
                SimpleTool.of(RESTORE_REVISION, this::restoreRevision));
    }

    private McpSchema.CallToolResult writeRange(McpContext context, Args args) {
        String sheet = args.optionalString("sheet");
        CellRange start = CellRange.cell(args.requiredString("start_cell"));
        var rows = SheetInput.parseValues(sheet == null ? "(first sheet)" : sheet, start, args.raw("values"));
        return changed(context, edits.edit(context.owner(), args.requiredString("file"),
                new WorkbookEdit.WriteRange(sheet, start, rows)));
    }

    private McpSchema.CallToolResult appendRows(McpContext context, Args args) {
        String sheet = args.optionalString("sheet");
        var data = SheetInput.parseAppend(sheet == null ? "Sheet1" : sheet,
                LargeRequests.resolve(required(args, "data"), "'data'"), args.raw("headers"));
        return changed(context, edits.edit(context.owner(), args.requiredString("file"),
                new WorkbookEdit.AppendRows(sheet, data)));
    }

    private McpSchema.CallToolResult createSheet(McpContext context, Args args) {
        String name = SheetNames.requireValid(args.requiredString("sheet"));
        Object data = LargeRequests.resolve(args.raw("data"), "'data'");
        Object headers = args.raw("headers");
        var sheet = data == null && headers == null ? new dev.sheetsmith.domain.SheetData(name, List.of(), List.of())
                : SheetInput.parse(name, data, headers);
        return changed(context, edits.edit(context.owner(), args.requiredString("file"),
                new WorkbookEdit.CreateSheet(sheet)));
    }

    private McpSchema.CallToolResult renameSheet(McpContext context, Args args) {
        return changed(context, edits.edit(context.owner(), args.requiredString("file"),
                new WorkbookEdit.RenameSheet(args.requiredString("sheet"), args.requiredString("new_name"))));
    }

    private McpSchema.CallToolResult deleteSheet(McpContext context, Args args) {
        return changed(context, edits.edit(context.owner(), args.requiredString("file"),
                new WorkbookEdit.DeleteSheet(args.requiredString("sheet"))));
    }

    private McpSchema.CallToolResult clearRange(McpContext context, Args args) {
        return changed(context, edits.edit(context.owner(), args.requiredString("file"), new WorkbookEdit.ClearRange(
                args.optionalString("sheet"), CellRange.parse(args.requiredString("range")))));
    }

    private McpSchema.CallToolResult copyRange(McpContext context, Args args) {
        return changed(context, edits.edit(context.owner(), args.requiredString("file"), new WorkbookEdit.CopyRange(
                args.optionalString("sheet"), CellRange.parse(args.requiredString("source")),
                args.optionalString("target_sheet"), CellRange.cell(args.requiredString("target_cell")))));
    }

    private McpSchema.CallToolResult sortRange(McpContext context, Args args) {
        String range = args.optionalString("range");
        CellRange cells = range == null || range.isBlank() ? new CellRange(0, 0, CellRange.MAX_ROW,
                CellRange.MAX_COLUMN) : CellRange.parse(range);
        Object by = args.raw("by");
        List<?> keys = by instanceof List<?> list ? list : by instanceof String s ? List.of(s) : null;
        if (keys == null || keys.isEmpty()) {
            throw new InvalidInputException("'by' must list columns to sort by, e.g. [\"C desc\", \"A\"]");
        }
        List<WorkbookEdit.SortKey> sortKeys = new ArrayList<>();
        for (Object key : keys) {
            String text = String.valueOf(key).strip();
            Matcher m = SORT_KEY.matcher(text);
            if (!m.matches()) {
                throw new InvalidInputException("sort key '" + text + "' must be a column letter, optionally followed"
                        + " by asc or desc, e.g. \"C desc\"");
            }
            sortKeys.add(new WorkbookEdit.SortKey(CellRange.column(m.group(1).toUpperCase(Locale.ROOT), text),
                    m.group(2) == null || !m.group(2).toLowerCase(Locale.ROOT).startsWith("desc")));
        }
        Boolean header = args.optionalBoolean("has_header");
        return changed(context, edits.edit(context.owner(), args.requiredString("file"), new WorkbookEdit.SortRange(
                args.optionalString("sheet"), cells, sortKeys, header == null ? cells.firstRow() == 0 : header)));
    }

    private McpSchema.CallToolResult replaceCells(McpContext context, Args args) {
        String range = args.optionalString("range");
        return changed(context, edits.edit(context.owner(), args.requiredString("file"), new WorkbookEdit.ReplaceCells(
                args.optionalString("sheet"), range == null || range.isBlank() ? null : CellRange.parse(range),
                args.requiredString("find"), requiredText(args, "replace"),
                Boolean.TRUE.equals(args.optionalBoolean("match_case")),
                Boolean.TRUE.equals(args.optionalBoolean("whole_cell")))));
    }

    private McpSchema.CallToolResult copySheet(McpContext context, Args args) {
        return changed(context, edits.edit(context.owner(), args.requiredString("file"),
                new WorkbookEdit.CopySheet(args.requiredString("sheet"), args.requiredString("new_name"))));
    }

    private McpSchema.CallToolResult lines(McpContext context, Args args, boolean insert) {
        String kind = args.requiredString("kind");
        if (!kind.equals("rows") && !kind.equals("columns")) {
            throw new InvalidInputException("'kind' must be rows or columns, not '" + kind + "'");
        }
        String at = args.requiredString("at").strip();
        int position;
        if (kind.equals("rows")) {
            if (!at.matches("\\d{1,7}") || Integer.parseInt(at) < 1) {
                throw new InvalidInputException("'at' must be a row number such as 5 for rows, not '" + at + "'");
            }
            position = Integer.parseInt(at) - 1;
        } else {
            if (!at.matches("[A-Za-z]{1,3}")) {
                throw new InvalidInputException("'at' must be a column letter such as C for columns, not '" + at + "'");
            }
            position = CellRange.column(at.toUpperCase(Locale.ROOT), at);
        }
        return changed(context, edits.edit(context.owner(), args.requiredString("file"), new WorkbookEdit.ShiftLines(
                args.optionalString("sheet"), kind.equals("rows"), insert, position, args.optionalInt("count", 1))));
    }

    private static String requiredText(Args args, String name) {
        String value = args.optionalString(name);
        if (value == null) {
            throw new InvalidInputException("'" + name + "' is required (it may be empty text)");
        }
        return value;
    }

    private McpSchema.CallToolResult listRevisions(McpContext context, Args args) {
        List<FileRevision> revisions = edits.listRevisions(context.owner(), args.requiredString("file"));
        StringBuilder text = new StringBuilder("Kept revisions, newest first:\n");
        List<Results.Revision> entries = new ArrayList<>();
        for (FileRevision r : revisions) {
            text.append("- revision ").append(r.revision()).append(", ").append(r.created()).append(", ")
                    .append(ToolResults.humanSize(r.sizeBytes())).append(r.change() == null ? "" : ", " + r.change())
                    .append('\n');
            entries.add(Results.Revision.of(r));
        }
        return FileTools.ok(text.toString(), new Results.Revisions(entries));
    }

    private McpSchema.CallToolResult restoreRevision(McpContext context, Args args) {
        int revision = args.optionalInt("revision", -1);
        if (revision < 1) {
            throw new dev.sheetsmith.domain.InvalidInputException("'revision' is required: a number from list_revisions");
        }
        return changed(context, edits.restoreRevision(context.owner(), args.requiredString("file"), revision));
    }

    private static Object required(Args args, String name) {
        Object value = args.raw(name);
        if (value == null) {
            throw new dev.sheetsmith.domain.InvalidInputException("'" + name + "' is required");
        }
        return value;
    }

    static McpSchema.CallToolResult changed(McpContext context, EditWorkbookUseCase.Edited edited) {
        StoredFile file = edited.file();
        McpContext.Location location = context.locate(file, edited.link());
        String text = "Changed " + file.name() + ": " + edited.summary() + ". It is now revision " + file.revision()
                + ".\n\n" + location.markdown(location.onDisk() ? file.name() : "Download " + file.name());
        return FileTools.ok(text, Results.FileResult.at(file, location).changed(edited.summary()));
    }
}
