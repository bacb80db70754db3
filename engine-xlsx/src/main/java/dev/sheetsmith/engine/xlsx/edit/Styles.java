package dev.sheetsmith.engine.xlsx.edit;

import dev.sheetsmith.domain.CellFormat;
import dev.sheetsmith.domain.CellRange;
import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.engine.xlsx.poi.Ranges;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.FontUnderline;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFTable;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * format_range and merge_cells. A cell's new style is its old one with the asked changes on top, so
 * formats given in earlier calls stay; styles are shared by every cell that had the same old style
 * and the same place on the range's edge, so a large range adds a handful of styles, not one a cell.
 */
final class Styles {

    /** A rectangle beyond this many cells must be given as whole columns or rows. */
    static final long MAX_CELLS = 2_000_000;

    /** The four edges of a cell: bit in the edge mask, line setter, colour setter. */
    private record Edge(int bit, BiConsumer<XSSFCellStyle, BorderStyle> line,
            BiConsumer<XSSFCellStyle, XSSFColor> color) {
    }

    private static final List<Edge> EDGES = List.of(
            new Edge(1, XSSFCellStyle::setBorderTop, XSSFCellStyle::setTopBorderColor),
            new Edge(2, XSSFCellStyle::setBorderBottom, XSSFCellStyle::setBottomBorderColor),
            new Edge(4, XSSFCellStyle::setBorderLeft, XSSFCellStyle::setLeftBorderColor),
            new Edge(8, XSSFCellStyle::setBorderRight, XSSFCellStyle::setRightBorderColor));

    /** A derived style: the old one, the edges that take the border line, and the change. */
    private record Derived(int old, int edges, CellFormat format) {
    }

    private record DerivedFont(int old, CellFormat.Font change) {
    }

    private final XSSFWorkbook wb;
    // keyed by the change too, so that one Styles serves every format_range of a call (the ranges of
    // an imported sheet, say) and equal changes to equal styles share one style, not one per range
    private final Map<Derived, XSSFCellStyle> derived = new HashMap<>();
    private final Map<DerivedFont, XSSFFont> fonts = new HashMap<>();

    Styles(XSSFWorkbook wb) {
        this.wb = wb;
    }

    static XSSFColor color(String hex) {
        int rgb = Integer.parseInt(hex, 16);
        // ARGB, opaque: OOXML colour values are four bytes.
        return new XSSFColor(new byte[] {(byte) 0xFF, (byte) (rgb >> 16), (byte) (rgb >> 8), (byte) rgb}, null);
    }

    String format(XSSFSheet sheet, CellRange range, CellFormat format) {
        boolean wholeColumns = range.firstRow() == 0 && range.lastRow() == CellRange.MAX_ROW;
        boolean wholeRows = range.firstColumn() == 0 && range.lastColumn() == CellRange.MAX_COLUMN;
        long cells = 0;
        if (wholeColumns || wholeRows) {
            // Existing cells take the format; the column (or row) style covers cells typed later.
            int lastRow = Math.min(range.lastRow(), sheet.getLastRowNum());
            for (int r = range.firstRow(); r <= lastRow; r++) {
                Row row = sheet.getRow(r);
                if (row == null) {
                    continue;
                }
                if (wholeRows) {
                    XSSFCellStyle rowStyle = row.isFormatted() ? (XSSFCellStyle) row.getRowStyle() : null;
                    row.setRowStyle(derive(rowStyle, format, edges(range, r, range.firstColumn(), format)));
                }
                for (Cell cell : row) {
                    if (range.contains(r, cell.getColumnIndex())) {
                        apply(cell, range, format);
                        cells++;
                    }
                }
            }
            if (wholeColumns && !wholeRows) {
                for (int c = range.firstColumn(); c <= range.lastColumn(); c++) {
                    XSSFCellStyle columnStyle = (XSSFCellStyle) sheet.getColumnStyle(c);
                    sheet.setDefaultColumnStyle(c, derive(columnStyle, format, edges(range, 1, c, format)));
                }
            }
            return "formatted " + range.toA1() + " on sheet '" + sheet.getSheetName() + "' (" + cells
                    + " existing cell(s); new cells there take the format too)";
        }
        if (range.cellCount() > MAX_CELLS) {
            throw new InvalidInputException("range " + range.toA1() + " has " + range.cellCount() + " cells; format at most "
                    + MAX_CELLS + " at once, or give whole columns (B:D) or rows (2:5)");
        }
        for (int r = range.firstRow(); r <= range.lastRow(); r++) {
            Row row = sheet.getRow(r) == null ? sheet.createRow(r) : sheet.getRow(r);
            for (int c = range.firstColumn(); c <= range.lastColumn(); c++) {
                Cell cell = row.getCell(c) == null ? row.createCell(c) : row.getCell(c);
                apply(cell, range, format);
            }
        }
        return "formatted " + range.toA1() + " on sheet '" + sheet.getSheetName() + "' (" + range.cellCount()
                + " cell(s))";
    }

    private void apply(Cell cell, CellRange range, CellFormat format) {
        int edges = edges(range, cell.getRowIndex(), cell.getColumnIndex(), format);
        cell.setCellStyle(derive((XSSFCellStyle) cell.getCellStyle(), format, edges));
    }

    /** Bits 0-3: the cell's top, bottom, left, right edge gets the border line. */
    private static int edges(CellRange range, int r, int c, CellFormat format) {
        if (format.border() == null) {
            return 0;
        }
        var sides = format.border().sides();
        int bits = 0;
        if ((sides.contains(CellFormat.Side.TOP) && r == range.firstRow())
                || (sides.contains(CellFormat.Side.INSIDE_HORIZONTAL) && r > range.firstRow())) {
            bits |= 1;
        }
        if ((sides.contains(CellFormat.Side.BOTTOM) && r == range.lastRow())
                || (sides.contains(CellFormat.Side.INSIDE_HORIZONTAL) && r < range.lastRow())) {
            bits |= 2;
        }
        if ((sides.contains(CellFormat.Side.LEFT) && c == range.firstColumn())
                || (sides.contains(CellFormat.Side.INSIDE_VERTICAL) && c > range.firstColumn())) {
            bits |= 4;
        }
        if ((sides.contains(CellFormat.Side.RIGHT) && c == range.lastColumn())
                || (sides.contains(CellFormat.Side.INSIDE_VERTICAL) && c < range.lastColumn())) {
            bits |= 8;
        }
        return bits;
    }

    private XSSFCellStyle derive(XSSFCellStyle old, CellFormat format, int edges) {
        int oldIndex = old == null ? 0 : old.getIndex();
        Derived key = new Derived(oldIndex, edges, format);
        XSSFCellStyle existing = derived.get(key);
        if (existing != null) {
            return existing;
        }
        XSSFCellStyle style = wb.createCellStyle();
        style.cloneStyleFrom(old == null ? wb.getCellStyleAt(0) : old);
        if (format.font() != null) {
            style.setFont(font(style.getFont(), format.font()));
        }
        if (format.fillColor() != null) {
            if (format.fillColor().equals("none")) {
                style.setFillPattern(FillPatternType.NO_FILL);
            } else {
                style.setFillForegroundColor(color(format.fillColor()));
                style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            }
        }
        if (format.border() != null) {
            BorderStyle line = BorderStyle.valueOf(format.border().style().toUpperCase(Locale.ROOT));
            XSSFColor lineColor = format.border().color() == null ? null : color(format.border().color());
            for (Edge edge : EDGES) {
                if ((edges & edge.bit()) != 0) {
                    edge.line().accept(style, line);
                    if (lineColor != null) {
                        edge.color().accept(style, lineColor);
                    }
                }
            }
        }
        CellFormat.Alignment a = format.alignment();
        if (a != null) {
            if (a.horizontal() != null) {
                style.setAlignment(a.horizontal().equals("center_across") ? HorizontalAlignment.CENTER_SELECTION
                        : HorizontalAlignment.valueOf(a.horizontal().toUpperCase(Locale.ROOT)));
            }
            if (a.vertical() != null) {
                style.setVerticalAlignment(VerticalAlignment.valueOf(a.vertical().toUpperCase(Locale.ROOT)));
            }
            if (a.wrap() != null) {
                style.setWrapText(a.wrap());
            }
            if (a.indent() != null) {
                style.setIndention(a.indent().shortValue());
            }
            if (a.rotation() != null) {
                // OOXML keeps 0-90 up and 91-180 for 1-90 degrees down.
                int degrees = a.rotation();
                style.setRotation((short) (degrees < 0 ? 90 - degrees : degrees));
            }
        }
        if (format.numberFormat() != null) {
            style.setDataFormat(wb.createDataFormat().getFormat(format.numberFormat()));
        }
        derived.put(key, style);
        return style;
    }

    private XSSFFont font(XSSFFont old, CellFormat.Font change) {
        DerivedFont key = new DerivedFont(old.getIndex(), change);
        XSSFFont cached = fonts.get(key);
        if (cached != null) {
            return cached;
        }
        XSSFFont font = wb.createFont();
        font.getCTFont().set(old.getCTFont().copy());
        if (change.bold() != null) {
            font.setBold(change.bold());
        }
        if (change.italic() != null) {
            font.setItalic(change.italic());
        }
        if (change.underline() != null) {
            font.setUnderline(switch (change.underline()) {
                case "single" -> FontUnderline.SINGLE;
                case "double" -> FontUnderline.DOUBLE;
                default -> FontUnderline.NONE;
            });
        }
        if (change.size() != null) {
            font.setFontHeight(change.size());
        }
        if (change.color() != null) {
            font.setColor(color(change.color()));
        }
        if (change.name() != null) {
            font.setFontName(change.name());
        }
        fonts.put(key, font);
        return font;
    }

    String merge(XSSFSheet sheet, CellRange range) {
        CellRangeAddress wanted = Ranges.address(range);
        for (CellRangeAddress merged : sheet.getMergedRegions()) {
            if (merged.intersects(wanted)) {
                throw new InvalidInputException(range.toA1() + " overlaps the merged cells " + merged.formatAsString()
                        + " on sheet '" + sheet.getSheetName() + "'; unmerge them first (merge_cells with unmerge: true)");
            }
        }
        for (XSSFTable table : sheet.getTables()) {
            CellRangeAddress area = Tables.area(table);
            if (area.intersects(wanted)) {
                throw new InvalidInputException(range.toA1() + " overlaps table '" + table.getName() + "' ("
                        + area.formatAsString() + "); Excel does not allow merged cells in a table");
            }
        }
        if (range.cellCount() > MAX_CELLS) {
            throw new InvalidInputException("range " + range.toA1() + " is too large to merge");
        }
        List<String> others = new java.util.ArrayList<>();
        int lastRow = Math.min(range.lastRow(), sheet.getLastRowNum());
        for (int r = range.firstRow(); r <= lastRow && others.size() < 6; r++) {
            Row row = sheet.getRow(r);
            if (row == null) {
                continue;
            }
            for (Cell cell : row) {
                boolean topLeft = r == range.firstRow() && cell.getColumnIndex() == range.firstColumn();
                if (!topLeft && range.contains(r, cell.getColumnIndex())
                        && cell.getCellType() != org.apache.poi.ss.usermodel.CellType.BLANK) {
                    others.add(cell.getAddress().formatAsString());
                }
            }
        }
        if (!others.isEmpty()) {
            throw new InvalidInputException("merging " + range.toA1() + " would keep only the top-left cell's value,"
                    + " but " + String.join(", ", others.subList(0, Math.min(5, others.size())))
                    + (others.size() > 5 ? " and more" : "") + " hold values too; clear or move them first");
        }
        sheet.addMergedRegion(wanted);
        return "merged " + range.toA1() + " on sheet '" + sheet.getSheetName() + "'";
    }

    String unmerge(XSSFSheet sheet, CellRange range) {
        CellRangeAddress wanted = Ranges.address(range);
        List<String> removed = new java.util.ArrayList<>();
        for (int i = sheet.getNumMergedRegions() - 1; i >= 0; i--) {
            CellRangeAddress merged = sheet.getMergedRegion(i);
            if (merged.intersects(wanted)) {
                removed.add(0, merged.formatAsString());
                sheet.removeMergedRegion(i);
            }
        }
        if (removed.isEmpty()) {
            throw new InvalidInputException("there are no merged cells in " + range.toA1() + " on sheet '"
                    + sheet.getSheetName() + "'");
        }
        return "unmerged " + String.join(", ", removed) + " on sheet '" + sheet.getSheetName() + "'";
    }
}
