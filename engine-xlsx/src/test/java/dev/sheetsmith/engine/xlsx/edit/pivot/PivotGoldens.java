package dev.sheetsmith.engine.xlsx.edit.pivot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The recording project's pivot goldens (Excel's refreshed grids): read from the shared peer
 * fixtures, never copied into the project.
 */
public final class PivotGoldens {

    /** Case options this engine expresses; a case using anything else is listed as not run. */
    private static final Set<String> CASE_KEYS = Set.of("rows", "columns", "values", "layout", "subtotals",
            "values_in", "name", "expected", "fields");
    private static final Set<String> VALUE_KEYS = Set.of("field", "function", "number_format");

    public record Value(String field, String function, String numberFormat) {
    }

    public record Case(String name, List<String> rows, List<String> columns, List<Value> values, String layout,
            boolean subtotals, String valuesIn, JsonNode expected, String unsupported) {

        public String optionSet() {
            return layout + "/subtotals " + (subtotals ? "on" : "off") + "/values in " + valuesIn;
        }
    }

    public record Set2(List<String> headers, List<Object[]> records, List<Case> cases) {
    }

    private PivotGoldens() {
    }

    /** ../shared/peer-fixtures from the module's directory upward; fails (never skips) without it. */
    public static Path peerFixture(String name) {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path at = dir; at != null; at = at.getParent()) {
            Path candidate = at.resolve("shared").resolve("peer-fixtures").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            Path sibling = at.resolveSibling("shared").resolve("peer-fixtures").resolve(name);
            if (Files.isRegularFile(sibling)) {
                return sibling;
            }
        }
        throw new AssertionError("peer fixture " + name + " not found in ../shared/peer-fixtures above " + dir
                + "; CI always has it next to the repository");
    }

    public static Set2 read(Path file) {
        try {
            JsonNode root = new ObjectMapper().readTree(Files.readString(file));
            JsonNode source = root.get("source");
            List<String> headers = new ArrayList<>();
            source.get(0).forEach(h -> headers.add(h.asText()));
            List<Object[]> records = new ArrayList<>();
            for (int r = 1; r < source.size(); r++) {
                Object[] record = new Object[headers.size()];
                for (int c = 0; c < headers.size(); c++) {
                    record[c] = sourceValue(source.get(r).get(c));
                }
                records.add(record);
            }
            List<Case> cases = new ArrayList<>();
            for (JsonNode c : root.get("cases")) {
                cases.add(parse(c));
            }
            return new Set2(headers, records, cases);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Case parse(JsonNode c) {
        List<String> unsupported = new ArrayList<>();
        for (Iterator<String> it = c.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!CASE_KEYS.contains(key)) {
                unsupported.add(key);
            }
        }
        if (c.has("fields")) {
            for (JsonNode f : c.get("fields")) {
                for (Iterator<String> it = f.fieldNames(); it.hasNext();) {
                    String key = it.next();
                    boolean defaultSort = key.equals("sort") && f.get("sort").asText().equals("ascending")
                            && !f.has("sort_by");
                    if (!key.equals("field") && !defaultSort) {
                        unsupported.add("fields." + key + (key.equals("sort") ? "=" + f.get(key).asText() : ""));
                    }
                }
            }
        }
        List<Value> values = new ArrayList<>();
        for (JsonNode v : c.get("values")) {
            for (Iterator<String> it = v.fieldNames(); it.hasNext();) {
                String key = it.next();
                if (!VALUE_KEYS.contains(key)) {
                    unsupported.add("values." + key);
                }
            }
            values.add(new Value(v.get("field").asText(), v.has("function") ? v.get("function").asText() : "sum",
                    v.has("number_format") ? v.get("number_format").asText() : null));
        }
        return new Case(c.get("name").asText(), strings(c.get("rows")), strings(c.get("columns")), values,
                c.has("layout") ? c.get("layout").asText() : "tabular",
                !c.has("subtotals") || c.get("subtotals").asBoolean(),
                c.has("values_in") ? c.get("values_in").asText() : "columns", c.get("expected"),
                unsupported.isEmpty() ? null : String.join(",", unsupported.stream().distinct().toList()));
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node != null) {
            node.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    /** Source cells as the workbook holds them: "2024-01-15 00:00:00" is a date, an Excel serial number. */
    static Object sourceValue(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        String text = v.asText();
        if (text.matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}")) {
            LocalDateTime at = LocalDateTime.parse(text, DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss",
                    Locale.ROOT));
            return (double) ChronoUnit.DAYS.between(LocalDateTime.of(1899, 12, 30, 0, 0), at);
        }
        return text;
    }

    /** The model for a case, as create_pivot_table builds it. */
    public static PivotModel model(List<String> headers, Case c) {
        List<Integer> rows = new ArrayList<>();
        c.rows().forEach(r -> rows.add(headers.indexOf(r)));
        List<Integer> columns = new ArrayList<>();
        c.columns().forEach(r -> columns.add(headers.indexOf(r)));
        List<PivotModel.DataField> data = new ArrayList<>();
        for (Value v : c.values()) {
            String function = switch (v.function()) {
                case "count_numbers" -> "countNums";
                case "stddev" -> "stdDev";
                case "stddevp" -> "stdDevp";
                default -> v.function();
            };
            data.add(new PivotModel.DataField(headers.indexOf(v.field()), function,
                    PivotModel.caption(function, v.field()), v.numberFormat()));
        }
        if (data.size() > 1) {
            (c.valuesIn().equals("rows") ? rows : columns).add(PivotModel.VALUES);
        }
        return new PivotModel(headers, rows, columns, data, PivotModel.Layout.valueOf(c.layout().toUpperCase(
                Locale.ROOT)), c.subtotals(), true, true);
    }

    /** Null when the grid matches Excel's cell for cell, else the first difference. */
    public static String difference(JsonNode expected, Object[][] actual) {
        if (expected.size() != actual.length) {
            return "height " + actual.length + ", Excel " + expected.size();
        }
        for (int r = 0; r < actual.length; r++) {
            JsonNode row = expected.get(r);
            if (row.size() != actual[r].length) {
                return "row " + (r + 1) + " width " + actual[r].length + ", Excel " + row.size();
            }
            for (int c = 0; c < actual[r].length; c++) {
                if (!same(row.get(c), actual[r][c])) {
                    return "cell [" + r + "][" + c + "] is " + actual[r][c] + ", Excel " + row.get(c);
                }
            }
        }
        return null;
    }

    static boolean same(JsonNode expected, Object actual) {
        if (expected == null || expected.isNull()) {
            return actual == null || (actual instanceof String s && s.isEmpty());
        }
        if (expected.isNumber()) {
            if (!(actual instanceof Number n)) {
                return false;
            }
            double e = expected.asDouble();
            double a = n.doubleValue();
            return Math.abs(e - a) <= 1e-12 * Math.max(1, Math.max(Math.abs(e), Math.abs(a)));
        }
        if (actual instanceof PivotGrid.ErrorValue error) {
            return expected.asText().equals(error.text());
        }
        if (actual instanceof Double d && expected.isTextual()) {
            return false;
        }
        return actual != null && expected.asText().equals(actual.toString());
    }
}
