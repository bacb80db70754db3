package dev.sheetsmith.adapters.http;

import dev.sheetsmith.domain.Owner;
import io.modelcontextprotocol.common.McpTransportContext;
import java.util.Map;

/** What the transport tells a tool about the request it serves. */
record McpContext(Owner owner, String sessionId, String baseUrl) {

    private static final String KEY = "sheetsmith.request";

    McpTransportContext toTransportContext() {
        return McpTransportContext.create(Map.of(KEY, this));
    }

    static McpContext from(McpTransportContext context) {
        Object value = context == null ? null : context.get(KEY);
        if (value instanceof McpContext mcp) {
            return mcp;
        }
        throw new IllegalStateException("tool called outside a Sheetsmith MCP request");
    }
}
