package dev.sheetsmith.adapters.http.tools;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;

/** JSON schemas of the tools, kept as files beside the code: one source for MCP and (later) OpenAPI. */
final class ToolSchemas {

    private final McpJsonMapper json;

    ToolSchemas(McpJsonMapper json) {
        this.json = Objects.requireNonNull(json, "json");
    }

    Map<String, Object> load(String file) {
        try (InputStream in = ToolSchemas.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("tool schema " + file + " is missing from the classpath");
            }
            return json.readValue(in.readAllBytes(), new TypeRef<Map<String, Object>>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
