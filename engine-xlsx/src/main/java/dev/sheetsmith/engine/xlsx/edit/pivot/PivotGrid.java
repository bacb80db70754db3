package dev.sheetsmith.engine.xlsx.edit.pivot;

import dev.sheetsmith.engine.xlsx.edit.pivot.PivotModel.Layout;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cells a pivot table shows, computed the way Excel renders a refreshed pivot: items sorted
 * ascending (numbers, then text ignoring case, then logicals and errors, "(blank)" last), text
 * items equal but for case merged under their first spelling, only combinations that occur,
 * subtotals at the top of a group in compact and outline form and below it in tabular form (and
 * below it whenever the values are on the rows), grand totals last.
 *
 * <p>Source values are {@link Double}, {@link String}, {@link Boolean}, {@link ErrorValue} or
 * null (empty); the grid holds the same kinds.
 */
public final class PivotGrid {

    /** An Excel error shown in a cell, e.g. "#DIV/0!". */
    public record ErrorValue(String text) {
    }

    /**
     * The computed table: {@code cells[row][column]}, {@code dataField[row][column]} the index of
     * the data field whose number a cell shows (-1 for labels and headers).
     */
    public record Grid(Object[][] cells, int[][] dataField, int headerRows, int labelColumns) {
        public int height() {
            return cells.length;
        }

        public int width() {
            return cells.length == 0 ? 0 : cells[0].length;
        }
    }

    private enum Kind { LEAF, HEADER, SUBTOTAL, GRAND }

    private record Line(Kind kind, int level, BitSet records, int dataField, boolean carriesValues, Object label,
            Map<Integer, Object> labels) {
    }

    private final PivotModel model;
    private final List<Object[]> records;
    private final Map<Integer, List<Item>> items = new HashMap<>();

    private record Item(Object key, Object shown, BitSet records) {
    }

    private PivotGrid(PivotModel model, List<Object[]> records) {
        this.model = model;
        this.records = records;
    }

    public static Grid compute(PivotModel model, List<Object[]> records) {
        return new PivotGrid(model, records).grid();
    }

    private Grid grid() {
        List<Integer> fields = new ArrayList<>(model.rowFields());
        fields.addAll(model.columnFields());
        for (int field : fields) {
            if (field != PivotModel.VALUES) {
                index(field);
            }
        }
        BitSet all = new BitSet();
        all.set(0, records.size());
        List<Line> rows = lines(model.rowFields(), model.layout(), all, true);
        List<Line> columns = lines(model.columnFields(), Layout.TABULAR, all, false);
        boolean compact = model.layout() == Layout.COMPACT;
        int labelColumns = compact ? 1 : Math.max(1, model.rowFields().size());
        boolean onlyValuesAcross = model.columnFields().equals(List.of(PivotModel.VALUES));
        int headerRows = model.columnFields().isEmpty() || (compact && onlyValuesAcross) ? 1
                : 1 + model.columnFields().size();
        int width = labelColumns + columns.size();
        int height = headerRows + rows.size();
        Object[][] cells = new Object[height][width];
        int[][] dataField = new int[height][width];
        for (int[] line : dataField) {
            java.util.Arrays.fill(line, -1);
        }
        // Header: the caption row, one row per column field, the row fields' captions last.
        int last = headerRows - 1;
        if (headerRows == 1) {
            for (int c = 0; c < columns.size(); c++) {
                Line column = columns.get(c);
                cells[0][labelColumns + c] = column.dataField() >= 0 ? name(column.dataField())
                        : model.dataFields().size() == 1 ? name(0) : null;
            }
        } else {
            boolean oneValue = model.dataFields().size() == 1;
            cells[0][0] = oneValue ? name(0) : null;
            if (compact) {
                cells[0][labelColumns] = "Column Labels";
            } else {
                for (int i = 0; i < model.columnFields().size(); i++) {
                    cells[0][labelColumns + i] = fieldName(model.columnFields().get(i));
                }
            }
            for (int c = 0; c < columns.size(); c++) {
                Line column = columns.get(c);
                for (Map.Entry<Integer, Object> label : column.labels().entrySet()) {
                    cells[1 + label.getKey()][labelColumns + c] = label.getValue();
                }
            }
        }
        if (compact) {
            cells[last][0] = model.rowFields().isEmpty() ? null : "Row Labels";
        } else {
            for (int i = 0; i < model.rowFields().size(); i++) {
                cells[last][i] = fieldName(model.rowFields().get(i));
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            Line row = rows.get(r);
            int y = headerRows + r;
            for (Map.Entry<Integer, Object> label : row.labels().entrySet()) {
                cells[y][compact ? 0 : label.getKey()] = label.getValue();
            }
            if (row.kind() == Kind.HEADER && !row.carriesValues()) {
                continue;
            }
            for (int c = 0; c < columns.size(); c++) {
                Line column = columns.get(c);
                int df = row.dataField() >= 0 ? row.dataField() : Math.max(0, column.dataField());
                BitSet both = (BitSet) row.records().clone();
                both.and(column.records());
                cells[y][labelColumns + c] = aggregate(model.dataFields().get(df), both);
                dataField[y][labelColumns + c] = df;
            }
        }
        return new Grid(cells, dataField, headerRows, labelColumns);
    }

    private String name(int dataField) {
        return model.dataFields().get(dataField).name();
    }

    private String fieldName(int field) {
        return field == PivotModel.VALUES ? "Values" : model.fieldNames().get(field);
    }

    // ---- items

    private void index(int field) {
        Map<Object, Integer> seen = new HashMap<>();
        List<Item> found = new ArrayList<>();
        for (int r = 0; r < records.size(); r++) {
            Object value = records.get(r)[field];
            Object key = key(value);
            Integer at = seen.get(key);
            if (at == null) {
                at = found.size();
                seen.put(key, at);
                found.add(new Item(key, value == null ? "(blank)" : value, new BitSet()));
            }
            found.get(at).records().set(r);
        }
        List<Item> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparingInt((Item i) -> rank(i.key())).thenComparing((a, b) -> compareKeys(a.key(),
                b.key())));
        items.put(field, sorted);
    }

    private static Object key(Object value) {
        if (value == null) {
            return Blank.BLANK;
        }
        if (value instanceof String s) {
            return new Text(s.toLowerCase(Locale.ROOT));
        }
        return value;
    }

    private enum Blank { BLANK }

    private record Text(String lower) {
    }

    private static int rank(Object key) {
        if (key instanceof Double) {
            return 0;
        }
        if (key instanceof Text) {
            return 1;
        }
        if (key instanceof Boolean) {
            return 2;
        }
        if (key instanceof ErrorValue) {
            return 3;
        }
        return 4;
    }

    private static int compareKeys(Object a, Object b) {
        if (a instanceof Double x && b instanceof Double y) {
            return Double.compare(x, y);
        }
        if (a instanceof Text x && b instanceof Text y) {
            return x.lower().compareTo(y.lower());
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return Boolean.compare(x, y);
        }
        if (a instanceof ErrorValue x && b instanceof ErrorValue y) {
            return x.text().compareTo(y.text());
        }
        return 0;
    }

    // ---- lines

    private List<Line> lines(List<Integer> fields, Layout layout, BitSet all, boolean rowAxis) {
        List<Line> out = new ArrayList<>();
        boolean values = fields.contains(PivotModel.VALUES);
        Map<Integer, Object> pending = new HashMap<>();
        if (fields.isEmpty()) {
            out.add(new Line(Kind.LEAF, 0, all, -1, true, null, rowAxis && model.dataFields().size() == 1
                    ? Map.of(0, name(0)) : Map.of()));
            return out;
        }
        descend(fields, layout, 0, all, pending, out);
        boolean grand = rowAxis ? model.grandTotalRow() : model.grandTotalColumn();
        boolean realField = fields.stream().anyMatch(f -> f != PivotModel.VALUES);
        if (grand && realField) {
            if (values) {
                for (int df = 0; df < model.dataFields().size(); df++) {
                    out.add(new Line(Kind.GRAND, 0, all, df, true, null, Map.of(0, "Total " + name(df))));
                }
            } else {
                out.add(new Line(Kind.GRAND, 0, all, -1, true, null, Map.of(0, "Grand Total")));
            }
        }
        return out;
    }

    private void descend(List<Integer> fields, Layout layout, int level, BitSet records, Map<Integer, Object> pending,
            List<Line> out) {
        int field = fields.get(level);
        boolean lastLevel = level == fields.size() - 1;
        if (field == PivotModel.VALUES) {
            for (int df = 0; df < model.dataFields().size(); df++) {
                pending.put(level, name(df));
                out.add(line(Kind.LEAF, level, records, df, pending));
                if (!lastLevel) {
                    throw new IllegalStateException("the Values field must be the last on its axis");
                }
            }
            return;
        }
        boolean valuesOnAxis = fields.contains(PivotModel.VALUES);
        for (Item item : items.get(field)) {
            BitSet mine = (BitSet) records.clone();
            mine.and(item.records());
            if (mine.isEmpty()) {
                continue;
            }
            pending.put(level, item.shown());
            if (lastLevel) {
                out.add(line(Kind.LEAF, level, mine, -1, pending));
                continue;
            }
            boolean nextIsValues = fields.get(level + 1) == PivotModel.VALUES;
            if (layout != Layout.TABULAR) {
                Line header = line(Kind.HEADER, level, mine, -1, pending);
                out.add(new Line(Kind.HEADER, level, mine, -1, model.subtotals() && !valuesOnAxis, null,
                        header.labels()));
            }
            descend(fields, layout, level + 1, mine, pending, out);
            if (model.subtotals() && !nextIsValues && (valuesOnAxis || layout == Layout.TABULAR)) {
                if (valuesOnAxis) {
                    for (int df = 0; df < model.dataFields().size(); df++) {
                        out.add(new Line(Kind.SUBTOTAL, level, mine, df, true, null,
                                Map.of(level, label(item.shown()) + " " + name(df))));
                    }
                } else {
                    out.add(new Line(Kind.SUBTOTAL, level, mine, -1, true, null,
                            Map.of(level, label(item.shown()) + " Total")));
                }
            }
        }
    }

    private static Line line(Kind kind, int level, BitSet records, int dataField, Map<Integer, Object> pending) {
        Map<Integer, Object> labels = new HashMap<>(pending);
        pending.clear();
        return new Line(kind, level, records, dataField, true, null, labels);
    }

    private static String label(Object shown) {
        if (shown instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : d.toString();
        }
        if (shown instanceof Boolean b) {
            return b ? "TRUE" : "FALSE";
        }
        if (shown instanceof ErrorValue e) {
            return e.text();
        }
        return shown.toString();
    }

    // ---- aggregation

    private Object aggregate(PivotModel.DataField dataField, BitSet rows) {
        int field = dataField.field();
        int values = 0;
        int numbers = 0;
        double sum = 0;
        double product = 1;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        List<Double> all = new ArrayList<>();
        for (int r = rows.nextSetBit(0); r >= 0; r = rows.nextSetBit(r + 1)) {
            Object value = records.get(r)[field];
            if (value == null) {
                continue;
            }
            if (value instanceof ErrorValue e && !dataField.function().equals("count")) {
                return e;
            }
            values++;
            if (value instanceof Double d) {
                numbers++;
                sum += d;
                product *= d;
                min = Math.min(min, d);
                max = Math.max(max, d);
                all.add(d);
            }
        }
        if (values == 0) {
            return null;
        }
        return switch (dataField.function()) {
            case "sum" -> sum;
            case "count" -> (double) values;
            case "countNums" -> (double) numbers;
            case "average" -> numbers == 0 ? new ErrorValue("#DIV/0!") : sum / numbers;
            case "max" -> numbers == 0 ? 0.0 : max;
            case "min" -> numbers == 0 ? 0.0 : min;
            case "product" -> numbers == 0 ? 0.0 : product;
            case "stdDev", "var", "stdDevp", "varp" -> spread(dataField.function(), all, sum);
            default -> throw new IllegalArgumentException("unknown aggregation " + dataField.function());
        };
    }

    private static Object spread(String function, List<Double> numbers, double sum) {
        boolean sample = function.equals("stdDev") || function.equals("var");
        int n = numbers.size();
        if (n == 0 || (sample && n < 2)) {
            return new ErrorValue("#DIV/0!");
        }
        double mean = sum / n;
        double squares = 0;
        for (double x : numbers) {
            squares += (x - mean) * (x - mean);
        }
        double variance = squares / (sample ? n - 1 : n);
        return function.startsWith("stdDev") ? Math.sqrt(variance) : variance;
    }
}
