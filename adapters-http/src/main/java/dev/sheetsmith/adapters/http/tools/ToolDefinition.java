package dev.sheetsmith.adapters.http.tools;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a caller can know about one tool, in one place: its name, description, whether a call
 * changes a file (then it is audited), the input schema (whose property names are also the arguments
 * {@link Args} accepts, nested objects included) and the output schema its structuredContent follows.
 * MCP's tools/list, /openapi.json and the argument checks all read this; nothing else lists a tool's
 * arguments.
 *
 * @param aliases argument names a tool also takes without advertising them (the Excel Tools server's
 *     older spellings), so that a client written against it keeps working
 * @param fieldNames the argument each domain field an error may name stands for, where the names
 *     differ ('maxCells' is 'max_cells'): the domain speaks its own language, the caller reads theirs
 */
public record ToolDefinition(String name, String title, String description, Effect effect,
        Map<String, Object> inputSchema, Output output, Set<String> aliases, Map<String, String> fieldNames) {

    /** Whether a successful call changes a file (and is written to the audit log). */
    public enum Effect { READS, CHANGES }

    /**
     * The shapes a tool's structuredContent takes, each with its schema file beside the input schemas;
     * the result records that make them are in {@link Results}.
     */
    public enum Output {
        /** A new file: create_excel_file, export_file, import_file. */
        CREATED_FILE("file_result"),
        /** A changed file and what changed: every edit tool. */
        CHANGED_FILE("changed_file"),
        /** A file's entry: delete_file. */
        FILE("file"),
        /** A file's entry and a fresh link: get_download_link. */
        FILE_LINK("file_link"),
        FILE_LIST("file_list"),
        WORKBOOK("workbook"),
        SHEET("sheet_details"),
        /** get_excel_info: the workbook, or with a sheet named, that sheet. */
        WORKBOOK_OR_SHEET("workbook_or_sheet"),
        RANGE("range_read"),
        MATCHES("cell_matches"),
        REVISIONS("revisions"),
        FORMATS("formats");

        private final Map<String, Object> schema;

        Output(String file) {
            this.schema = load(file + ".output.json");
        }

        public Map<String, Object> schema() {
            return schema;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public ToolDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(effect, "effect");
        Objects.requireNonNull(inputSchema, "inputSchema");
        Objects.requireNonNull(output, "output");
        aliases = Set.copyOf(aliases);
        fieldNames = Map.copyOf(fieldNames);
    }

    /** A tool that only looks; its input schema is {@code input}.input.json. */
    static ToolDefinition reads(String name, String description, String input, Output output) {
        return new ToolDefinition(name, null, description, Effect.READS, load(input + ".input.json"), output,
                Set.of(), Map.of());
    }

    /** A tool that changes (or makes, or deletes) a file; its input schema is {@code input}.input.json. */
    static ToolDefinition changes(String name, String description, String input, Output output) {
        return new ToolDefinition(name, null, description, Effect.CHANGES, load(input + ".input.json"), output,
                Set.of(), Map.of());
    }

    ToolDefinition titled(String newTitle) {
        return new ToolDefinition(name, newTitle, description, effect, inputSchema, output, aliases, fieldNames);
    }

    ToolDefinition alsoTaking(String... names) {
        Set<String> all = new LinkedHashSet<>(aliases);
        all.addAll(List.of(names));
        return new ToolDefinition(name, title, description, effect, inputSchema, output, all, fieldNames);
    }

    /** The same tool, whose errors name argument {@code pairs[i + 1]} where the domain says field {@code pairs[i]}. */
    ToolDefinition naming(String... pairs) {
        Map<String, String> all = new java.util.LinkedHashMap<>(fieldNames);
        for (int i = 0; i < pairs.length; i += 2) {
            all.put(pairs[i], pairs[i + 1]);
        }
        return new ToolDefinition(name, title, description, effect, inputSchema, output, aliases, all);
    }

    /** An error of the domain's (or a port's) in this tool's argument names. */
    public String inCallersWords(String message) {
        return ArgumentNames.renamed(message, fieldNames);
    }

    public boolean changesFiles() {
        return effect == Effect.CHANGES;
    }

    public Map<String, Object> outputSchema() {
        return output.schema();
    }

    /** The argument names a call may give: the input schema's properties and the aliases. */
    public Set<String> arguments() {
        Set<String> names = new LinkedHashSet<>(properties(inputSchema));
        names.addAll(aliases);
        return names;
    }

    /** The definition as MCP's tools/list gives it. */
    public McpSchema.Tool mcp() {
        return McpSchema.Tool.builder().name(name).title(title).description(description).inputSchema(inputSchema)
                .outputSchema(output.schema()).build();
    }

    /** The property names of an object schema, or of the object items of an array schema. */
    @SuppressWarnings("unchecked")
    static Set<String> properties(Map<String, Object> schema) {
        if (schema == null) {
            return Set.of();
        }
        Object items = schema.get("items");
        if (items instanceof Map<?, ?> item && !schema.containsKey("properties")) {
            return properties((Map<String, Object>) item);
        }
        Object props = schema.get("properties");
        return props instanceof Map<?, ?> map ? (Set<String>) map.keySet() : Set.of();
    }

    /** The schema of property {@code name} of an object schema, or null. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> property(Map<String, Object> schema, String name) {
        if (schema == null) {
            return null;
        }
        Object props = schema.get("properties");
        Object property = props instanceof Map<?, ?> map ? map.get(name) : null;
        return property instanceof Map<?, ?> p ? (Map<String, Object>) p : null;
    }

    static Map<String, Object> load(String file) {
        try (InputStream in = ToolDefinition.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("tool schema " + file + " is missing from the classpath");
            }
            return JSON.readValue(in, new TypeReference<Map<String, Object>>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
