package dev.sheetsmith.adapters.http.tools;

import dev.sheetsmith.domain.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Typed access to a tool's arguments (or one nested object of them), with errors that name the argument. */
public final class Args {

    private final String tool;
    private final String prefix;
    private final Map<String, Object> values;
    /** The schema these values follow, whose properties are the names they may have (null: none known). */
    private final Map<String, Object> schema;

    /** A call's arguments, checked against the names its definition's input schema gives. */
    public Args(ToolDefinition definition, Map<String, Object> values) {
        this(definition.name(), "", values, definition.arguments(), definition.inputSchema());
    }

    /** Arguments of something that is not a defined tool (e.g. the preview route), with the names it takes. */
    public Args(String tool, Map<String, Object> values, Set<String> allowed) {
        this(tool, "", values, allowed, null);
    }

    private Args(String tool, String prefix, Map<String, Object> values, Set<String> allowed,
            Map<String, Object> schema) {
        this.tool = tool;
        this.prefix = prefix;
        this.values = values;
        this.schema = schema;
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(allowed);
        if (!unknown.isEmpty()) {
            throw new InvalidInputException("unknown argument(s) " + unknown.stream().map(n -> prefix + n).toList()
                    + "; " + (prefix.isEmpty() ? tool + " takes " : "'" + prefix.substring(0, prefix.length() - 1)
                            + "' takes ") + new TreeSet<>(allowed));
        }
    }

    /** The nested object {@code name}, or null when it is absent; its keys are those its schema lists. */
    @SuppressWarnings("unchecked")
    public Args object(String name) {
        Map<String, Object> nested = ToolDefinition.property(schema, name);
        Set<String> allowed = ToolDefinition.properties(nested);
        Object value = values.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new InvalidInputException(at(name) + " must be an object with " + new TreeSet<>(allowed));
        }
        return new Args(tool, prefix + name + ".", (Map<String, Object>) map, allowed, nested);
    }

    /**
     * One object {@code item} of the list argument {@code name}, its keys those the list's item schema
     * lists; errors about it are worded as its caller words them (the object's own names, unprefixed).
     */
    @SuppressWarnings("unchecked")
    public Args item(String name, Map<?, ?> item) {
        Map<String, Object> list = ToolDefinition.property(schema, name);
        Object items = list == null ? null : list.get("items");
        Map<String, Object> itemSchema = items instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
        return new Args(tool, "", (Map<String, Object>) item, ToolDefinition.properties(itemSchema), itemSchema);
    }

    /** The keys the nested object {@code name} may have, as its schema lists them. */
    public Set<String> keysOf(String name) {
        return ToolDefinition.properties(ToolDefinition.property(schema, name));
    }

    public boolean has(String name) {
        return values.get(name) != null;
    }

    public Set<String> names() {
        return values.keySet();
    }

    public String at(String name) {
        return "'" + prefix + name + "'";
    }

    public String requiredString(String name) {
        String value = optionalString(name);
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(at(name) + " is required for " + tool);
        }
        return value;
    }

    public String optionalString(String name) {
        Object value = values.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s)) {
            throw new InvalidInputException(at(name) + " must be text");
        }
        return s;
    }

    /** Text, or a number or true/false given as their text (for operands such as 100 or "100"). */
    public String optionalScalar(String name) {
        Object value = values.get(name);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15
                    ? String.valueOf(d.longValue()) : String.valueOf(value);
        }
        throw new InvalidInputException(at(name) + " must be text or a number");
    }

    public Boolean optionalBoolean(String name) {
        Object value = values.get(name);
        if (value == null || value instanceof Boolean) {
            return (Boolean) value;
        }
        throw new InvalidInputException(at(name) + " must be true or false");
    }

    /** A number, or text that is one ("12"): models often quote numbers. */
    public Double optionalNumber(String name) {
        Object value = values.get(name);
        if (value == null) {
            return null;
        }
        Double number = number(value);
        if (number == null) {
            throw new InvalidInputException(at(name) + " must be a number, not '" + value + "'");
        }
        return number;
    }

    public static Double number(Object value) {
        if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        if (value instanceof String s && s.strip().matches("-?\\d{1,15}(\\.\\d{1,15})?")) {
            return Double.parseDouble(s.strip());
        }
        return null;
    }

    /** A list of text (numbers are taken as their text); a single text counts as a list of one. */
    public List<String> optionalStrings(String name) {
        Object value = values.get(name);
        if (value == null) {
            return null;
        }
        List<?> list = value instanceof List<?> l ? l : List.of(value);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            if (item instanceof String s) {
                out.add(s);
            } else if (item instanceof Number n) {
                out.add(n.doubleValue() == Math.rint(n.doubleValue()) ? String.valueOf(n.longValue())
                        : String.valueOf(n));
            } else if (item instanceof Boolean b) {
                out.add(b ? "TRUE" : "FALSE");
            } else {
                throw new InvalidInputException(at(name) + " item " + (i + 1) + " must be text or a number");
            }
        }
        return out;
    }

    public Object raw(String name) {
        return values.get(name);
    }

    public int optionalInt(String name, int defaultValue) {
        Object value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        Double n = number(value);
        if (n != null && n == Math.rint(n) && Math.abs(n) <= Integer.MAX_VALUE) {
            return n.intValue();
        }
        throw new InvalidInputException(at(name) + " must be a whole number");
    }
}
