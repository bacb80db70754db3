package dev.sheetsmith.adapters.http;

import dev.sheetsmith.domain.InvalidInputException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Typed access to a tool's arguments, with errors that name the argument. */
final class Args {

    private final String tool;
    private final Map<String, Object> values;

    Args(String tool, Map<String, Object> values, Set<String> allowed) {
        this.tool = tool;
        this.values = values;
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(allowed);
        if (!unknown.isEmpty()) {
            throw new InvalidInputException("unknown argument(s) " + unknown + "; " + tool + " takes "
                    + new TreeSet<>(allowed));
        }
    }

    String requiredString(String name) {
        String value = optionalString(name);
        if (value == null || value.isBlank()) {
            throw new InvalidInputException("'" + name + "' is required for " + tool);
        }
        return value;
    }

    String optionalString(String name) {
        Object value = values.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s)) {
            throw new InvalidInputException("'" + name + "' must be text");
        }
        return s;
    }

    Boolean optionalBoolean(String name) {
        Object value = values.get(name);
        if (value == null || value instanceof Boolean) {
            return (Boolean) value;
        }
        throw new InvalidInputException("'" + name + "' must be true or false");
    }

    Object raw(String name) {
        return values.get(name);
    }

    int optionalInt(String name, int defaultValue) {
        Object value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && Math.abs(n.doubleValue()) <= Integer.MAX_VALUE) {
            return n.intValue();
        }
        throw new InvalidInputException("'" + name + "' must be a whole number");
    }
}
