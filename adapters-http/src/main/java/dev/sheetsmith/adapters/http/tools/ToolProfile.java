package dev.sheetsmith.adapters.http.tools;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which tools tools/list offers. The list goes to the model with every chat message: every tool in
 * full is about 80 KB (some 20k tokens), more than a local model with an 8k context can hold.
 * {@link #COMPACT} lists the tools for create, read, write, append, describe, format, chart, list and
 * link, each with its first sentence, its main arguments and their first sentences, and no output
 * schema, in under 10 KB. Only the listing changes: every tool stays callable with every argument
 * (a client that knows more than it was shown still works).
 */
public enum ToolProfile {
    FULL,
    COMPACT;

    /** Tools in the compact list, in order, with the arguments shown (empty: all of them). */
    private static final Map<String, List<String>> COMPACT_TOOLS = compactTools();

    private static Map<String, List<String>> compactTools() {
        Map<String, List<String>> tools = new LinkedHashMap<>();
        tools.put("create_excel_file", List.of("filename", "sheet_name", "data", "headers", "sheets"));
        tools.put("list_files", List.of());
        tools.put("describe_workbook", List.of());
        tools.put("read_range", List.of());
        tools.put("write_range", List.of());
        tools.put("append_rows", List.of());
        tools.put("format_range", List.of());
        tools.put("create_chart", List.of("file", "sheet", "type", "data_range", "title", "anchor"));
        tools.put("get_download_link", List.of());
        return tools;
    }

    /** The profile named {@code name} (full or compact, any case); empty when there is none such. */
    public static Optional<ToolProfile> named(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "full" -> Optional.of(FULL);
            case "compact" -> Optional.of(COMPACT);
            default -> Optional.empty();
        };
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The tools as this profile's tools/list gives them. */
    public List<McpSchema.Tool> tools(ToolRegistry registry) {
        return tools(registry.definitions());
    }

    /** The tools of {@code definitions} (in tools/list order) as this profile lists them. */
    public List<McpSchema.Tool> tools(List<ToolDefinition> definitions) {
        if (this == FULL) {
            return definitions.stream().map(ToolDefinition::mcp).toList();
        }
        Map<String, ToolDefinition> byName = new LinkedHashMap<>();
        definitions.forEach(d -> byName.putIfAbsent(d.name(), d));
        List<McpSchema.Tool> tools = new ArrayList<>();
        COMPACT_TOOLS.forEach((name, shown) -> Optional.ofNullable(byName.get(name))
                .ifPresent(d -> tools.add(McpSchema.Tool.builder().name(d.name()).title(d.title())
                        .description(firstSentence(d.description())).inputSchema(compact(d.inputSchema(), shown))
                        .build())));
        return tools;
    }

    /** The object schema with only the {@code shown} properties (empty: all), short descriptions at the top only. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> compact(Map<String, Object> schema, List<String> shown) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> properties = new LinkedHashMap<>();
        if (schema.get("properties") instanceof Map<?, ?> all) {
            all.forEach((name, property) -> {
                if ((shown.isEmpty() || shown.contains(name)) && property instanceof Map<?, ?> p) {
                    Map<String, Object> slim = (Map<String, Object>) withoutDescriptions(p);
                    if (p.get("description") instanceof String text) {
                        Map<String, Object> described = new LinkedHashMap<>();
                        described.putAll(slim);
                        described.put("description", firstSentence(text));
                        slim = described;
                    }
                    properties.put((String) name, slim);
                }
            });
        }
        out.put("type", "object");
        out.put("properties", properties);
        if (schema.get("required") instanceof List<?> required) {
            out.put("required", required.stream().filter(properties::containsKey).toList());
        }
        return out;
    }

    private static Object withoutDescriptions(Object schema) {
        if (schema instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((key, value) -> {
                if (!"description".equals(key) && !"title".equals(key)) {
                    out.put((String) key, withoutDescriptions(value));
                }
            });
            return out;
        }
        if (schema instanceof List<?> list) {
            return list.stream().map(ToolProfile::withoutDescriptions).toList();
        }
        return schema;
    }

    /** Up to the first full stop that ends a sentence (not one inside e.g. "employees.xlsx"). */
    static String firstSentence(String text) {
        for (int i = text.indexOf(". "); i >= 0; i = text.indexOf(". ", i + 1)) {
            if (Character.isUpperCase(text.charAt(i + 2)) || text.charAt(i + 2) == '(') {
                return text.substring(0, i + 1);
            }
        }
        return text;
    }
}
