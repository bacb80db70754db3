package dev.sheetsmith.engine.xlsx.edit.stream;

import dev.sheetsmith.domain.CellRange;
import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.WorkbookEdit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * insert/delete_rows_or_columns on the stream. Rows: rows before the change are copied, the
 * deleted ones left out, the rest renumbered (the row's {@code r} and each cell's), their cells,
 * styles, heights and other attributes kept, as POI's {@code shiftRows} moves them. Columns: every
 * row is kept (its {@code spans}, a hint the move makes wrong, dropped), each cell's {@code r}
 * gets its new letters, the deleted columns' cells are left out, as the user model's
 * {@code shiftColumns} moves them; the {@code <col>} ranges (widths) move as {@link ShiftedColumns}
 * says, on both paths. Only a sheet with nothing else that refers to rows or columns streams: no
 * formulas (checked here, row by row), no column styles, and, after sheetData, only print and page
 * settings (no merged cells, links, rules, breaks, filters, drawings, notes or tables); the
 * workbook-wide checks are the package's.
 *
 * <p>The dimension is set as POI's user model sets it when it writes: from the first to the
 * last row, from the first to the last cell's column. It is written before the rows are read, so
 * it is guessed from the old one; a wrong guess is found at the end and the part written again
 * with the dimension found ({@link WrongGuess}).
 */
final class ShiftRewrite extends SheetRewrite {

    /** The dimension guessed was not the one the rows make: write again with {@link #dimension}. */
    static final class WrongGuess extends RuntimeException {
        final String dimension;

        WrongGuess(String dimension) {
            super(null, null, false, false);
            this.dimension = dimension;
        }
    }

    private static final Pattern R = Pattern.compile("(\\sr\\s*=\\s*)(\"[^\"]*\"|'[^']*')");
    /** What may follow sheetData: nothing there refers to cells. */
    private static final Set<String> KEPT_AFTER = Set.of("sheetCalcPr", "sheetProtection", "phoneticPr",
            "printOptions", "pageMargins", "pageSetup", "headerFooter", "oddHeader", "oddFooter", "evenHeader", "evenFooter",
            "firstHeader", "firstFooter");
    private static final Pattern ELEMENT = Pattern.compile("<([A-Za-z][\\w.-]*)");

    private final boolean rows;
    private final boolean insert;
    private final int at;
    private final int count;
    private final String assumed;
    private String old;
    private String written;
    private boolean hasDimension;
    private int outFirst = -1;
    private int outLast = -1;
    private int minColumn = Integer.MAX_VALUE;
    private int maxColumn = -1;

    /** @param assumed the dimension to write, from a first pass; null: guess it from the old one */
    ShiftRewrite(String sheetName, WorkbookEdit.ShiftLines edit, String assumed) {
        super(sheetName);
        this.rows = edit.rows();
        this.insert = edit.insert();
        this.at = edit.at();
        this.count = edit.count();
        this.assumed = assumed;
    }

    @Override
    String dimension(String old) {
        this.old = old;
        this.hasDimension = true;
        if (assumed != null) {
            written = assumed;
            return assumed;
        }
        CellRange was = CellsRewrite.parse(old);
        if (was == null) {
            return null;
        }
        if (!rows) {
            int first = moved(was.firstColumn(), CellRange.MAX_COLUMN);
            int last = Math.max(first, moved(was.lastColumn(), CellRange.MAX_COLUMN));
            written = new CellRange(was.firstRow(), first, was.lastRow(), last).toA1();
            return written;
        }
        int first = moved(was.firstRow(), CellRange.MAX_ROW);
        int last = Math.max(first, moved(was.lastRow(), CellRange.MAX_ROW));
        written = new CellRange(first, was.firstColumn(), Math.min(last, CellRange.MAX_ROW), was.lastColumn()).toA1();
        return written;
    }

    /** Where row or column {@code line} goes (a deleted one: the first after the gap). */
    private int moved(int line, int max) {
        if (insert) {
            return line >= at ? Math.min(line + count, max) : line;
        }
        return line < at ? line : line >= at + count ? line - count : at;
    }

    /** Where a cell in column {@code column} goes; -1: deleted. */
    private int columnTo(int column) {
        if (insert) {
            if (column < at) {
                return column;
            }
            if (column + count > CellRange.MAX_COLUMN) {
                throw new InvalidInputException("inserting " + count + " columns pushes data past Excel's last column");
            }
            return column + count;
        }
        return column < at ? column : column >= at + count ? column - count : -1;
    }

    @Override
    String cols(String start, List<String> cols) {
        if (rows) {
            return super.cols(start, cols);
        }
        StringBuilder moved = new StringBuilder();
        for (String col : cols) {
            var attributes = CellXml.attributes(col);
            int[] range;
            try {
                range = ShiftedColumns.range(Integer.parseInt(attributes.get("min").strip()),
                        Integer.parseInt(attributes.get("max").strip()), insert, at, count);
            } catch (RuntimeException e) {
                throw new NotStreamable("a col without a readable min and max");
            }
            if (range != null) {
                moved.append(withAttribute(withAttribute(col, "min", range[0]), "max", range[1]));
            }
        }
        if (moved.isEmpty()) {
            return ""; // no col left: no cols (the schema wants at least one col in it)
        }
        return (start.endsWith("/>") ? "<cols>" : start) + moved + "</cols>";
    }

    /** A tag with attribute {@code name} set to {@code value}. */
    private static String withAttribute(String tag, String name, int value) {
        Matcher m = Pattern.compile("(\\s" + name + "\\s*=\\s*)(\"[^\"]*\"|'[^']*')").matcher(tag);
        if (!m.find()) {
            throw new NotStreamable("a col without " + name);
        }
        return tag.substring(0, m.start(2)) + '"' + value + '"' + tag.substring(m.end(2));
    }

    @Override
    boolean touches(int row) {
        check();
        return true;
    }

    private void check() {
        stopAtFormulas("moves and recomputes");
    }

    @Override
    void before(int row, Out out) {
    }

    @Override
    boolean moves() {
        return true;
    }

    /**
     * The row at the byte level: a row that stays is copied as it is, a moved one with its and
     * its cells' row digits set, a deleted one skipped; its cells' columns and formulas noted.
     */
    @Override
    void move(int row, String startTag, boolean empty, Bytes bytes, Out out) throws IOException {
        check();
        int[] span = {Integer.MAX_VALUE, -1};
        if (!rows) {
            if (outFirst < 0) {
                outFirst = row;
            }
            outLast = row;
            out.write(CellXml.withoutSpans(startTag));
            if (!empty) {
                formulaSeen |= bytes.shiftCells(out.out, this::columnTo, span);
            }
            check();
            minColumn = Math.min(minColumn, span[0]);
            maxColumn = Math.max(maxColumn, span[1]);
            return;
        }
        boolean deleted = !insert && row >= at && row < at + count;
        int target = insert ? (row >= at ? row + count : row) : (row >= at + count ? row - count : row);
        if (deleted || target > CellRange.MAX_ROW) {
            formulaSeen |= !empty && bytes.moveRow(null, null, span);
            check();
            if (deleted) {
                return;
            }
            throw new InvalidInputException("inserting " + count + " rows pushes data past Excel's last row");
        }
        if (outFirst < 0) {
            outFirst = target;
        }
        outLast = target;
        if (target == row) {
            out.write(startTag);
            if (!empty) {
                formulaSeen |= bytes.moveRow(out.out, null, span);
            }
        } else {
            String number = Integer.toString(target + 1);
            out.write(withR(startTag, number));
            if (!empty) {
                formulaSeen |= bytes.moveRow(out.out, number.getBytes(StandardCharsets.US_ASCII), span);
            }
        }
        check();
        minColumn = Math.min(minColumn, span[0]);
        maxColumn = Math.max(maxColumn, span[1]);
    }

    @Override
    void rewrite(int row, String startTag, List<RawCell> cells, Out out) {
        throw new UnsupportedOperationException("rows go through move()");
    }

    /** A row's start tag with its first r attribute set. */
    private static String withR(String xml, String value) {
        Matcher m = R.matcher(xml);
        if (!m.find()) {
            throw new NotStreamable("a row or cell without its reference (r)");
        }
        return xml.substring(0, m.start(2)) + '"' + value + '"' + xml.substring(m.end(2));
    }

    @Override
    void atEnd(Out out) {
        check();
    }

    @Override
    boolean rulesStopIt() {
        return true;
    }

    @Override
    void checkTail(String rest) {
        Matcher m = ELEMENT.matcher(rest);
        while (m.find()) {
            if (!KEPT_AFTER.contains(m.group(1)) && !m.group(1).equals("worksheet")) {
                throw new NotStreamable("<" + m.group(1) + "> after the cells, which may refer to moved rows or columns");
            }
        }
    }

    @Override
    void finish() {
        check();
        if (maxColumn < 0) {
            if (written != null && !written.equals(old)) {
                throw new WrongGuess(old); // no cells: POI leaves the dimension as it was
            }
            return;
        }
        if (!hasDimension || old == null) {
            throw new NotStreamable("a sheet without a dimension, which POI adds");
        }
        String actual = new CellRange(outFirst, minColumn, outLast, maxColumn).toA1();
        if (!actual.equals(written)) {
            throw new WrongGuess(actual);
        }
    }
}
