package dev.sheetsmith.engine.xlsx.functions;

import dev.sheetsmith.engine.xlsx.poi.Workbooks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Computes one formula the way the engine computes a written one, in a workbook with some inputs. */
final class Excel {

    private Excel() {
    }

    /**
     * The formula's value: a Double, String, Boolean, or an error's text ("#NUM!"); fails when the
     * engine cannot compute it. Column A of sheet "S" holds {@code column} from A1 down (numbers,
     * text, booleans; a String starting with "=" is a formula).
     */
    static Object eval(String formula, Object... column) {
        Object v = evalOrNull(formula, column);
        if (v == null) {
            throw new AssertionError("the engine cannot compute " + formula);
        }
        return v;
    }

    /** As {@link #eval}, but null when the engine cannot compute the formula (and so keeps no value). */
    static Object evalOrNull(String formula, Object... column) {
        return evalOrNull(false, formula, column);
    }

    /** As {@link #eval}, with the formula stored as Excel 365 stores a spilling one: a one-cell array formula. */
    static Object evalArray(String formula, Object... column) {
        Object v = evalOrNull(true, formula, column);
        if (v == null) {
            throw new AssertionError("the engine cannot compute " + formula);
        }
        return v;
    }

    static Object evalOrNull(boolean array, String formula, Object... column) {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            var sheet = wb.createSheet("S");
            for (int i = 0; i < column.length; i++) {
                Row row = sheet.createRow(i);
                Cell cell = row.createCell(0);
                Object v = column[i];
                if (v instanceof Number n) {
                    cell.setCellValue(n.doubleValue());
                } else if (v instanceof Boolean b) {
                    cell.setCellValue(b);
                } else if (v instanceof String s && s.startsWith("=")) {
                    cell.setCellFormula(s.substring(1));
                } else if (v != null) {
                    cell.setCellValue(v.toString());
                }
            }
            Cell cell = sheet.createRow(100).createCell(1);
            String text = formula.startsWith("=") ? formula.substring(1) : formula;
            if (array) {
                sheet.setArrayFormula(text, new org.apache.poi.ss.util.CellRangeAddress(100, 100, 1, 1));
            } else {
                cell.setCellFormula(text);
            }
            Workbooks.recompute(wb, Set.of(cell));
            if (!((XSSFCell) cell).getCTCell().isSetV()) {
                return null;
            }
            return switch (cell.getCachedFormulaResultType()) {
                case NUMERIC -> cell.getNumericCellValue();
                case STRING -> cell.getStringCellValue();
                case BOOLEAN -> cell.getBooleanCellValue();
                case ERROR -> FormulaError.forInt(cell.getErrorCellValue()).getString();
                default -> throw new AssertionError("no value for " + formula);
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double number(String formula, Object... column) {
        Object v = eval(formula, column);
        if (!(v instanceof Double d)) {
            throw new AssertionError(formula + " gave " + v + ", not a number");
        }
        return d;
    }
}
