package dev.sheetsmith.engine.xlsx.poi;

import dev.sheetsmith.domain.CellRange;
import dev.sheetsmith.domain.CellValue;
import dev.sheetsmith.domain.ExcelText;
import dev.sheetsmith.domain.InvalidInputException;
import org.apache.poi.ss.formula.FormulaParseException;
import org.apache.poi.ss.formula.FormulaParser;
import org.apache.poi.ss.formula.FormulaType;
import org.apache.poi.ss.formula.ptg.Ptg;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFEvaluationWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Puts typed values into cells of one workbook, for the writer and the editor alike: dates get a
 * date format, formulas are parsed and held to the formula policy (a bad one is an error naming
 * its cell), text is checked and stored exactly, and the few styles needed are made once per
 * workbook, since a workbook holds a limited number of them.
 *
 * <p>Every value replaces what the cell held. POI's setters change only part of a cell: a text
 * set on an inline-string cell (as POI's streaming writer makes them) kept the old string beside
 * the new one, and a value set on a formula cell became the formula's cached result, so the cell
 * is emptied first (its style stays).
 */
public final class CellWriter {

    private final Workbook wb;
    private CellStyle header;
    private CellStyle date;
    private CellStyle dateTime;
    private XSSFEvaluationWorkbook parsing;

    public CellWriter(Workbook wb) {
        this.wb = wb;
    }

    public void set(Cell cell, CellValue value, String sheetName) {
        clear(cell, sheetName);
        if (value instanceof CellValue.Empty) {
            return;
        } else if (value instanceof CellValue.Text t) {
            text(cell, t.value(), sheetName);
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
            formula(cell, f.expression(), sheetName);
        }
    }

    /** Text exactly as given, or an error naming the cell if Excel cannot hold it. */
    public void text(Cell cell, String text, String sheetName) {
        clear(cell, sheetName);
        if (!ExcelText.isCellText(text)) {
            ExcelText.requireCellText(text, where(cell, sheetName));
        }
        cell.setCellValue(CellStrings.stored(text));
    }

    /** A header cell: text, bold. */
    public void headerText(Cell cell, String text, String sheetName) {
        text(cell, text, sheetName);
        cell.setCellStyle(header());
    }

    private void formula(Cell cell, String expression, String sheetName) {
        String where = where(cell, sheetName);
        try {
            XSSFWorkbook book = wb instanceof SXSSFWorkbook streaming ? streaming.getXSSFWorkbook() : (XSSFWorkbook) wb;
            if (parsing == null) {
                parsing = XSSFEvaluationWorkbook.create(book);
            }
            ExcelFormulaText.Stored stored = ExcelFormulaText.toFile(expression, tables(book, cell));
            Ptg[] tokens = FormulaParser.parse(stored.shadow(), parsing, FormulaType.CELL,
                    book.getSheetIndex(sheetName), cell.getRowIndex());
            FormulaPolicy.check(tokens, where);
            // Checked above, on the shadow where POI's parser cannot read the stored form (LET's names)
            boolean validating = book.getCellFormulaValidation();
            book.setCellFormulaValidation(false);
            try {
                if (FormulaPolicy.evaluatesAsArray(tokens) && cell instanceof XSSFCell) {
                    // as Excel 365 stores a formula it computes as an array: a one-cell array formula
                    cell.getSheet().setArrayFormula(stored.file(), new CellRangeAddress(cell.getRowIndex(),
                            cell.getRowIndex(), cell.getColumnIndex(), cell.getColumnIndex()));
                    DynamicArrays.mark((XSSFCell) cell);
                } else {
                    cell.setCellFormula(stored.file());
                }
            } finally {
                book.setCellFormulaValidation(validating);
            }
        } catch (FormulaParseException | IllegalArgumentException | IllegalStateException e) {
            throw new InvalidInputException(where + ": '=" + expression + "' is not a formula Excel accepts ("
                    + String.valueOf(e.getMessage()).replaceAll("[\\r\\n]+", " ") + ")");
        }
    }

    /** The tables of the workbook, and the one whose data rows hold the cell. */
    static ExcelFormulaText.Tables tables(XSSFWorkbook book, Cell cell) {
        return new ExcelFormulaText.Tables() {
            @Override
            public String tableAtCell() {
                if (!(cell.getSheet() instanceof org.apache.poi.xssf.usermodel.XSSFSheet sheet)) {
                    return null;
                }
                for (var table : sheet.getTables()) {
                    var area = table.getArea();
                    int first = area.getFirstCell().getRow() + table.getHeaderRowCount();
                    int last = area.getLastCell().getRow() - table.getTotalsRowCount();
                    if (cell.getRowIndex() >= first && cell.getRowIndex() <= last
                            && cell.getColumnIndex() >= area.getFirstCell().getCol()
                            && cell.getColumnIndex() <= area.getLastCell().getCol()) {
                        return table.getName();
                    }
                }
                return null;
            }

            @Override
            public boolean isTable(String name) {
                return book.getTable(name) != null;
            }
        };
    }

    /**
     * Empties a cell of the user model (value, formula, inline string) and keeps its style. A cell
     * of a multi-cell array formula changes only with the whole array, as in Excel.
     */
    public static void clear(Cell cell, String sheetName) {
        if (!(cell instanceof XSSFCell x)) {
            return; // the streaming writer's cells are new
        }
        if (cell.isPartOfArrayFormulaGroup()) {
            CellRangeAddress array = cell.getArrayFormulaRange();
            if (array.getNumberOfCells() > 1) {
                throw new InvalidInputException(where(cell, sheetName) + " is part of the array formula in "
                        + array.formatAsString() + ", which Excel changes only as a whole; clear "
                        + array.formatAsString() + " first (clear_range)");
            }
            cell.getSheet().removeArrayFormula(cell);
        }
        if (x.getCTCell().isSetCm()) {
            x.getCTCell().unsetCm(); // the dynamic-array mark belongs to the formula that goes
        }
        if (cell.getCellType() != CellType.BLANK || x.getCTCell().isSetIs()) {
            cell.setBlank();
        }
    }

    static String where(Cell cell, String sheetName) {
        return "sheet '" + sheetName + "', cell " + new CellRange(cell.getRowIndex(), cell.getColumnIndex(),
                cell.getRowIndex(), cell.getColumnIndex()).toA1();
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
