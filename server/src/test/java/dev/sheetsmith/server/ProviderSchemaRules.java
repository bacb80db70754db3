package dev.sheetsmith.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules a tool's input schema must follow for the function-calling APIs of OpenAI and Gemini to
 * take it: a schema one of them refuses fails the user's whole chat request, not just that tool.
 *
 * <p>OpenAI (function calling, chat completions and responses): {@code parameters} is a JSON Schema
 * whose root is an object; the API answers 400 {@code invalid_function_parameters} for "array schema
 * missing items". The Structured Outputs guide documents its limits: at most 10 levels of nesting,
 * 5000 properties in all, 1000 enum values.
 *
 * <p>Gemini (FunctionDeclaration.parameters): a Schema, "a select subset of an OpenAPI 3.0 schema
 * object" with exactly the fields type, format, title, description, nullable, enum, maxItems,
 * minItems, properties, required, minProperties, maxProperties, minLength, maxLength, pattern,
 * example, anyOf, propertyOrdering, default, items, minimum and maximum; an unknown field such as
 * additionalProperties is answered "Unknown name ...: Cannot find field". type is one value of the
 * Type enum (STRING, NUMBER, INTEGER, BOOLEAN, ARRAY, OBJECT; NULL is missing from some versions);
 * enum holds strings; an OBJECT needs non-empty properties ("should be non-empty for OBJECT type"),
 * and properties/required are "only allowed for OBJECT type". A function without parameters leaves
 * parameters unset, so an empty root object is a tool without arguments, not an error.
 *
 * <p>Ours on top: every value says what it is, with one type or an anyOf of typed schemas.
 */
final class ProviderSchemaRules {

    private static final Set<String> GEMINI_FIELDS = Set.of("type", "format", "title", "description", "nullable",
            "enum", "maxItems", "minItems", "properties", "required", "minProperties", "maxProperties", "minLength",
            "maxLength", "pattern", "example", "anyOf", "propertyOrdering", "default", "items", "minimum", "maximum");
    private static final Set<String> TYPES = Set.of("string", "number", "integer", "boolean", "array", "object");
    private static final Set<String> GEMINI_STRING_FORMATS = Set.of("enum", "date-time");
    private static final int MAX_DEPTH = 10;
    private static final int MAX_PROPERTIES = 5000;
    private static final int MAX_ENUM = 1000;

    private ProviderSchemaRules() {
    }

    /** What breaks a rule in one tool's input schema; empty when both providers take it. */
    static List<String> violations(String tool, JsonNode schema) {
        return violations(tool, schema, false);
    }

    /**
     * The same rules for an output schema, with the two things a result has that an input does not: a
     * value that may be null (an anyOf of typed schemas and {"type": "null"}, the form OpenAI's
     * Structured Outputs take for optional values and JSON Schema 2020-12 validators check), and a map
     * (an object whose keys are data, such as column letters, so it lists no properties).
     */
    static List<String> outputViolations(String tool, JsonNode schema) {
        return violations(tool, schema, true);
    }

    private static List<String> violations(String tool, JsonNode schema, boolean output) {
        List<String> found = new ArrayList<>();
        if (!"object".equals(schema.path("type").asText()) || schema.has("anyOf")) {
            found.add(tool + ": the root must be a plain object schema (OpenAI, Gemini)");
        }
        int[] properties = {0};
        walk(tool, schema, 0, true, output, found, properties);
        if (properties[0] > MAX_PROPERTIES) {
            found.add(tool + ": " + properties[0] + " properties, over OpenAI's " + MAX_PROPERTIES);
        }
        return found;
    }

    private static void walk(String at, JsonNode schema, int depth, boolean root, boolean output, List<String> found,
            int[] count) {
        if (!schema.isObject()) {
            found.add(at + ": not a schema object");
            return;
        }
        if (depth > MAX_DEPTH) {
            found.add(at + ": nested deeper than OpenAI's " + MAX_DEPTH + " levels");
        }
        for (Iterator<String> names = schema.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!GEMINI_FIELDS.contains(name)) {
                found.add(at + ": '" + name + "' is not a field of Gemini's Schema");
            }
        }
        JsonNode type = schema.get("type");
        JsonNode anyOf = schema.get("anyOf");
        if (type == null && anyOf == null) {
            found.add(at + ": no type");
        }
        boolean nullAlternative = output && type != null && type.asText().equals("null") && at.contains(".anyOf[");
        if (type != null && !nullAlternative && !(type.isTextual() && TYPES.contains(type.asText()))) {
            found.add(at + ": type " + type + " is not one JSON type (Gemini takes one value of its Type enum)");
        }
        if (anyOf != null) {
            if (type != null || !anyOf.isArray() || anyOf.isEmpty()) {
                found.add(at + ": anyOf must be a non-empty list that stands for the type");
            } else {
                for (int i = 0; i < anyOf.size(); i++) {
                    walk(at + ".anyOf[" + i + "]", anyOf.get(i), depth, false, output, found, count);
                }
            }
        }
        String t = type == null ? "" : type.asText();
        if (t.equals("array") && !(schema.path("items").isObject())) {
            found.add(at + ": array schema missing items (OpenAI answers 400)");
        }
        if (!t.equals("array") && schema.has("items")) {
            found.add(at + ": items on a " + (t.isEmpty() ? "schema without type" : t));
        }
        JsonNode properties = schema.get("properties");
        if (t.equals("object") && (properties == null || properties.isEmpty()) && !root && !output) {
            found.add(at + ": an object must list its properties (Gemini: should be non-empty for OBJECT type)");
        }
        if (!t.equals("object") && (properties != null || schema.has("required"))) {
            found.add(at + ": properties/required on a " + (t.isEmpty() ? "schema without type" : t)
                    + " (Gemini: only allowed for OBJECT type)");
        }
        for (JsonNode required : schema.path("required")) {
            if (properties == null || !properties.has(required.asText())) {
                found.add(at + ": required '" + required.asText() + "' is not one of its properties");
            }
        }
        JsonNode values = schema.get("enum");
        if (values != null) {
            if (!t.equals("string")) {
                found.add(at + ": enum on a " + (t.isEmpty() ? "schema without type" : t) + " (Gemini: strings only)");
            }
            if (values.size() > MAX_ENUM) {
                found.add(at + ": " + values.size() + " enum values, over OpenAI's " + MAX_ENUM);
            }
            values.forEach(v -> {
                if (!v.isTextual()) {
                    found.add(at + ": enum value " + v + " is not a string");
                }
            });
        }
        if (schema.has("format") && !(t.equals("string") && GEMINI_STRING_FORMATS.contains(schema.get("format")
                .asText()))) {
            found.add(at + ": format '" + schema.get("format").asText() + "' is not one Gemini takes");
        }
        if (properties != null) {
            for (Map.Entry<String, JsonNode> p : (Iterable<Map.Entry<String, JsonNode>>) properties::fields) {
                count[0]++;
                walk(at + "." + p.getKey(), p.getValue(), depth + 1, false, output, found, count);
            }
        }
        if (schema.path("items").isObject()) {
            walk(at + "[]", schema.get("items"), depth + 1, false, output, found, count);
        }
    }
}
