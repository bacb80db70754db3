package dev.sheetsmith.engine.xlsx.edit;

import dev.sheetsmith.domain.CellRange;
import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.SheetInput;
import dev.sheetsmith.domain.SheetLayout;
import dev.sheetsmith.domain.SheetLayout.Span;
import dev.sheetsmith.engine.xlsx.poi.ColumnWidths;
import dev.sheetsmith.engine.xlsx.poi.Ranges;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** set_sheet_layout: widths, heights, hidden and grouped lines, panes, filter, tab colour, printing. */
final class Layouts {

    /** Row spans touch every row object; more than this many rows at once is refused. */
    static final int MAX_ROWS_AT_ONCE = 100_000;

    private final XSSFWorkbook wb;
    private final DataFormatter formatter = new DataFormatter(Locale.ROOT);

    Layouts(XSSFWorkbook wb) {
        this.wb = wb;
    }

    String apply(XSSFSheet sheet, SheetLayout layout) {
        Cells cells = check(layout);
        List<String> done = new ArrayList<>();
        sizes(sheet, layout, done);
        visibility(sheet, layout, done);
        viewAndPrint(sheet, layout, cells, done);
        return "sheet '" + sheet.getSheetName() + "': " + String.join(", ", done);
    }

    /** The freeze cell, auto filter range and print area, parsed; null where a layout removes one. */
    private record Cells(CellRange freeze, CellRange filter, CellRange print) {
    }

    /** Everything that can refuse the layout, before anything changes: spans in bounds, cells that parse. */
    private static Cells check(SheetLayout layout) {
        for (Span span : concat(layout.rowHeights().keySet(), layout.hideRows(), layout.showRows())) {
            if (span.last() > CellRange.MAX_ROW || span.last() - span.first() + 1 > MAX_ROWS_AT_ONCE) {
                throw new InvalidInputException("rows " + rows(span) + " span more than " + MAX_ROWS_AT_ONCE
                        + " rows or pass the last row; give a smaller span");
            }
        }
        for (Span span : concat(layout.columnWidths().keySet(), layout.hideColumns(), layout.showColumns(),
                layout.groupColumns(), layout.ungroupColumns())) {
            if (span.last() > CellRange.MAX_COLUMN) {
                throw new InvalidInputException("columns " + columns(span) + " pass Excel's last column XFD");
            }
        }
        return new Cells(layout.freeze() == null || layout.freeze().equals("none") ? null : CellRange.cell(layout.freeze()),
                layout.autoFilter() == null || layout.autoFilter().equals("none") ? null
                        : CellRange.parse(layout.autoFilter()),
                layout.printArea() == null || layout.printArea().equals("none") ? null
                        : CellRange.parse(layout.printArea()));
    }

    /** Column widths (given, or fitted to the content) and row heights. */
    private void sizes(XSSFSheet sheet, SheetLayout layout, List<String> done) {
        int lastUsedColumn = Ranges.lastColumn(sheet);
        for (Map.Entry<Span, Double> e : layout.columnWidths().entrySet()) {
            Span span = e.getKey();
            boolean auto = e.getValue() == SheetLayout.AUTO;
            // Fitting looks at every row: only columns that hold something are fitted.
            int last = auto ? Math.min(span.last(), lastUsedColumn) : span.last();
            for (int c = span.first(); c <= last; c++) {
                double chars = auto ? fit(sheet, c) : e.getValue();
                sheet.setColumnWidth(c, (int) Math.round(chars * 256));
            }
            done.add("width of " + columns(span) + (auto ? " fitted"
                    : " " + e.getValue()));
        }
        for (Map.Entry<Span, Double> e : layout.rowHeights().entrySet()) {
            for (int r = e.getKey().first(); r <= e.getKey().last(); r++) {
                row(sheet, r).setHeightInPoints(e.getValue().floatValue());
            }
            done.add("height of rows " + rows(e.getKey()) + " " + e.getValue());
        }
    }

    /** Rows and columns hidden, shown, grouped and ungrouped. */
    private void visibility(XSSFSheet sheet, SheetLayout layout, List<String> done) {
        lines(sheet, layout.hideRows(), true, true, done);
        lines(sheet, layout.showRows(), true, false, done);
        lines(sheet, layout.hideColumns(), false, true, done);
        lines(sheet, layout.showColumns(), false, false, done);
        for (Span span : layout.groupRows()) {
            sheet.groupRow(span.first(), span.last());
            done.add("grouped rows " + rows(span));
        }
        for (Span span : layout.ungroupRows()) {
            sheet.ungroupRow(span.first(), span.last());
            done.add("ungrouped rows " + rows(span));
        }
        for (Span span : layout.groupColumns()) {
            sheet.groupColumn(span.first(), span.last());
            done.add("grouped columns " + columns(span));
        }
        for (Span span : layout.ungroupColumns()) {
            sheet.ungroupColumn(span.first(), span.last());
            done.add("ungrouped columns " + columns(span));
        }
    }

    /** Frozen panes, auto filter, tab colour, print area and orientation. */
    private void viewAndPrint(XSSFSheet sheet, SheetLayout layout, Cells cells, List<String> done) {
        if (layout.freeze() != null) {
            if (cells.freeze() == null) {
                sheet.createFreezePane(0, 0);
                done.add("panes unfrozen");
            } else {
                sheet.createFreezePane(cells.freeze().firstColumn(), cells.freeze().firstRow());
                done.add("frozen above and left of " + cells.freeze().toA1());
            }
        }
        if (layout.autoFilter() != null) {
            if (cells.filter() == null) {
                if (sheet.getCTWorksheet().isSetAutoFilter()) {
                    sheet.getCTWorksheet().unsetAutoFilter();
                }
                done.add("auto filter removed");
            } else {
                sheet.setAutoFilter(Ranges.address(cells.filter()));
                done.add("auto filter on " + cells.filter().toA1());
            }
        }
        if (layout.tabColor() != null) {
            sheet.setTabColor(Styles.color(layout.tabColor()));
            done.add("tab colour " + layout.tabColor());
        }
        int index = wb.getSheetIndex(sheet);
        if (layout.printArea() != null) {
            if (cells.print() == null) {
                wb.removePrintArea(index);
                done.add("print area removed");
            } else {
                wb.setPrintArea(index, cells.print().firstColumn(), cells.print().lastColumn(), cells.print().firstRow(), cells.print().lastRow());
                done.add("print area " + cells.print().toA1());
            }
        }
        if (layout.orientation() != null) {
            sheet.getPrintSetup().setLandscape(layout.orientation().equals("landscape"));
            done.add(layout.orientation());
        }
    }

    private void lines(XSSFSheet sheet, List<Span> spans, boolean rows, boolean hide, List<String> done) {
        for (Span span : spans) {
            for (int i = span.first(); i <= span.last(); i++) {
                if (rows) {
                    Row row = hide ? row(sheet, i) : sheet.getRow(i);
                    if (row != null) {
                        row.setZeroHeight(hide);
                    }
                } else {
                    sheet.setColumnHidden(i, hide);
                }
            }
            done.add((hide ? "hid " : "showed ") + (rows ? "rows " + rows(span) : "columns " + columns(span)));
        }
    }

    /** Width in characters that shows the column's longest formatted value. */
    private double fit(XSSFSheet sheet, int column) {
        int longest = 0;
        for (Row row : sheet) {
            Cell cell = row.getCell(column);
            if (cell != null) {
                String text = formatter.formatCellValue(cell);
                int newline = text.indexOf('\n');
                longest = Math.max(longest, newline >= 0 ? newline : text.length());
            }
        }
        return ColumnWidths.fit(longest + 2);
    }

    private static Row row(XSSFSheet sheet, int r) {
        Row row = sheet.getRow(r);
        return row == null ? sheet.createRow(r) : row;
    }

    static String rows(Span span) {
        return span.first() == span.last() ? String.valueOf(span.first() + 1) : (span.first() + 1) + ":" + (span.last() + 1);
    }

    static String columns(Span span) {
        String first = SheetInput.columnLetter(span.first());
        return span.first() == span.last() ? first : first + ":" + SheetInput.columnLetter(span.last());
    }

    @SafeVarargs
    private static List<Span> concat(java.util.Collection<Span>... parts) {
        List<Span> all = new ArrayList<>();
        for (var part : parts) {
            all.addAll(part);
        }
        return all;
    }
}
