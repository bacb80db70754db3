package dev.sheetsmith.plugins.xlsx;

import dev.sheetsmith.domain.CellRange;
import dev.sheetsmith.domain.CellValue;
import dev.sheetsmith.domain.InvalidInputException;
import org.apache.poi.ss.formula.FormulaParseException;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Workbook;

/**
 * Puts typed values into cells of one workbook, for the writer and the editor alike: dates get a
 * date format, formulas are parsed (a bad one is an error naming its cell), and the few styles
 * needed are made once per workbook, since a workbook holds a limited number of them.
 */
final class CellWriter {

    private final Workbook wb;
    private CellStyle header;
    private CellStyle date;
    private CellStyle dateTime;

    CellWriter(Workbook wb) {
        this.wb = wb;
    }

    void set(Cell cell, CellValue value, String sheetName) {
        if (value instanceof CellValue.Empty) {
            cell.setBlank();
        } else if (value instanceof CellValue.Text t) {
            cell.setCellValue(t.value());
        } else if (value instanceof CellValue.Number n) {
            cell.setCellValue(n.value());
        } else if (value instanceof CellValue.Bool b) {
            cell.setCellValue(b.value());
        } else if (value instanceof CellValue.Date d) {
            cell.setCellValue(d.value());
            cell.setCellStyle(date());
        } else if (value instanceof CellValue.DateTime dt) {
            cell.setCellValue(dt.value());
            cell.setCellStyle(dateTime());
        } else if (value instanceof CellValue.Formula f) {
            try {
                cell.setCellFormula(f.expression());
            } catch (FormulaParseException e) {
                throw new InvalidInputException("sheet '" + sheetName + "', cell "
                        + new CellRange(cell.getRowIndex(), cell.getColumnIndex(), cell.getRowIndex(),
                                cell.getColumnIndex()).toA1() + ": '=" + f.expression() + "' is not a formula Excel"
                        + " accepts (" + e.getMessage().replaceAll("[\\r\\n]+", " ") + ")");
            }
        }
    }

    CellStyle header() {
        if (header == null) {
            Font bold = wb.createFont();
            bold.setBold(true);
            header = wb.createCellStyle();
            header.setFont(bold);
        }
        return header;
    }

    private CellStyle date() {
        if (date == null) {
            date = wb.createCellStyle();
            date.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
        }
        return date;
    }

    private CellStyle dateTime() {
        if (dateTime == null) {
            dateTime = wb.createCellStyle();
            dateTime.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
        }
        return dateTime;
    }
}
