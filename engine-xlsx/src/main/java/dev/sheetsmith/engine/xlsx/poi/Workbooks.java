package dev.sheetsmith.engine.xlsx.poi;

import dev.sheetsmith.domain.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Opens stored workbooks with POI's user model. POI refuses a zip entry that unpacks to more than
 * 100 times its packed size as a possible zip bomb; real workbooks pass that (a sheet of hidden
 * rows, a large pivot field) while bombs run to thousands, so the guard here is 1000 times. A file
 * beyond it is a clear tool error, not a server failure.
 */
public final class Workbooks {

    public static final double MIN_INFLATE_RATIO = 0.001;

    /** The format (plugin id) of the files this engine reads and edits. */
    public static final String FORMAT = "xlsx";

    /** Rows the streaming writer (SXSSF) keeps in memory. */
    public static final int ROW_WINDOW = 200;

    static {
        ZipSecureFile.setMinInflateRatio(MIN_INFLATE_RATIO);
    }

    private Workbooks() {
    }

    /** Sets the guard before any package is opened (class loading runs the static block). */
    public static void init() {
        // the static block above
    }

    public static XSSFWorkbook open(InputStream in) throws IOException {
        try {
            return new XSSFWorkbook(in);
        } catch (IOException e) {
            throw refused(e);
        }
    }

    /** A zip-bomb refusal as a tool error; any other failure as it was. */
    public static IOException refused(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("Zip bomb")) {
                throw new InvalidInputException("this workbook unpacks to more than " + Math.round(1 / MIN_INFLATE_RATIO)
                        + " times its stored size in one part; Sheetsmith refuses such files (a guard against zip"
                        + " bombs)");
            }
        }
        return e;
    }

    /**
     * Recomputes every formula POI can, bounded ({@link Evaluation}). A formula just written that
     * POI cannot compute keeps no value (the reader lists it, Excel computes it on open); older
     * formulas keep their saved one. A circular reference keeps no value either (never POI's
     * {@code ~CIRCULAR~REF~} text). Returns notes for the caller's summary: the circular cells
     * and those the time budget did not reach.
     */
    public static List<String> recompute(XSSFWorkbook wb, Set<Cell> written) {
        List<Cell> formulas = new ArrayList<>();
        for (Sheet sheet : wb) {
            for (Row row : sheet) {
                for (Cell cell : row) {
                    if (cell.getCellType() == CellType.FORMULA) {
                        formulas.add(cell);
                    }
                }
            }
        }
        Map<Cell, Evaluation.Result> results = Evaluation.evaluate(wb, formulas);
        List<Cell> circular = new ArrayList<>();
        List<Cell> outOfTime = new ArrayList<>();
        for (Cell cell : formulas) {
            Evaluation.Result result = results.get(cell);
            if (result instanceof Evaluation.Value v) {
                cache(cell, v.value());
                continue;
            }
            if (result instanceof Evaluation.Circular) {
                circular.add(cell);
            } else if (result instanceof Evaluation.NotComputed n && n.reason().contains("budget")) {
                outOfTime.add(cell);
            }
            boolean mine = written == null || written.contains(cell) || result instanceof Evaluation.Circular;
            if (mine && cell instanceof XSSFCell x && x.getCTCell().isSetV()) {
                x.getCTCell().unsetV();
                if (x.getCTCell().isSetT()) {
                    x.getCTCell().unsetT();
                }
            }
        }
        wb.setForceFormulaRecalculation(true);
        List<String> notes = new ArrayList<>();
        if (!circular.isEmpty()) {
            notes.add("circular reference (a formula that depends on itself; Excel warns and computes nothing) in "
                    + Evaluation.where(circular));
        }
        if (!outOfTime.isEmpty()) {
            notes.add(outOfTime.size() + " formulas were not computed within the time budget ("
                    + Evaluation.where(outOfTime) + "); Excel computes them when it opens the file");
        }
        return notes;
    }

    /** The formula's result as its saved value, the formula kept. */
    private static void cache(Cell cell, org.apache.poi.ss.usermodel.CellValue value) {
        switch (value.getCellType()) {
            case NUMERIC -> cell.setCellValue(value.getNumberValue());
            case STRING -> cell.setCellValue(value.getStringValue());
            case BOOLEAN -> cell.setCellValue(value.getBooleanValue());
            case ERROR -> cell.setCellErrorValue(value.getErrorValue());
            default -> {
                if (cell instanceof XSSFCell x && x.getCTCell().isSetV()) {
                    x.getCTCell().unsetV();
                }
            }
        }
    }

    /**
     * A table column whose data cells all hold the same formula is a calculated column, as Excel
     * saves it ({@code calculatedColumnFormula}): Excel then fills the formula into rows added to
     * the table. A column whose cells no longer agree loses the mark.
     */
    public static void markCalculatedColumns(XSSFWorkbook wb) {
        for (Sheet s : wb) {
            if (!(s instanceof org.apache.poi.xssf.usermodel.XSSFSheet sheet)) {
                continue;
            }
            for (var table : sheet.getTables()) {
                var area = table.getArea();
                int first = area.getFirstCell().getRow() + Math.max(table.getHeaderRowCount(), 0);
                int last = area.getLastCell().getRow() - table.getTotalsRowCount();
                var columns = table.getCTTable().getTableColumns();
                if (columns == null || last < first) {
                    continue;
                }
                for (int i = 0; i < columns.sizeOfTableColumnArray(); i++) {
                    var column = columns.getTableColumnArray(i);
                    String formula = sameFormula(sheet, first, last, area.getFirstCell().getCol() + i);
                    if (formula != null) {
                        if (!column.isSetCalculatedColumnFormula()) {
                            column.addNewCalculatedColumnFormula();
                        }
                        column.getCalculatedColumnFormula().setStringValue(formula);
                    } else if (column.isSetCalculatedColumnFormula()) {
                        column.unsetCalculatedColumnFormula();
                    }
                }
            }
        }
    }

    private static String sameFormula(org.apache.poi.xssf.usermodel.XSSFSheet sheet, int first, int last, int col) {
        String formula = null;
        for (int r = first; r <= last; r++) {
            Row row = sheet.getRow(r);
            Cell cell = row == null ? null : row.getCell(col);
            if (cell == null || cell.getCellType() != CellType.FORMULA || cell.isPartOfArrayFormulaGroup()) {
                return null;
            }
            String f = cell.getCellFormula();
            if (formula != null && !formula.equals(f)) {
                return null;
            }
            formula = f;
        }
        return formula;
    }

    /**
     * The formulas of conditional-format rules and data validations as Excel stores them
     * ({@link ExcelFormulaText}: _xlfn. prefixes), as cell formulas are; text already so stored is
     * kept as it is.
     */
    public static void storeRuleFormulasAsExcel(XSSFWorkbook wb) {
        ExcelFormulaText.Tables tables = new ExcelFormulaText.Tables() {
            @Override
            public String tableAtCell() {
                return null;
            }

            @Override
            public boolean isTable(String name) {
                return wb.getTable(name) != null;
            }
        };
        for (Sheet s : wb) {
            if (!(s instanceof org.apache.poi.xssf.usermodel.XSSFSheet sheet)) {
                continue;
            }
            var ct = sheet.getCTWorksheet();
            for (var format : ct.getConditionalFormattingArray()) {
                for (var rule : format.getCfRuleArray()) {
                    for (int i = 0; i < rule.sizeOfFormulaArray(); i++) {
                        rule.setFormulaArray(i, ExcelFormulaText.toFile(rule.getFormulaArray(i), tables).file());
                    }
                }
            }
            if (ct.isSetDataValidations()) {
                for (var v : ct.getDataValidations().getDataValidationArray()) {
                    if (v.isSetFormula1()) {
                        v.setFormula1(ExcelFormulaText.toFile(v.getFormula1(), tables).file());
                    }
                    if (v.isSetFormula2()) {
                        v.setFormula2(ExcelFormulaText.toFile(v.getFormula2(), tables).file());
                    }
                }
            }
        }
    }
}
