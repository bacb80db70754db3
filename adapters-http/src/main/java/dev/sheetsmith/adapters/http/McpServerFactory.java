package dev.sheetsmith.adapters.http;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Builds the MCP server: the tool registry on the SDK's stateless server, behind our transport. */
public final class McpServerFactory {

    private final McpJsonMapper json;
    private final String version;

    public McpServerFactory(McpJsonMapper json, String version) {
        this.json = Objects.requireNonNull(json, "json");
        this.version = Objects.requireNonNull(version, "version");
    }

    public McpStatelessSyncServer build(McpEndpointServlet transport, ToolRegistry registry, Duration requestTimeout) {
        List<McpTool> tools = registry.tools();
        List<McpStatelessServerFeatures.SyncToolSpecification> specs = tools.stream().map(t -> spec(registry, t))
                .toList();
        return McpServer.sync(transport).jsonMapper(json).serverInfo("sheetsmith", version)
                .instructions("Sheetsmith creates Excel workbooks and answers with a download link."
                        + " Give the user the link from the tool result as it is.")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).logging().build())
                // Our tools validate their own arguments, with errors that name sheet, row and column.
                .validateToolInputs(false)
                .requestTimeout(requestTimeout).tools(specs).build();
    }

    private McpStatelessServerFeatures.SyncToolSpecification spec(ToolRegistry registry, McpTool tool) {
        String name = tool.definition().name();
        return new McpStatelessServerFeatures.SyncToolSpecification(tool.definition(), (ctx, request) ->
                registry.call(name, McpContext.from(ctx), request.arguments() == null ? Map.of() : request.arguments()));
    }
}
