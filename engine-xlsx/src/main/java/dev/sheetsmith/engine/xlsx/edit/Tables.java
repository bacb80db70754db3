package dev.sheetsmith.engine.xlsx.edit;

import dev.sheetsmith.domain.CellRange;
import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.SheetInput;
import dev.sheetsmith.domain.TableSpec;
import dev.sheetsmith.engine.xlsx.poi.CellWriter;
import dev.sheetsmith.engine.xlsx.poi.Ranges;
import dev.sheetsmith.engine.xlsx.poi.Sheets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Name;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.AreaReference;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFTable;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTTable;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTTableColumn;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.STTotalsRowFunction;

/** create_table: an Excel table with a filter row, a style and an optional totals row. */
final class Tables {

    private static final Map<String, Integer> SUBTOTAL = Map.of("sum", 109, "average", 101, "count", 103,
            "count_numbers", 102, "min", 105, "max", 104, "stddev", 107, "var", 110);
    private static final Map<String, STTotalsRowFunction.Enum> FUNCTION = Map.of("sum", STTotalsRowFunction.SUM,
            "average", STTotalsRowFunction.AVERAGE, "count", STTotalsRowFunction.COUNT, "count_numbers",
            STTotalsRowFunction.COUNT_NUMS, "min", STTotalsRowFunction.MIN, "max", STTotalsRowFunction.MAX, "stddev",
            STTotalsRowFunction.STD_DEV, "var", STTotalsRowFunction.VAR);

    private Tables() {
    }

    static String create(XSSFWorkbook wb, XSSFSheet sheet, TableSpec spec) {
        CellRange range = spec.range();
        if (range.lastRow() == CellRange.MAX_ROW && sheet.getLastRowNum() > range.firstRow()) {
            // Whole columns (A:D) mean the rows that hold data, not a million-row table.
            range = new CellRange(range.firstRow(), range.firstColumn(), sheet.getLastRowNum(), range.lastColumn());
        }
        boolean totals = !spec.totals().isEmpty();
        CellRange whole = totals ? new CellRange(range.firstRow(), range.firstColumn(),
                Math.min(range.lastRow() + 1, CellRange.MAX_ROW), range.lastColumn()) : range;
        List<String> labels = check(wb, sheet, spec, range, whole);
        XSSFTable table = build(wb, sheet, spec, range, labels);
        if (totals) {
            addTotalsRow(sheet, table.getCTTable(), spec, range, whole, labels);
        }
        String name = table.getName();
        return "made table '" + name + "' on " + whole.toA1() + " of sheet '" + sheet.getSheetName() + "' with columns "
                + labels + (totals ? " and a totals row" : "");
    }

    /**
     * Everything that can refuse the table, before anything is touched: size, overlaps with other
     * tables and merged cells, names, the totals columns and the row they go in.
     *
     * @return the header labels of {@code range}
     */
    private static List<String> check(XSSFWorkbook wb, XSSFSheet sheet, TableSpec spec, CellRange range,
            CellRange whole) {
        boolean totals = !spec.totals().isEmpty();
        if (totals && range.lastRow() == CellRange.MAX_ROW) {
            throw new InvalidInputException("there is no row below " + range.toA1() + " for the totals");
        }
        if (range.columnCount() > 16_384 || range.cellCount() > 50_000_000L) {
            throw new InvalidInputException("range " + range.toA1() + " is too large for a table");
        }
        CellRangeAddress area = Ranges.address(whole);
        for (XSSFSheet other : Sheets.all(wb)) {
            for (XSSFTable table : other.getTables()) {
                if (other == sheet && area(table).intersects(area)) {
                    throw new InvalidInputException(whole.toA1() + " overlaps table '" + table.getName() + "' ("
                            + table.getCTTable().getRef() + ") on sheet '" + sheet.getSheetName() + "'");
                }
                if (spec.name() != null && table.getName().equalsIgnoreCase(spec.name())) {
                    throw new InvalidInputException("a table named '" + table.getName() + "' already exists (sheet '"
                            + other.getSheetName() + "'); choose another name");
                }
            }
        }
        if (spec.name() != null) {
            for (Name name : wb.getAllNames()) {
                if (name.getNameName().equalsIgnoreCase(spec.name())) {
                    throw new InvalidInputException("'" + spec.name() + "' is already a defined name in this workbook;"
                            + " choose another table name");
                }
            }
        }
        for (CellRangeAddress merged : sheet.getMergedRegions()) {
            if (merged.intersects(area)) {
                throw new InvalidInputException(whole.toA1() + " overlaps the merged cells " + merged.formatAsString()
                        + "; Excel does not allow merged cells in a table. Unmerge them first");
            }
        }
        List<String> labels = headers(sheet, range);
        Map<String, Integer> byLabel = byLabel(labels);
        for (String column : spec.totals().keySet()) {
            if (!byLabel.containsKey(column.strip().toLowerCase(Locale.ROOT))) {
                throw new InvalidInputException("'totals' names column '" + column + "', which is not in the header row "
                        + labels);
            }
        }
        if (totals) {
            Row below = sheet.getRow(range.lastRow() + 1);
            for (int c = range.firstColumn(); below != null && c <= range.lastColumn(); c++) {
                Cell cell = below.getCell(c);
                if (cell != null && cell.getCellType() != CellType.BLANK) {
                    throw new InvalidInputException("the totals row goes below the table, but "
                            + cell.getAddress().formatAsString() + " is not empty; clear row " + (range.lastRow() + 2)
                            + " or leave out 'totals'");
                }
            }
        }
        return labels;
    }

    /** Makes the checked table on {@code range} (header row included), without a totals row. */
    private static XSSFTable build(XSSFWorkbook wb, XSSFSheet sheet, TableSpec spec, CellRange range,
            List<String> labels) {
        // Excel wants text in a table's header cells.
        Row headerRow = sheet.getRow(range.firstRow());
        for (int c = range.firstColumn(); c <= range.lastColumn(); c++) {
            Cell cell = headerRow.getCell(c);
            if (cell.getCellType() != CellType.STRING) {
                new CellWriter(wb).text(cell, labels.get(c - range.firstColumn()), sheet.getSheetName());
            }
        }
        String name = spec.name() != null ? spec.name() : freeName(wb);
        XSSFTable table = sheet.createTable(new AreaReference(new CellReference(range.firstRow(), range.firstColumn()),
                new CellReference(range.lastRow(), range.lastColumn()), SpreadsheetVersion.EXCEL2007));
        table.setName(name);
        table.setDisplayName(name);
        CTTable ct = table.getCTTable();
        String dataRef = ct.getRef();
        if (!ct.isSetAutoFilter()) {
            ct.addNewAutoFilter();
        }
        ct.getAutoFilter().setRef(dataRef);
        var style = ct.isSetTableStyleInfo() ? ct.getTableStyleInfo() : ct.addNewTableStyleInfo();
        style.setName(spec.style() == null ? "TableStyleMedium2" : spec.style());
        style.setShowRowStripes(spec.rowStripes());
        style.setShowColumnStripes(false);
        style.setShowFirstColumn(false);
        style.setShowLastColumn(false);
        return table;
    }

    /** The row below the table: SUBTOTAL formulas for the named columns, "Total" in the first. */
    private static void addTotalsRow(XSSFSheet sheet, CTTable ct, TableSpec spec, CellRange range, CellRange whole,
            List<String> labels) {
        int totalsRow = range.lastRow() + 1;
        Row row = sheet.getRow(totalsRow) == null ? sheet.createRow(totalsRow) : sheet.getRow(totalsRow);
        Map<String, Integer> byLabel = byLabel(labels);
        Map<Integer, String> functions = new HashMap<>();
        spec.totals().forEach((column, function) -> functions.put(byLabel.get(column.strip().toLowerCase(Locale.ROOT)),
                function));
        CTTableColumn[] columns = ct.getTableColumns().getTableColumnArray();
        for (int i = 0; i < columns.length; i++) {
            Cell cell = row.getCell(range.firstColumn() + i) == null ? row.createCell(range.firstColumn() + i)
                    : row.getCell(range.firstColumn() + i);
            String function = functions.get(i);
            Row last = sheet.getRow(range.lastRow());
            Cell above = last == null ? null : last.getCell(range.firstColumn() + i);
            if (above != null) {
                cell.setCellStyle(above.getCellStyle());
            }
            if (function != null) {
                columns[i].setTotalsRowFunction(FUNCTION.get(function));
                String data = new CellRangeAddress(range.firstRow() + 1, range.lastRow(), range.firstColumn() + i,
                        range.firstColumn() + i).formatAsString();
                cell.setCellFormula("SUBTOTAL(" + SUBTOTAL.get(function) + "," + data + ")");
            } else if (i == 0) {
                columns[i].setTotalsRowLabel("Total");
                cell.setCellValue("Total");
            }
        }
        ct.setTotalsRowCount(1);
        ct.setRef(Ranges.address(whole).formatAsString());
    }

    /** Column positions by header label, ignoring case. */
    private static Map<String, Integer> byLabel(List<String> labels) {
        Map<String, Integer> byLabel = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            byLabel.put(labels.get(i).toLowerCase(Locale.ROOT), i);
        }
        return byLabel;
    }

    private static List<String> headers(XSSFSheet sheet, CellRange range) {
        DataFormatter formatter = new DataFormatter(Locale.ROOT);
        Row header = sheet.getRow(range.firstRow());
        List<String> labels = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int c = range.firstColumn(); c <= range.lastColumn(); c++) {
            Cell cell = header == null ? null : header.getCell(c);
            String at = SheetInput.columnLetter(c) + (range.firstRow() + 1);
            String label = cell == null ? "" : formatter.formatCellValue(cell).strip();
            if (cell != null && cell.getCellType() == CellType.FORMULA) {
                problems.add(at + " holds a formula");
            } else if (label.isEmpty()) {
                problems.add(at + " is empty");
            } else if (!seen.add(label.toLowerCase(Locale.ROOT))) {
                problems.add(at + " repeats '" + label + "'");
            }
            labels.add(label);
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("a table's first row must hold unique text labels: "
                    + String.join(", ", problems.subList(0, Math.min(5, problems.size())))
                    + (problems.size() > 5 ? " and " + (problems.size() - 5) + " more" : "")
                    + ". Write labels there first (write_range)");
        }
        return labels;
    }

    private static String freeName(XSSFWorkbook wb) {
        java.util.Set<String> used = new java.util.HashSet<>();
        for (XSSFSheet sheet : Sheets.all(wb)) {
            for (XSSFTable table : sheet.getTables()) {
                used.add(table.getName().toLowerCase(Locale.ROOT));
            }
        }
        for (Name name : wb.getAllNames()) {
            used.add(name.getNameName().toLowerCase(Locale.ROOT));
        }
        int n = 1;
        while (used.contains("table" + n)) {
            n++;
        }
        return "Table" + n;
    }

    /** The cells a table covers, header and totals rows included. */
    static CellRangeAddress area(XSSFTable table) {
        return new CellRangeAddress(table.getStartRowIndex(), table.getEndRowIndex(), table.getStartColIndex(),
                table.getEndColIndex());
    }
}
