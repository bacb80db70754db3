package dev.sheetsmith.engine.xlsx.poi;

import dev.sheetsmith.domain.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.FormulaEvaluator;
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
     * Recomputes every formula POI can. A formula just written that POI cannot compute keeps no
     * value (the reader lists it, Excel computes it on open); older formulas keep their saved one.
     */
    public static void recompute(XSSFWorkbook wb, Set<Cell> written) {
        dev.sheetsmith.engine.xlsx.functions.ExcelFunctions.registerOnce();
        FormulaEvaluator evaluator = wb.getCreationHelper().createFormulaEvaluator();
        for (Sheet sheet : wb) {
            for (Row row : sheet) {
                for (Cell cell : row) {
                    if (cell.getCellType() == CellType.FORMULA) {
                        try {
                            evaluator.evaluateFormulaCell(cell);
                        } catch (RuntimeException e) {
                            if ((written == null || written.contains(cell)) && cell instanceof XSSFCell x
                                    && x.getCTCell().isSetV()) {
                                x.getCTCell().unsetV();
                            }
                        }
                    }
                }
            }
        }
        wb.setForceFormulaRecalculation(true);
    }
}
