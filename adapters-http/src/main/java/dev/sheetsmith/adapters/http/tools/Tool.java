package dev.sheetsmith.adapters.http.tools;

import dev.sheetsmith.adapters.http.mcp.McpContext;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;

/** One tool in the registry: its definition and what a call does. */
public interface Tool {

    ToolDefinition definition();

    McpSchema.CallToolResult call(McpContext context, Map<String, Object> arguments);
}
