package dev.sheetsmith.adapters.http.tools;

import dev.sheetsmith.adapters.http.mcp.McpContext;
import dev.sheetsmith.adapters.http.tools.ToolDefinition.Output;
import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.ports.in.ConvertFilesUseCase;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/** list_formats, export_file and import_file over the format plugins. */
final class ConvertTools {

    static final ToolDefinition LIST_FORMATS = ToolDefinition.reads("list_formats", "List the file formats this"
            + " server can write (and read).", "list_files", Output.FORMATS);
    static final ToolDefinition EXPORT_FILE = ToolDefinition.changes("export_file", "Save a copy of one of your files"
            + " in another format (e.g. csv or ods; pdf where the server has LibreOffice, see list_formats) and return"
            + " its link. The original is unchanged.", "export_file",
            Output.CREATED_FILE);
    static final ToolDefinition IMPORT_FILE = ToolDefinition.changes("import_file", "Store an uploaded csv, ods or"
            + " xlsx file (base64) as an xlsx workbook you can read and edit.", "import_file", Output.CREATED_FILE);

    private final ConvertFilesUseCase convert;

    ConvertTools(ConvertFilesUseCase convert) {
        this.convert = Objects.requireNonNull(convert, "convert");
    }

    List<Tool> tools() {
        return List.of(SimpleTool.of(LIST_FORMATS, this::listFormats), SimpleTool.of(EXPORT_FILE, this::export),
                SimpleTool.of(IMPORT_FILE, this::importFile));
    }

    private McpSchema.CallToolResult listFormats(McpContext context, Args args) {
        List<Results.Format> list = new ArrayList<>();
        StringBuilder text = new StringBuilder("Formats:\n");
        for (ConvertFilesUseCase.FormatInfo f : convert.formats()) {
            list.add(Results.Format.of(f));
            text.append("- ").append(f.id()).append(" (.").append(f.extension()).append("): ").append(f.description())
                    .append(f.canRead() ? "; can be imported" : "").append('\n');
        }
        return FileTools.ok(text.toString(), new Results.Formats(list));
    }

    private McpSchema.CallToolResult export(McpContext context, Args args) {
        return ToolResults.created(convert.exportFile(context.owner(), args.requiredString("file"),
                args.requiredString("format"), args.optionalString("sheet")), context);
    }

    private McpSchema.CallToolResult importFile(McpContext context, Args args) {
        byte[] content;
        try {
            content = Base64.getMimeDecoder().decode(args.requiredString("content_base64"));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("'content_base64' is not valid base64");
        }
        return ToolResults.created(convert.importFile(context.owner(), args.requiredString("filename"), content,
                args.optionalString("format")), context);
    }
}
