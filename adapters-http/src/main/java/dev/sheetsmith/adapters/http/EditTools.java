package dev.sheetsmith.adapters.http;

import dev.sheetsmith.domain.CellRange;
import dev.sheetsmith.domain.FileRevision;
import dev.sheetsmith.domain.SheetInput;
import dev.sheetsmith.domain.SheetNames;
import dev.sheetsmith.domain.StoredFile;
import dev.sheetsmith.domain.WorkbookEdit;
import dev.sheetsmith.ports.in.EditWorkbookUseCase;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The tools that change a workbook; each makes a new revision and answers with a fresh link. */
final class EditTools {

    private final EditWorkbookUseCase edits;
    private final ToolSchemas schemas;

    EditTools(EditWorkbookUseCase edits, ToolSchemas schemas) {
        this.edits = Objects.requireNonNull(edits, "edits");
        this.schemas = Objects.requireNonNull(schemas, "schemas");
    }

    List<McpTool> tools() {
        return List.of(
                SimpleTool.of(schemas, "write_range", "Write rows of values into a sheet from a start cell (text"
                        + " starting with = is a formula). Makes a new revision.", "write_range.input.json",
                        Set.of("file", "sheet", "start_cell", "values"), this::writeRange),
                SimpleTool.of(schemas, "append_rows", "Add rows after a sheet's last used row, matching records to"
                        + " the header row. Makes a new revision.", "append_rows.input.json",
                        Set.of("file", "sheet", "data", "headers"), this::appendRows),
                SimpleTool.of(schemas, "create_sheet", "Add a sheet, empty or with data. Makes a new revision.",
                        "create_sheet.input.json", Set.of("file", "sheet", "data", "headers"), this::createSheet),
                SimpleTool.of(schemas, "rename_sheet", "Rename a sheet; formulas that refer to it follow. Makes a new"
                        + " revision.", "rename_sheet.input.json", Set.of("file", "sheet", "new_name"), this::renameSheet),
                SimpleTool.of(schemas, "delete_sheet", "Delete a sheet (not the last one). Makes a new revision.",
                        "sheet_ref.input.json", Set.of("file", "sheet"), this::deleteSheet),
                SimpleTool.of(schemas, "list_revisions", "List the kept revisions of a file, newest first. Changes"
                        + " nothing.", "file_ref.input.json", Set.of("file"), this::listRevisions),
                SimpleTool.of(schemas, "restore_revision", "Make an earlier revision current again (as a new"
                        + " revision; nothing is lost).", "restore_revision.input.json", Set.of("file", "revision"),
                        this::restoreRevision));
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
        var data = SheetInput.parseAppend(sheet == null ? "Sheet1" : sheet, required(args, "data"), args.raw("headers"));
        return changed(context, edits.edit(context.owner(), args.requiredString("file"),
                new WorkbookEdit.AppendRows(sheet, data)));
    }

    private McpSchema.CallToolResult createSheet(McpContext context, Args args) {
        String name = SheetNames.requireValid(args.requiredString("sheet"));
        Object data = args.raw("data");
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

    private McpSchema.CallToolResult listRevisions(McpContext context, Args args) {
        List<FileRevision> revisions = edits.listRevisions(context.owner(), args.requiredString("file"));
        StringBuilder text = new StringBuilder("Kept revisions, newest first:\n");
        List<Map<String, Object>> entries = new ArrayList<>();
        for (FileRevision r : revisions) {
            text.append("- revision ").append(r.revision()).append(", ").append(r.created()).append(", ")
                    .append(ToolResults.humanSize(r.sizeBytes())).append(r.change() == null ? "" : ", " + r.change())
                    .append('\n');
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("revision", r.revision());
            entry.put("created", r.created().toString());
            entry.put("sizeBytes", r.sizeBytes());
            entry.put("sha256", r.sha256());
            entry.put("change", r.change());
            entries.add(entry);
        }
        return FileTools.ok(text.toString(), Map.of("revisions", entries));
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
        String url = context.baseUrl() + edited.link().pathAndQuery();
        String text = "Changed " + file.name() + ": " + edited.summary() + ". It is now revision " + file.revision()
                + ".\n\n[Download " + file.name() + "](" + url + ")";
        Map<String, Object> structured = FileTools.fileEntry(file);
        structured.put("summary", edited.summary());
        structured.put("downloadUrl", url);
        structured.put("expiresAt", edited.link().expires().toString());
        return FileTools.ok(text, structured);
    }
}
