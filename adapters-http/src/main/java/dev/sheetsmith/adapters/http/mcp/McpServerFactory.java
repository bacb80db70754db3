package dev.sheetsmith.adapters.http.mcp;

import dev.sheetsmith.adapters.http.tools.Tool;
import dev.sheetsmith.adapters.http.tools.ToolProfile;
import dev.sheetsmith.adapters.http.tools.ToolRegistry;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.StoredFile;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the MCP server: the tool registry on the SDK's stateless server, behind our transport; or
 * on the SDK's stdio transport for clients that start a process (one user: the owner 'local').
 */
public final class McpServerFactory {

    private static final String INSTRUCTIONS = "Sheetsmith creates Excel workbooks and answers with a download link."
            + " Give the user the link from the tool result as it is.";

    /** Where a stored file is on this computer, for stdio without an HTTP server to link to. */
    @FunctionalInterface
    public interface LocalFiles {
        Path pathOf(StoredFile file);
    }

    private final McpJsonMapper json;
    private final String version;

    public McpServerFactory(McpJsonMapper json, String version) {
        this.json = Objects.requireNonNull(json, "json");
        this.version = Objects.requireNonNull(version, "version");
    }

    public McpStatelessSyncServer build(McpEndpointServlet transport, ToolRegistry registry, Duration requestTimeout) {
        List<Tool> tools = registry.tools();
        Map<ToolProfile, List<McpSchema.Tool>> lists = new java.util.EnumMap<>(ToolProfile.class);
        for (ToolProfile profile : ToolProfile.values()) {
            lists.put(profile, profile.tools(registry));
        }
        transport.useToolLists(lists);
        List<McpStatelessServerFeatures.SyncToolSpecification> specs = tools.stream().map(t -> spec(registry, t))
                .toList();
        return McpServer.sync(transport).jsonMapper(json).serverInfo("sheetsmith", version)
                .instructions(INSTRUCTIONS)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).logging().build())
                // Our tools validate their own arguments, with errors that name sheet, row and column.
                .validateToolInputs(false)
                .requestTimeout(requestTimeout).tools(specs).build();
    }

    /**
     * The same tools over {@code transport} (the SDK's stdio provider), all as the owner 'local'.
     * Links point at {@code baseUrl} (a running HTTP server) when given, else results name the file's path
     * through {@code localFiles}.
     */
    public McpSyncServer buildStdio(McpServerTransportProvider transport, ToolRegistry registry,
            Duration requestTimeout, String baseUrl, LocalFiles localFiles) {
        if ((baseUrl == null) == (localFiles == null)) {
            throw new IllegalArgumentException("stdio needs either a base URL or the local file paths, not both");
        }
        McpContext context = new McpContext(Owner.LOCAL, null, baseUrl, localFiles);
        List<McpServerFeatures.SyncToolSpecification> specs = registry.tools().stream()
                .map(t -> McpServerFeatures.SyncToolSpecification.builder().tool(t.definition().mcp())
                        .callHandler((exchange, request) -> registry.call(t.definition().name(), context,
                                request.arguments() == null ? Map.of() : request.arguments()))
                        .build())
                .toList();
        return McpServer.sync(transport).jsonMapper(json).serverInfo("sheetsmith", version)
                .instructions(localFiles == null ? INSTRUCTIONS : "Sheetsmith creates Excel workbooks on this"
                        + " computer and answers with the file's path. Give the user the path from the tool result.")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).logging().build())
                .validateToolInputs(false)
                .requestTimeout(requestTimeout).tools(specs).build();
    }

    private McpStatelessServerFeatures.SyncToolSpecification spec(ToolRegistry registry, Tool tool) {
        String name = tool.definition().name();
        return new McpStatelessServerFeatures.SyncToolSpecification(tool.definition().mcp(), (ctx, request) ->
                registry.call(name, McpContext.from(ctx), request.arguments() == null ? Map.of() : request.arguments()));
    }
}
