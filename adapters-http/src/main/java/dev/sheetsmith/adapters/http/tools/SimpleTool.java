package dev.sheetsmith.adapters.http.tools;

import dev.sheetsmith.adapters.http.mcp.McpContext;
import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.NotFoundException;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * A tool made of its definition and a body that reads the arguments the definition allows; bad input
 * and unknown files become tool errors.
 */
final class SimpleTool implements Tool {

    private final ToolDefinition definition;
    private final BiFunction<McpContext, Args, McpSchema.CallToolResult> body;

    private SimpleTool(ToolDefinition definition, BiFunction<McpContext, Args, McpSchema.CallToolResult> body) {
        this.definition = Objects.requireNonNull(definition, "definition");
        this.body = Objects.requireNonNull(body, "body");
    }

    static Tool of(ToolDefinition definition, BiFunction<McpContext, Args, McpSchema.CallToolResult> body) {
        return new SimpleTool(definition, body);
    }

    @Override
    public ToolDefinition definition() {
        return definition;
    }

    @Override
    public McpSchema.CallToolResult call(McpContext context, Map<String, Object> arguments) {
        try {
            return body.apply(context, new Args(definition, arguments));
        } catch (InvalidInputException | NotFoundException e) {
            return ToolResults.error(definition.inCallersWords(e.getMessage()));
        }
    }
}
