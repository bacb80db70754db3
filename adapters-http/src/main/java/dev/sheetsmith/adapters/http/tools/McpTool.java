package dev.sheetsmith.adapters.http.tools;

import io.modelcontextprotocol.spec.McpSchema;
import dev.sheetsmith.adapters.http.mcp.McpContext;
import java.util.Map;

/** One tool in the registry: its definition for tools/list and what a call does. */
public interface McpTool {

    McpSchema.Tool definition();

    McpSchema.CallToolResult call(McpContext context, Map<String, Object> arguments);
}
