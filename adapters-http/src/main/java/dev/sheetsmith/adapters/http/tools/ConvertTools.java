package dev.sheetsmith.adapters.http.tools;

import dev.sheetsmith.adapters.http.mcp.McpContext;
import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.ports.in.ConvertFilesUseCase;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** list_formats, export_file and import_file over the format plugins. */
final class ConvertTools {

    private final ConvertFilesUseCase convert;
    private final ToolSchemas schemas;

    ConvertTools(ConvertFilesUseCase convert, ToolSchemas schemas) {
        this.convert = Objects.requireNonNull(convert, "convert");
        this.schemas = Objects.requireNonNull(schemas, "schemas");
    }

    List<McpTool> tools() {
        return List.of(
                SimpleTool.of(schemas, "list_formats", "List the file formats this server can write (and read).",
                        "list_files.input.json", Set.of(), this::listFormats),
                SimpleTool.of(schemas, "export_file", "Save a copy of one of your files in another format (e.g. csv"
                        + " or ods) and return its link. The original is unchanged.", "export_file.input.json",
                        Set.of("file", "format", "sheet"), this::export),
                SimpleTool.of(schemas, "import_file", "Store an uploaded csv, ods or xlsx file (base64) as an xlsx"
                        + " workbook you can read and edit.", "import_file.input.json",
                        Set.of("filename", "content_base64", "format"), this::importFile));
    }

    private McpSchema.CallToolResult listFormats(McpContext context, Args args) {
        List<Map<String, Object>> list = new ArrayList<>();
        StringBuilder text = new StringBuilder("Formats:\n");
        for (ConvertFilesUseCase.FormatInfo f : convert.formats()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", f.id());
            entry.put("extension", f.extension());
            entry.put("mediaType", f.mediaType());
            entry.put("description", f.description());
            entry.put("canImport", f.canRead());
            entry.put("maxSheets", f.maxSheets() == Integer.MAX_VALUE ? null : f.maxSheets());
            entry.put("source", f.source());
            list.add(entry);
            text.append("- ").append(f.id()).append(" (.").append(f.extension()).append("): ").append(f.description())
                    .append(f.canRead() ? "; can be imported" : "").append('\n');
        }
        return FileTools.ok(text.toString(), Map.of("formats", list));
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
