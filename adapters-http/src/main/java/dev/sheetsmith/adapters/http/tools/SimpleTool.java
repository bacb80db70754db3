package dev.sheetsmith.adapters.http.tools;

import dev.sheetsmith.adapters.http.mcp.McpContext;
import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.NotFoundException;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/** A tool made of a definition and a body; bad input and unknown files become tool errors. */
final class SimpleTool implements McpTool {

    private final McpSchema.Tool definition;
    private final Set<String> allowed;
    private final BiFunction<McpContext, Args, McpSchema.CallToolResult> body;

    private SimpleTool(McpSchema.Tool definition, Set<String> allowed,
            BiFunction<McpContext, Args, McpSchema.CallToolResult> body) {
        this.definition = definition;
        this.allowed = allowed;
        this.body = body;
    }

    static McpTool of(ToolSchemas schemas, String name, String description, String inputSchema, Set<String> allowed,
            BiFunction<McpContext, Args, McpSchema.CallToolResult> body) {
        McpSchema.Tool definition = McpSchema.Tool.builder().name(name).description(description)
                .inputSchema(schemas.load(inputSchema)).outputSchema(schemas.load("any.output.json")).build();
        return new SimpleTool(definition, allowed, body);
    }

    @Override
    public McpSchema.Tool definition() {
        return definition;
    }

    @Override
    public McpSchema.CallToolResult call(McpContext context, Map<String, Object> arguments) {
        try {
            return body.apply(context, new Args(definition.name(), arguments, allowed));
        } catch (InvalidInputException | NotFoundException e) {
            return ToolResults.error(e.getMessage());
        }
    }
}
