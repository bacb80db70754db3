package dev.sheetsmith.engine.xlsx.edit;

import dev.sheetsmith.domain.CellFormat;
import dev.sheetsmith.domain.CellRange;
import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.engine.xlsx.poi.DerivedStyles;
import dev.sheetsmith.engine.xlsx.poi.Ranges;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFColor;
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
    static final long MAX_CELLS = DerivedStyles.MAX_CELLS;

    // one for every format_range of a call (the ranges of an imported sheet, say), so that equal
    // changes to equal styles share one style, not one per range
    private final DerivedStyles derived;

    Styles(XSSFWorkbook wb) {
        this.derived = new DerivedStyles(wb.getStylesSource());
    }

    static XSSFColor color(String hex) {
        return DerivedStyles.color(hex);
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
        DerivedStyles.checkSize(range);
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

    private static int edges(CellRange range, int r, int c, CellFormat format) {
        return DerivedStyles.edges(range, r, c, format);
    }

    private XSSFCellStyle derive(XSSFCellStyle old, CellFormat format, int edges) {
        return derived.derive(old, format, edges);
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
