package dev.sheetsmith.engine.xlsx.edit.stream;

import dev.sheetsmith.domain.CellRange;
import dev.sheetsmith.domain.CellValue;
import java.io.IOException;
import java.util.List;

/**
 * write_range and clear_range on the stream: the rows of the range are read cell by cell, each
 * cell of the range is emptied (its style kept, as CellWriter does: only {@code r} and {@code s}
 * stay) and given its new value; write_range creates the rows and cells it writes, clear_range
 * only empties cells that exist. Any formula in the sheet stops the stream: after these edits the
 * user model recomputes every formula, which only it can do.
 */
final class CellsRewrite extends SheetRewrite {

    private final CellRange area;
    /** The values by row and column of the area, or null to clear. */
    private final List<List<CellValue>> values;
    private int nextNew;
    /** clear_range: the cells that held something. */
    int cleared;

    /** write_range: {@code rows} from the area's top-left cell. */
    static CellsRewrite write(String sheetName, CellRange start, List<List<CellValue>> rows) {
        int width = 0;
        for (List<CellValue> row : rows) {
            width = Math.max(width, row.size());
        }
        CellRange area = new CellRange(start.firstRow(), start.firstColumn(), start.firstRow() + rows.size() - 1,
                start.firstColumn() + Math.max(width, 1) - 1);
        return new CellsRewrite(sheetName, area, rows);
    }

    static CellsRewrite clear(String sheetName, CellRange range) {
        return new CellsRewrite(sheetName, range, null);
    }

    private CellsRewrite(String sheetName, CellRange area, List<List<CellValue>> values) {
        super(sheetName);
        this.area = area;
        this.values = values;
        this.nextNew = area.firstRow();
    }

    /** The value written at a cell of the area, or null when the write leaves it alone. */
    private CellValue valueAt(int row, int column) {
        List<CellValue> line = values.get(row - area.firstRow());
        int c = column - area.firstColumn();
        return c < line.size() ? line.get(c) : null;
    }

    @Override
    String dimension(String old) {
        if (values == null) {
            return null;
        }
        CellRange was = parse(old);
        if (was == null) {
            return area.toA1();
        }
        return new CellRange(Math.min(was.firstRow(), area.firstRow()), Math.min(was.firstColumn(), area.firstColumn()),
                Math.max(was.lastRow(), area.lastRow()), Math.max(was.lastColumn(), area.lastColumn())).toA1();
    }

    static CellRange parse(String ref) {
        if (ref == null) {
            return null;
        }
        try {
            return CellRange.parse(ref);
        } catch (RuntimeException e) {
            throw new NotStreamable("a dimension that is not a range: " + ref);
        }
    }

    @Override
    boolean touches(int row) {
        check();
        return row >= area.firstRow() && row <= area.lastRow();
    }

    private void check() {
        stopAtFormulas("recomputes after the edit");
    }

    @Override
    void before(int row, Out out) throws IOException {
        while (values != null && nextNew < row && nextNew <= area.lastRow()) {
            newRow(nextNew++, out);
        }
        if (row >= nextNew) {
            nextNew = row + 1;
        }
    }

    private void newRow(int row, Out out) throws IOException {
        StringBuilder b = new StringBuilder(256).append("<row r=\"").append(row + 1).append("\">");
        List<CellValue> line = values.get(row - area.firstRow());
        for (int c = 0; c < line.size(); c++) {
            CellXml.cell(b, sheetName, row, area.firstColumn() + c, null, line.get(c));
        }
        out.write(b.append("</row>"));
    }

    @Override
    void rewrite(int row, String startTag, List<RawCell> cells, Out out) throws IOException {
        check();
        StringBuilder b = new StringBuilder(512);
        String tag = CellXml.withoutSpans(startTag);
        if (tag.endsWith("/>")) {
            tag = tag.substring(0, tag.length() - 2).stripTrailing() + ">";
        }
        b.append(tag);
        int i = 0;
        int first = area.firstColumn();
        int last = values == null ? area.lastColumn() : first + values.get(row - area.firstRow()).size() - 1;
        for (int column = first; column <= last; column++) {
            while (i < cells.size() && cells.get(i).column() < column) {
                b.append(new String(cells.get(i++).xml(), java.nio.charset.StandardCharsets.UTF_8));
            }
            RawCell existing = i < cells.size() && cells.get(i).column() == column ? cells.get(i++) : null;
            if (values == null) {
                if (existing != null) {
                    cleared += existing.holdsSomething() ? 1 : 0;
                    CellXml.cell(b, sheetName, row, column, existing.style(), CellValue.EMPTY);
                }
            } else {
                CellXml.cell(b, sheetName, row, column, existing == null ? null : existing.style(),
                        valueAt(row, column));
            }
        }
        while (i < cells.size()) {
            b.append(new String(cells.get(i++).xml(), java.nio.charset.StandardCharsets.UTF_8));
        }
        out.write(b.append("</row>"));
    }

    @Override
    void atEnd(Out out) throws IOException {
        check();
        while (values != null && nextNew <= area.lastRow()) {
            newRow(nextNew++, out);
        }
    }

    @Override
    boolean rulesStopIt() {
        return true;
    }

    @Override
    void finish() {
        check();
    }
}
