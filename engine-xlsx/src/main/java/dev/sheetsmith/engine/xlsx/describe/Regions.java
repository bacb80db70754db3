package dev.sheetsmith.engine.xlsx.describe;

import dev.sheetsmith.domain.CellRange;
import dev.sheetsmith.domain.CellValue;
import dev.sheetsmith.domain.WorkbookDescription.Region;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds the blocks of data in a sheet as its cells stream by, the way people lay sheets out: a
 * title, one or more header rows (a merged group row above the column names), data rows, a totals
 * row, and blank rows between blocks. Memory stays small whatever the sheet's size: each block
 * keeps its first few rows and its last one, and blocks past {@link Region#MAX_PER_SHEET} are
 * only counted. Blocks side by side (apart by a blank column only) count as one.
 */
public final class Regions {

    /** Rows kept from the top of a block: two title rows, three header rows and the samples. */
    private static final int KEPT = 2 + 3 + Region.SAMPLE_ROWS;
    private static final int MAX_CELLS_KEPT = 64;

    private final List<Region> regions = new ArrayList<>();
    private final List<CellRange> merged = new ArrayList<>();
    private final Map<String, CellRange> tables = new TreeMap<>();
    private int more;
    private Block block;
    private Row row;

    /** A non-empty cell; cells come row by row, as a sheet's XML holds them. */
    public void cell(int r, int column, CellValue value, String formula) {
        if (row != null && row.index != r) {
            endRow();
        }
        if (row == null) {
            // only a block's first rows show their texts: a row that joins a block past them keeps none
            boolean joins = block != null && r == block.last.index + 1;
            row = new Row(r, !joins || block.top.size() < KEPT);
        }
        row.add(column, value, formula);
    }

    public void merged(CellRange range) {
        if (merged.size() < Region.MAX_MERGED) {
            merged.add(range);
        }
    }

    public void table(String name, CellRange range) {
        tables.put(name, range);
    }

    public List<Region> regions() {
        finish();
        return List.copyOf(regions);
    }

    public int moreRegions() {
        finish();
        return more;
    }

    public List<CellRange> mergedRanges() {
        return List.copyOf(merged);
    }

    private void finish() {
        if (row != null) {
            endRow();
        }
        if (block != null) {
            close(block);
            block = null;
        }
    }

    private void endRow() {
        if (block != null && row.index != block.last.index + 1) {
            close(block);
            block = null;
        }
        if (block == null) {
            block = new Block();
        }
        block.add(row);
        row = null;
    }

    private void close(Block b) {
        if (regions.size() >= Region.MAX_PER_SHEET) {
            more++;
            return;
        }
        List<Row> top = b.top;
        int n = b.rows;
        CellRange range = new CellRange(top.get(0).index, b.firstColumn, b.last.index, b.lastColumn);
        int i = 0;
        List<Integer> titles = new ArrayList<>();
        // a title: one text cell on a row of its own at the top of a wider block (often merged across it)
        List<String> titleTexts = new ArrayList<>();
        while (i < Math.min(2, top.size() - 1) && top.get(i).cells == 1 && top.get(i).texts == 1
                && b.lastColumn > b.firstColumn) {
            titles.add(top.get(i).index);
            titleTexts.add(top.get(i).shown.values().iterator().next());
            i++;
        }
        if (n == 1 && top.get(0).cells == 1 && top.get(0).texts == 1) {
            // one line of text on its own: a sheet's title or a note above a table
            regions.add(new Region(range, List.of(top.get(0).index), List.of(top.get(0).shown.values().iterator()
                    .next()), List.of(), List.of(), -1, 0, List.of(), null));
            return;
        }
        int j = i;
        while (j < Math.min(i + 3, top.size()) && top.get(j).textOnly()) {
            j++;
        }
        List<Integer> headerRows = new ArrayList<>();
        if (j < top.size() && j > i) {
            for (int h = i; h < j; h++) {
                headerRows.add(top.get(h).index);
            }
        } else if (j >= top.size() && n - i > 1 && top.get(i).textOnly()) {
            headerRows.add(top.get(i).index); // a block of text: its first row names the columns
            j = i + 1;
        } else {
            j = i;
        }
        int dataStart = j;
        int totals = -1;
        // a "Total" label, or sums under rows without them (a sum on every row is a column of row totals)
        if (n - dataStart >= 2 && (b.last.totalLabel || b.last.totals() && !b.previous.sums)) {
            totals = b.last.index;
        }
        int dataRows = Math.max(0, n - dataStart - (totals >= 0 ? 1 : 0));
        List<List<String>> header = new ArrayList<>();
        for (int h = i; h < i + headerRows.size(); h++) {
            header.add(top.get(h).shown(b.firstColumn, b.lastColumn));
        }
        List<List<String>> samples = new ArrayList<>();
        for (int s = dataStart; s < top.size() && samples.size() < Region.SAMPLE_ROWS; s++) {
            if (top.get(s).index != totals) {
                samples.add(top.get(s).shown(b.firstColumn, b.lastColumn));
            }
        }
        String table = null;
        for (Map.Entry<String, CellRange> t : tables.entrySet()) {
            if (t.getValue().intersect(range) != null) {
                table = t.getKey();
                break;
            }
        }
        regions.add(new Region(range, titles, titleTexts, headerRows, header, totals, dataRows, samples, table));
    }

    /** One block's counters: its first rows kept whole, its last row, its width. */
    private static final class Block {
        final List<Row> top = new ArrayList<>();
        Row previous;
        Row last;
        int rows;
        int firstColumn = Integer.MAX_VALUE;
        int lastColumn = -1;

        void add(Row r) {
            if (top.size() < KEPT) {
                top.add(r);
            }
            previous = last;
            last = r;
            rows++;
            firstColumn = Math.min(firstColumn, r.firstColumn);
            lastColumn = Math.max(lastColumn, r.lastColumn);
        }
    }

    /** One row's kinds of cells, and the first cells' texts. */
    private static final class Row {
        final int index;
        final Map<Integer, String> shown = new TreeMap<>();
        int firstColumn = Integer.MAX_VALUE;
        int lastColumn = -1;
        int cells;
        int texts;
        boolean formulas;
        boolean sums;
        boolean totalLabel;

        final boolean keepsTexts;

        Row(int index, boolean keepsTexts) {
            this.index = index;
            this.keepsTexts = keepsTexts;
        }

        void add(int column, CellValue value, String formula) {
            cells++;
            firstColumn = Math.min(firstColumn, column);
            lastColumn = Math.max(lastColumn, column);
            if (formula != null) {
                formulas = true;
                String f = formula.toUpperCase(Locale.ROOT);
                sums |= f.contains("SUM(") || f.contains("SUBTOTAL(") || f.contains("AGGREGATE(");
            } else if (value instanceof CellValue.Text t) {
                texts++;
                String text = t.value().strip().toLowerCase(Locale.ROOT);
                totalLabel |= text.startsWith("total") || text.endsWith("total") || text.equals("sum")
                        || text.startsWith("grand total");
            }
            if (keepsTexts && shown.size() < MAX_CELLS_KEPT) {
                String text = value.display();
                shown.put(column, text.length() > Region.MAX_TEXT ? text.substring(0, Region.MAX_TEXT) + "..." : text);
            }
        }

        boolean textOnly() {
            return !formulas && texts == cells;
        }

        boolean totals() {
            return totalLabel || sums && !textOnly();
        }

        List<String> shown(int from, int to) {
            List<String> out = new ArrayList<>();
            for (int c = from; c <= Math.min(to, from + Region.MAX_COLUMNS_SHOWN - 1); c++) {
                out.add(shown.getOrDefault(c, ""));
            }
            return out;
        }
    }
}
