package dev.sheetsmith.adapters.http.tools;

import dev.sheetsmith.adapters.http.mcp.McpContext;
import dev.sheetsmith.adapters.http.tools.ToolDefinition.Output;
import dev.sheetsmith.ports.in.ImportChatFileUseCase;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Objects;

/** import_from_openwebui: a file the user attached in an Open-WebUI chat, stored as import_file stores an upload. */
final class ChatFileTools {

    static final ToolDefinition IMPORT_FROM_OPENWEBUI = ToolDefinition.changes("import_from_openwebui", "Store a"
            + " spreadsheet the user attached to an Open-WebUI chat message (xlsx, xlsm, csv or ods) as a workbook you"
            + " can read and edit, by its file id. Fetched from the Open-WebUI server this Sheetsmith is set up"
            + " with; returns the stored file and its link.", "import_from_openwebui", Output.CREATED_FILE)
            .naming("fileId", "file_id");

    private final ImportChatFileUseCase chatFiles;

    ChatFileTools(ImportChatFileUseCase chatFiles) {
        this.chatFiles = Objects.requireNonNull(chatFiles, "chatFiles");
    }

    List<Tool> tools() {
        return List.of(SimpleTool.of(IMPORT_FROM_OPENWEBUI, this::importFromOpenWebUi));
    }

    private McpSchema.CallToolResult importFromOpenWebUi(McpContext context, Args args) {
        return ToolResults.created(chatFiles.importChatFile(context.owner(), args.requiredString("file_id"),
                args.optionalString("name")), context);
    }
}
