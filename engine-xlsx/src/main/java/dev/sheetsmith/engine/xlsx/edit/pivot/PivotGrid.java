package dev.sheetsmith.engine.xlsx.edit.pivot;

import dev.sheetsmith.engine.xlsx.edit.pivot.PivotModel.Layout;
import java.util.ArrayList;
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

    /** An item of a date field: its serial number, shown in the source's date format. */
    public record DateLabel(double serial, String format) {
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

    /** A row or column of the table: the source records it covers (ascending), its labels by level. */
    private record Line(Kind kind, int level, int[] records, int dataField, boolean carriesValues,
            Map<Integer, Object> labels) {
    }

    private final PivotModel model;
    private final List<Object[]> records;
    private final Map<Integer, List<Item>> items = new HashMap<>();

    private record Item(Object key, Object shown) {
    }

    /** Per axis field: the item of each record, and each item's place in the sorted order. */
    private final Map<Integer, int[]> itemOf = new HashMap<>();
    private final Map<Integer, int[]> rankOf = new HashMap<>();

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
        int[] all = new int[records.size()];
        for (int r = 0; r < all.length; r++) {
            all[r] = r;
        }
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
        // Which column lines hold each record, so a row's cells are filled in one pass over its records.
        int[][] columnsOf = new int[records.size()][];
        int[] counts = new int[records.size()];
        for (Line column : columns) {
            for (int record : column.records()) {
                counts[record]++;
            }
        }
        for (int record = 0; record < counts.length; record++) {
            columnsOf[record] = new int[counts[record]];
            counts[record] = 0;
        }
        for (int c = 0; c < columns.size(); c++) {
            for (int record : columns.get(c).records()) {
                columnsOf[record][counts[record]++] = c;
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
            Acc[] accs = new Acc[columns.size()];
            for (int record : row.records()) {
                for (int c : columnsOf[record]) {
                    if (accs[c] == null) {
                        int df = row.dataField() >= 0 ? row.dataField() : Math.max(0, columns.get(c).dataField());
                        accs[c] = new Acc(model.dataFields().get(df), df);
                    }
                    accs[c].add(records.get(record)[accs[c].dataField.field()]);
                }
            }
            for (int c = 0; c < columns.size(); c++) {
                if (accs[c] != null) {
                    cells[y][labelColumns + c] = accs[c].result();
                    dataField[y][labelColumns + c] = accs[c].index;
                }
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
        int[] of = new int[records.size()];
        for (int r = 0; r < records.size(); r++) {
            Object value = records.get(r)[field];
            Object key = key(value);
            Integer at = seen.get(key);
            if (at == null) {
                at = found.size();
                seen.put(key, at);
                String date = model.dateFormats().get(field);
                found.add(new Item(key, value == null ? "(blank)" : value instanceof Double d && date != null
                        ? new DateLabel(d, date) : value));
            }
            of[r] = at;
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt((Integer i) -> rank(found.get(i).key())).thenComparing((a, b) ->
                compareKeys(found.get(a).key(), found.get(b).key())));
        int[] rank = new int[found.size()];
        for (int i = 0; i < order.size(); i++) {
            rank[order.get(i)] = i;
        }
        items.put(field, found);
        itemOf.put(field, of);
        rankOf.put(field, rank);
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

    private List<Line> lines(List<Integer> fields, Layout layout, int[] all, boolean rowAxis) {
        List<Line> out = new ArrayList<>();
        boolean values = fields.contains(PivotModel.VALUES);
        Map<Integer, Object> pending = new HashMap<>();
        if (fields.isEmpty()) {
            out.add(new Line(Kind.LEAF, 0, all, -1, true, rowAxis && model.dataFields().size() == 1
                    ? Map.of(0, name(0)) : Map.of()));
            return out;
        }
        descend(fields, layout, 0, all, pending, out);
        boolean grand = rowAxis ? model.grandTotalRow() : model.grandTotalColumn();
        boolean realField = fields.stream().anyMatch(f -> f != PivotModel.VALUES);
        if (grand && realField) {
            if (values) {
                for (int df = 0; df < model.dataFields().size(); df++) {
                    out.add(new Line(Kind.GRAND, 0, all, df, true, Map.of(0, "Total " + name(df))));
                }
            } else {
                out.add(new Line(Kind.GRAND, 0, all, -1, true, Map.of(0, "Grand Total")));
            }
        }
        return out;
    }

    private void descend(List<Integer> fields, Layout layout, int level, int[] records, Map<Integer, Object> pending,
            List<Line> out) {
        int field = fields.get(level);
        boolean lastLevel = level == fields.size() - 1;
        if (field == PivotModel.VALUES) {
            if (!lastLevel) {
                throw new IllegalStateException("the Values field must be the last on its axis");
            }
            for (int df = 0; df < model.dataFields().size(); df++) {
                pending.put(level, name(df));
                out.add(line(Kind.LEAF, level, records, df, pending));
            }
            return;
        }
        boolean valuesOnAxis = fields.contains(PivotModel.VALUES);
        // The parent's records by item, in item order; only items that occur under it appear.
        int[] of = itemOf.get(field);
        int[] rank = rankOf.get(field);
        Map<Integer, int[]> sizes = new HashMap<>();
        for (int record : records) {
            sizes.computeIfAbsent(of[record], k -> new int[1])[0]++;
        }
        Map<Integer, int[]> groups = new HashMap<>();
        Map<Integer, int[]> filled = new HashMap<>();
        for (Map.Entry<Integer, int[]> size : sizes.entrySet()) {
            groups.put(size.getKey(), new int[size.getValue()[0]]);
            filled.put(size.getKey(), new int[1]);
        }
        for (int record : records) {
            groups.get(of[record])[filled.get(of[record])[0]++] = record;
        }
        List<Integer> present = new ArrayList<>(groups.keySet());
        present.sort(Comparator.comparingInt(i -> rank[i]));
        List<Item> fieldItems = items.get(field);
        for (int index : present) {
            Item item = fieldItems.get(index);
            int[] mine = groups.get(index);
            pending.put(level, item.shown());
            if (lastLevel) {
                out.add(line(Kind.LEAF, level, mine, -1, pending));
                continue;
            }
            boolean nextIsValues = fields.get(level + 1) == PivotModel.VALUES;
            if (layout != Layout.TABULAR) {
                Line header = line(Kind.HEADER, level, mine, -1, pending);
                out.add(new Line(Kind.HEADER, level, mine, -1, model.subtotals() && !valuesOnAxis, header.labels()));
            }
            descend(fields, layout, level + 1, mine, pending, out);
            if (model.subtotals() && !nextIsValues && (valuesOnAxis || layout == Layout.TABULAR)) {
                if (valuesOnAxis) {
                    for (int df = 0; df < model.dataFields().size(); df++) {
                        out.add(new Line(Kind.SUBTOTAL, level, mine, df, true,
                                Map.of(level, label(item.shown()) + " " + name(df))));
                    }
                } else {
                    out.add(new Line(Kind.SUBTOTAL, level, mine, -1, true,
                            Map.of(level, label(item.shown()) + " Total")));
                }
            }
        }
    }

    private static Line line(Kind kind, int level, int[] records, int dataField, Map<Integer, Object> pending) {
        Map<Integer, Object> labels = new HashMap<>(pending);
        pending.clear();
        return new Line(kind, level, records, dataField, true, labels);
    }

    private static String label(Object shown) {
        if (shown instanceof DateLabel d) {
            return new org.apache.poi.ss.usermodel.DataFormatter(java.util.Locale.ROOT).formatRawCellContents(
                    d.serial(), 0, d.format());
        }
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

    /** One cell's aggregation, fed the source values in record order (Excel adds in that order too). */
    private static final class Acc {
        private final PivotModel.DataField dataField;
        private final int index;
        private int values;
        private int numbers;
        private double sum;
        private double product = 1;
        private double min = Double.POSITIVE_INFINITY;
        private double max = Double.NEGATIVE_INFINITY;
        private ErrorValue error;
        private final List<Double> all;

        Acc(PivotModel.DataField dataField, int index) {
            this.dataField = dataField;
            this.index = index;
            this.all = dataField.function().startsWith("stdDev") || dataField.function().startsWith("var")
                    ? new ArrayList<>() : null;
        }

        void add(Object value) {
            if (value == null) {
                return;
            }
            if (value instanceof ErrorValue e && !dataField.function().equals("count") && error == null) {
                error = e;
            }
            values++;
            if (value instanceof Double d) {
                numbers++;
                sum += d;
                product *= d;
                min = Math.min(min, d);
                max = Math.max(max, d);
                if (all != null) {
                    all.add(d);
                }
            }
        }

        Object result() {
            if (error != null) {
                return error;
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
