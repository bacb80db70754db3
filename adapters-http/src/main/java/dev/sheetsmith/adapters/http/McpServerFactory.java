package dev.sheetsmith.adapters.http;

import dev.sheetsmith.ports.in.CreateWorkbookUseCase;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the MCP server: the tool registry on the SDK's stateless server, behind our transport. */
public final class McpServerFactory {

    private static final Logger LOG = LoggerFactory.getLogger(McpServerFactory.class);

    private final McpJsonMapper json;
    private final String version;

    public McpServerFactory(McpJsonMapper json, String version) {
        this.json = Objects.requireNonNull(json, "json");
        this.version = Objects.requireNonNull(version, "version");
    }

    public McpStatelessSyncServer build(McpEndpointServlet transport, CreateWorkbookUseCase createWorkbook,
            Duration requestTimeout) {
        ToolSchemas schemas = new ToolSchemas(json);
        List<McpTool> tools = List.of(new CreateExcelFileTool(createWorkbook, schemas));
        List<McpStatelessServerFeatures.SyncToolSpecification> specs = tools.stream().map(this::spec).toList();
        return McpServer.sync(transport).jsonMapper(json).serverInfo("sheetsmith", version)
                .instructions("Sheetsmith creates Excel workbooks and answers with a download link."
                        + " Give the user the link from the tool result as it is.")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).logging().build())
                // Our tools validate their own arguments, with errors that name sheet, row and column.
                .validateToolInputs(false)
                .requestTimeout(requestTimeout).tools(specs).build();
    }

    private McpStatelessServerFeatures.SyncToolSpecification spec(McpTool tool) {
        return new McpStatelessServerFeatures.SyncToolSpecification(tool.definition(), (ctx, request) -> {
            try {
                return tool.call(McpContext.from(ctx), request.arguments() == null ? java.util.Map.of()
                        : request.arguments());
            } catch (RuntimeException e) {
                LOG.error("tool {} failed", tool.definition().name(), e);
                return ToolResults.error("The tool " + tool.definition().name()
                        + " failed on the server; nothing was changed. Try again, and tell the operator if it persists.");
            }
        });
    }
}
