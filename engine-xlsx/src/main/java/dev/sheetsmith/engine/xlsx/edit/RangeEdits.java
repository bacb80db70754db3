package dev.sheetsmith.engine.xlsx.edit;

import dev.sheetsmith.domain.CellRange;
import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.WorkbookEdit;
import dev.sheetsmith.engine.xlsx.poi.CellStrings;
import dev.sheetsmith.engine.xlsx.poi.CellWriter;
import dev.sheetsmith.engine.xlsx.poi.FormulaPolicy;
import dev.sheetsmith.engine.xlsx.edit.stream.ShiftedColumns;
import dev.sheetsmith.engine.xlsx.poi.Ranges;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.poi.ss.formula.FormulaParser;
import org.apache.poi.ss.formula.FormulaRenderer;
import org.apache.poi.ss.formula.FormulaType;
import org.apache.poi.ss.formula.ptg.AreaPtgBase;
import org.apache.poi.ss.formula.ptg.Ptg;
import org.apache.poi.ss.formula.ptg.RefPtgBase;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFEvaluationWorkbook;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTCol;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTCols;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTRow;

/** Range-level edits on POI's user model: clear, copy, sort, replace, insert and delete lines. */
final class RangeEdits {

    private final XSSFWorkbook wb;
    private final XSSFEvaluationWorkbook formulas;
    private final CellWriter cells;

    RangeEdits(XSSFWorkbook wb) {
        this.wb = wb;
        this.formulas = XSSFEvaluationWorkbook.create(wb);
        this.cells = new CellWriter(wb);
    }

    /** What a cell held, detached from the sheet so a copy or sort may overwrite its source. */
    private record Snapshot(CellType type, Object value, String formula, CellStyle style, int row, int column) {
    }

    String clear(Sheet sheet, CellRange range) {
        int cleared = 0;
        for (Row row : rows(sheet, range)) {
            for (int c = range.firstColumn(); c <= Math.min(range.lastColumn(), Math.max(0, row.getLastCellNum() - 1)); c++) {
                Cell cell = row.getCell(c);
                if (cell == null) {
                    continue;
                }
                if (cell.getCellType() != CellType.BLANK) {
                    cleared++;
                }
                // An array formula goes as a whole when the range covers all of it (else clear() refuses).
                if (cell.isPartOfArrayFormulaGroup()) {
                    CellRangeAddress array = cell.getArrayFormulaRange();
                    if (range.contains(array.getFirstRow(), array.getFirstColumn())
                            && range.contains(array.getLastRow(), array.getLastColumn())) {
                        sheet.removeArrayFormula(cell);
                    }
                }
                CellWriter.clear(cell, sheet.getSheetName());
            }
        }
        return "cleared " + cleared + " cell(s) in " + range.toA1() + " on sheet '" + sheet.getSheetName() + "'";
    }

    String copy(Sheet source, CellRange from, Sheet target, CellRange to) {
        List<Snapshot> cells = snapshot(source, from);
        int dRow = to.firstRow() - from.firstRow();
        int dCol = to.firstColumn() - from.firstColumn();
        CellRange covered = new CellRange(to.firstRow(), to.firstColumn(), to.firstRow() + from.rowCount() - 1,
                to.firstColumn() + from.columnCount() - 1);
        for (Row row : rows(target, covered)) {
            row.forEach(cell -> {
                if (covered.contains(cell.getRowIndex(), cell.getColumnIndex())) {
                    CellWriter.clear(cell, target.getSheetName());
                }
            });
        }
        for (Snapshot s : cells) {
            restore(target, s, s.row() + dRow, s.column() + dCol, dRow, dCol);
        }
        return "copied " + from.toA1() + " of sheet '" + source.getSheetName() + "' to " + covered.toA1()
                + " of sheet '" + target.getSheetName() + "'";
    }

    String sort(Sheet sheet, WorkbookEdit.SortRange sort) {
        CellRange range = sort.range();
        int firstData = range.firstRow() + (sort.hasHeader() ? 1 : 0);
        int lastRow = Math.min(range.lastRow(), sheet.getLastRowNum());
        if (firstData > lastRow) {
            return "nothing to sort in " + range.toA1();
        }
        CellRange data = new CellRange(firstData, range.firstColumn(), lastRow, range.lastColumn());
        List<Snapshot> cells = snapshot(sheet, data);
        List<List<Snapshot>> rows = new ArrayList<>();
        for (int r = 0; r < data.rowCount(); r++) {
            rows.add(new ArrayList<>());
        }
        for (Snapshot s : cells) {
            rows.get(s.row() - firstData).add(s);
        }
        List<Integer> order = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            order.add(r);
        }
        Comparator<Integer> byKeys = null;
        for (WorkbookEdit.SortKey key : sort.keys()) {
            Comparator<Integer> one = (a, b) -> compare(valueAt(rows.get(a), key.column()),
                    valueAt(rows.get(b), key.column()), key.ascending());
            byKeys = byKeys == null ? one : byKeys.thenComparing(one);
        }
        order.sort(byKeys); // stable: equal rows keep their order
        for (Row row : rows(sheet, data)) {
            List<Cell> inRange = new ArrayList<>();
            row.forEach(cell -> {
                if (data.contains(cell.getRowIndex(), cell.getColumnIndex())) {
                    inRange.add(cell);
                }
            });
            inRange.forEach(row::removeCell);
        }
        for (int r = 0; r < order.size(); r++) {
            for (Snapshot s : rows.get(order.get(r))) {
                int newRow = firstData + r;
                restore(sheet, s, newRow, s.column(), newRow - s.row(), 0);
            }
        }
        return "sorted rows " + (firstData + 1) + "-" + (lastRow + 1) + " of sheet '" + sheet.getSheetName() + "' by "
                + sort.keys().stream().map(k -> dev.sheetsmith.domain.SheetInput.columnLetter(k.column())
                        + (k.ascending() ? " ascending" : " descending")).toList();
    }

    String replace(List<Sheet> sheets, WorkbookEdit.ReplaceCells edit) {
        java.util.function.UnaryOperator<String> replacer = edit.replacer();
        int changed = 0;
        for (Sheet sheet : sheets) {
            CellRange range = edit.range() == null ? new CellRange(0, 0, CellRange.MAX_ROW, CellRange.MAX_COLUMN)
                    : edit.range();
            for (Row row : rows(sheet, range)) {
                for (Cell cell : row) {
                    if (cell.getCellType() == CellType.STRING && range.contains(cell.getRowIndex(), cell.getColumnIndex())) {
                        String replaced = replacer.apply(cell.getStringCellValue());
                        if (replaced != null) {
                            cells.text(cell, replaced, sheet.getSheetName());
                            changed++;
                        }
                    }
                }
            }
        }
        return "replaced '" + edit.find() + "' with '" + edit.replacement() + "' in " + changed + " cell(s)";
    }

    String shift(Sheet sheet, WorkbookEdit.ShiftLines edit) {
        if (edit.rows()) {
            int last = sheet.getLastRowNum();
            if (edit.insert()) {
                if (edit.at() <= last && sheet.getPhysicalNumberOfRows() > 0) {
                    if (last + edit.count() > CellRange.MAX_ROW) {
                        throw new InvalidInputException("inserting " + edit.count() + " rows pushes data past Excel's"
                                + " last row");
                    }
                    sheet.shiftRows(edit.at(), last, edit.count());
                }
            } else {
                for (int r = edit.at(); r < edit.at() + edit.count(); r++) {
                    Row row = sheet.getRow(r);
                    if (row != null) {
                        sheet.removeRow(row);
                    }
                }
                if (edit.at() + edit.count() <= last) {
                    sheet.shiftRows(edit.at() + edit.count(), last, -edit.count());
                }
            }
        } else {
            int last = Ranges.lastColumn(sheet);
            if (edit.insert()) {
                if (edit.at() <= last) {
                    if (last + edit.count() > CellRange.MAX_COLUMN) {
                        throw new InvalidInputException("inserting " + edit.count() + " columns pushes data past"
                                + " Excel's last column");
                    }
                    sheet.shiftColumns(edit.at(), last, edit.count());
                }
            } else {
                for (Row row : sheet) {
                    for (int c = edit.at(); c < edit.at() + edit.count(); c++) {
                        Cell cell = row.getCell(c);
                        if (cell != null) {
                            row.removeCell(cell);
                        }
                    }
                }
                if (edit.at() + edit.count() <= last) {
                    sheet.shiftColumns(edit.at() + edit.count(), last, -edit.count());
                }
            }
            moveColumnRanges((XSSFSheet) sheet, edit);
        }
        return edit.describe().replaceFirst("^insert", "inserted").replaceFirst("^delete", "deleted") + " on sheet '"
                + sheet.getSheetName() + "'; formulas that referred to moved cells follow";
    }

    /**
     * POI's shiftColumns moves cells, not the col ranges (widths, hidden columns): they move here
     * as Excel moves them ({@link ShiftedColumns}, the streamed path's rule too). The rows' spans,
     * a hint the move makes wrong, go.
     */
    private static void moveColumnRanges(XSSFSheet sheet, WorkbookEdit.ShiftLines edit) {
        for (CTCols cols : sheet.getCTWorksheet().getColsList()) {
            for (int i = cols.sizeOfColArray() - 1; i >= 0; i--) {
                CTCol col = cols.getColArray(i);
                int[] range = ShiftedColumns.range((int) col.getMin(), (int) col.getMax(), edit.insert(), edit.at(),
                        edit.count());
                if (range == null) {
                    cols.removeCol(i);
                } else {
                    col.setMin(range[0]);
                    col.setMax(range[1]);
                }
            }
        }
        for (Row row : sheet) {
            CTRow ct = ((XSSFRow) row).getCTRow();
            if (ct.isSetSpans()) {
                ct.unsetSpans();
            }
        }
    }

    private List<Snapshot> snapshot(Sheet sheet, CellRange range) {
        List<Snapshot> cells = new ArrayList<>();
        for (Row row : rows(sheet, range)) {
            for (Cell cell : row) {
                if (!range.contains(cell.getRowIndex(), cell.getColumnIndex())) {
                    continue;
                }
                CellType type = cell.getCellType();
                Object value = switch (type) {
                    case NUMERIC -> cell.getNumericCellValue();
                    case STRING -> cell.getStringCellValue();
                    case BOOLEAN -> cell.getBooleanCellValue();
                    case FORMULA -> cell.getCellFormula();
                    case ERROR -> cell.getErrorCellValue();
                    default -> null;
                };
                cells.add(new Snapshot(type, value, type == CellType.FORMULA ? cell.getCellFormula() : null,
                        cell.getCellStyle(), cell.getRowIndex(), cell.getColumnIndex()));
            }
        }
        return cells;
    }

    private void restore(Sheet sheet, Snapshot s, int row, int column, int dRow, int dCol) {
        Cell cell = cell(sheet, row, column);
        CellWriter.clear(cell, sheet.getSheetName());
        cell.setCellStyle(s.style());
        switch (s.type()) {
            case NUMERIC -> cell.setCellValue((Double) s.value());
            case STRING -> cell.setCellValue(CellStrings.stored((String) s.value()));
            case BOOLEAN -> cell.setCellValue((Boolean) s.value());
            case FORMULA -> cell.setCellFormula(shifted(sheet, s.formula(), dRow, dCol, row, column));
            case ERROR -> cell.setCellErrorValue((Byte) s.value());
            default -> cell.setBlank();
        }
    }

    /** The formula as Excel would copy it: relative references move with the cell, absolute ones stay. */
    private String shifted(Sheet sheet, String formula, int dRow, int dCol, int row, int column) {
        if (dRow == 0 && dCol == 0) {
            return formula;
        }
        Ptg[] ptgs = FormulaParser.parse(formula, formulas, FormulaType.CELL, wb.getSheetIndex(sheet));
        FormulaPolicy.check(ptgs, "sheet '" + sheet.getSheetName() + "', cell "
                + new CellRange(row, column, row, column).toA1());
        for (Ptg ptg : ptgs) {
            if (ptg instanceof RefPtgBase ref) {
                if (ref.isRowRelative()) {
                    ref.setRow(check(ref.getRow() + dRow, CellRange.MAX_ROW, formula, row, column));
                }
                if (ref.isColRelative()) {
                    ref.setColumn(check(ref.getColumn() + dCol, CellRange.MAX_COLUMN, formula, row, column));
                }
            } else if (ptg instanceof AreaPtgBase area) {
                if (area.isFirstRowRelative()) {
                    area.setFirstRow(check(area.getFirstRow() + dRow, CellRange.MAX_ROW, formula, row, column));
                }
                if (area.isLastRowRelative()) {
                    area.setLastRow(check(area.getLastRow() + dRow, CellRange.MAX_ROW, formula, row, column));
                }
                if (area.isFirstColRelative()) {
                    area.setFirstColumn(check(area.getFirstColumn() + dCol, CellRange.MAX_COLUMN, formula, row, column));
                }
                if (area.isLastColRelative()) {
                    area.setLastColumn(check(area.getLastColumn() + dCol, CellRange.MAX_COLUMN, formula, row, column));
                }
            }
        }
        return FormulaRenderer.toFormulaString(formulas, ptgs);
    }

    private static int check(int value, int max, String formula, int row, int column) {
        if (value < 0 || value > max) {
            throw new InvalidInputException("moving '=" + formula + "' to " + new CellRange(row, column, row, column)
                    .toA1() + " would make it refer to a cell outside the sheet");
        }
        return value;
    }

    private static Object valueAt(List<Snapshot> row, int column) {
        for (Snapshot s : row) {
            if (s.column() == column) {
                return s.type() == CellType.FORMULA ? null : s.value();
            }
        }
        return null;
    }

    /** Excel's order: numbers, then text (ignoring case), then booleans; blanks always last. */
    private static int compare(Object a, Object b, boolean ascending) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        int ra = rank(a);
        int rb = rank(b);
        int c;
        if (ra != rb) {
            c = Integer.compare(ra, rb);
        } else if (a instanceof Double da) {
            c = Double.compare(da, (Double) b);
        } else if (a instanceof String sa) {
            c = sa.toLowerCase(Locale.ROOT).compareTo(((String) b).toLowerCase(Locale.ROOT));
        } else if (a instanceof Boolean ba) {
            c = Boolean.compare(ba, (Boolean) b);
        } else {
            c = 0;
        }
        return ascending ? c : -c;
    }

    private static int rank(Object value) {
        return value instanceof Double ? 0 : value instanceof String ? 1 : value instanceof Boolean ? 2 : 3;
    }

    private static Cell cell(Sheet sheet, int r, int c) {
        Row row = sheet.getRow(r) == null ? sheet.createRow(r) : sheet.getRow(r);
        return row.getCell(c) == null ? row.createCell(c) : row.getCell(c);
    }

    private static List<Row> rows(Sheet sheet, CellRange range) {
        List<Row> rows = new ArrayList<>();
        for (Row row : sheet) {
            if (row.getRowNum() >= range.firstRow() && row.getRowNum() <= range.lastRow()) {
                rows.add(row);
            }
        }
        return rows;
    }
}
