package dev.sheetsmith.engine.xlsx.edit.stream;

import dev.sheetsmith.domain.CellFormat;
import dev.sheetsmith.domain.CellRange;
import dev.sheetsmith.engine.xlsx.poi.DerivedStyles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * format_range on the stream: only the {@code s} attributes of the range's cells change (and, for
 * whole rows, the rows' own style), each to the style {@link DerivedStyles} makes from the old one,
 * in the order the user model makes them (row by row, column by column), so the styles part comes
 * out as the user model writes it. A rectangle creates its missing rows and cells, styled, as the
 * user model does; whole rows style the rows that exist and their cells. Whole columns (the
 * {@code <cols>} the user model splits and restyles) and sheets whose columns carry a style (the
 * user model writes that style into every cell without one) do not stream; nor do formulas (the
 * user model recomputes them after any edit) or rules on the sheet (it rewrites their formulas).
 */
final class FormatRewrite extends SheetRewrite {


    private static final Pattern S = attribute("s");
    private static final Pattern CUSTOM_FORMAT = attribute("customFormat");

    private final CellRange range;
    private final CellFormat format;
    private final DerivedStyles styles;
    private final boolean wholeRows;
    private int nextNew;
    /** Whole rows: the existing cells formatted. */
    private long cells;

    FormatRewrite(String sheetName, CellRange range, CellFormat format, DerivedStyles styles) {
        super(sheetName);
        this.range = range;
        this.format = format;
        this.styles = styles;
        boolean wholeColumns = range.firstRow() == 0 && range.lastRow() == CellRange.MAX_ROW;
        this.wholeRows = range.firstColumn() == 0 && range.lastColumn() == CellRange.MAX_COLUMN;
        if (wholeColumns && !wholeRows) {
            throw new NotStreamable("whole columns, whose column styles the user model sets in <cols>");
        }
        if (!wholeRows) {
            DerivedStyles.checkSize(range);
        }
        this.nextNew = range.firstRow();
    }

    /** The account of the change, as the user model's path gives it. */
    String summary() {
        if (wholeRows) {
            return "formatted " + range.toA1() + " on sheet '" + sheetName + "' (" + cells
                    + " existing cell(s); new cells there take the format too)";
        }
        return "formatted " + range.toA1() + " on sheet '" + sheetName + "' (" + range.cellCount() + " cell(s))";
    }

    @Override
    String dimension(String old) {
        if (wholeRows) {
            return null;
        }
        CellRange was = CellsRewrite.parse(old);
        if (was == null) {
            return range.toA1();
        }
        return new CellRange(Math.min(was.firstRow(), range.firstRow()), Math.min(was.firstColumn(), range.firstColumn()),
                Math.max(was.lastRow(), range.lastRow()), Math.max(was.lastColumn(), range.lastColumn())).toA1();
    }

    @Override
    boolean touches(int row) {
        check();
        return row >= range.firstRow() && row <= range.lastRow();
    }

    private void check() {
        stopAtFormulas("recomputes after the edit");
    }

    @Override
    void before(int row, Out out) throws IOException {
        while (!wholeRows && nextNew < row && nextNew <= range.lastRow()) {
            newRow(nextNew++, out);
        }
        if (row >= nextNew) {
            nextNew = row + 1;
        }
    }

    private void newRow(int row, Out out) throws IOException {
        StringBuilder b = new StringBuilder(64 + 24 * range.columnCount()).append("<row r=\"").append(row + 1).append("\">");
        for (int c = range.firstColumn(); c <= range.lastColumn(); c++) {
            newCell(b, row, c);
        }
        out.write(b.append("</row>"));
    }

    private void newCell(StringBuilder b, int row, int column) {
        b.append("<c r=\"").append(CellXml.ref(row, column)).append("\" s=\"").append(style(0, row, column))
                .append("\"/>");
    }

    private int style(int old, int row, int column) {
        return styles.derive(old, format, DerivedStyles.edges(range, row, column, format));
    }

    @Override
    void rewrite(int row, String startTag, List<RawCell> cells, Out out) throws IOException {
        check();
        String tag = startTag;
        if (wholeRows) {
            String s = CellXml.attributes(tag).get("s");
            int rowStyle = styles.derive(s == null ? -1 : index(s), format,
                    DerivedStyles.edges(range, row, range.firstColumn(), format));
            tag = withAttribute(withAttribute(tag, "s", Integer.toString(rowStyle)), "customFormat", "1");
        }
        boolean creates = !wholeRows
                && cells.stream().filter(c -> range.contains(row, c.column())).count() < range.columnCount();
        if (creates) {
            tag = CellXml.withoutSpans(tag);
        }
        if (tag.endsWith("/>")) {
            if (cells.isEmpty() && !creates) {
                out.write(tag);
                return;
            }
            tag = tag.substring(0, tag.length() - 2).stripTrailing() + ">";
        }
        StringBuilder b = new StringBuilder(512).append(tag);
        if (wholeRows) {
            for (RawCell cell : cells) {
                restyle(b, cell, row);
                this.cells++;
            }
        } else {
            int i = 0;
            for (int column = range.firstColumn(); column <= range.lastColumn(); column++) {
                while (i < cells.size() && cells.get(i).column() < column) {
                    b.append(new String(cells.get(i++).xml(), StandardCharsets.UTF_8));
                }
                if (i < cells.size() && cells.get(i).column() == column) {
                    restyle(b, cells.get(i++), row);
                } else {
                    newCell(b, row, column);
                }
            }
            while (i < cells.size()) {
                b.append(new String(cells.get(i++).xml(), StandardCharsets.UTF_8));
            }
        }
        out.write(b.append("</row>"));
    }

    /** The cell with its new style; nothing else of it changes. */
    private void restyle(StringBuilder b, RawCell cell, int row) {
        String s = cell.style();
        int style = style(s == null ? 0 : index(s), row, cell.column());
        String xml = new String(cell.xml(), StandardCharsets.UTF_8);
        int end = startTagEnd(xml);
        b.append(withAttribute(xml.substring(0, end), "s", Integer.toString(style))).append(xml, end, xml.length());
    }

    private static int index(String s) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            throw new NotStreamable("a style index that is not a number: " + s);
        }
    }

    /** The length of the start tag at the front of {@code xml} (quotes skipped). */
    private static int startTagEnd(String xml) {
        char quote = 0;
        for (int i = 0; i < xml.length(); i++) {
            char ch = xml.charAt(i);
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                }
            } else if (ch == '"' || ch == '\'') {
                quote = ch;
            } else if (ch == '>') {
                return i + 1;
            }
        }
        throw new NotStreamable("a cell's start tag does not end");
    }

    /** A start tag with attribute {@code name} set to {@code value} (replaced in place, or added after the name). */
    static String withAttribute(String tag, String name, String value) {
        Matcher m = (name.equals("s") ? S : CUSTOM_FORMAT).matcher(tag);
        if (m.find()) {
            return tag.substring(0, m.start()) + m.group(1) + name + "=\"" + value + "\"" + tag.substring(m.end());
        }
        int at = 1;
        while (at < tag.length() && !Bytes.isSpace(tag.charAt(at)) && tag.charAt(at) != '/' && tag.charAt(at) != '>') {
            at++;
        }
        return tag.substring(0, at) + " " + name + "=\"" + value + "\"" + tag.substring(at);
    }

    private static Pattern attribute(String name) {
        return Pattern.compile("(\\s)" + name + "\\s*=\\s*(\"[^\"]*\"|'[^']*')");
    }

    @Override
    void atEnd(Out out) throws IOException {
        check();
        while (!wholeRows && nextNew <= range.lastRow()) {
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
