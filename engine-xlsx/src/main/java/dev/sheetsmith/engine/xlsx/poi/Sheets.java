package dev.sheetsmith.engine.xlsx.poi;

import dev.sheetsmith.domain.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Finding sheets by the name a tool was given: exact, then ignoring case; none names the first. */
public final class Sheets {

    private Sheets() {
    }

    /** The sheet named {@code name} (exact, then ignoring case); the first sheet when no name is given. */
    public static Sheet sheet(Workbook wb, String name) {
        if (name == null || name.isBlank()) {
            return wb.getSheetAt(0);
        }
        Sheet sheet = wb.getSheet(name);
        if (sheet == null) {
            for (int i = 0; i < wb.getNumberOfSheets(); i++) {
                if (wb.getSheetName(i).equalsIgnoreCase(name.strip())) {
                    return wb.getSheetAt(i);
                }
            }
            List<String> names = new ArrayList<>();
            wb.forEach(s -> names.add(s.getSheetName()));
            throw new InvalidInputException("sheet '" + name + "' does not exist; the sheets are " + names);
        }
        return sheet;
    }

    /** {@link #sheet} in the user model, where tables, charts and rules live. */
    public static XSSFSheet xsheet(XSSFWorkbook wb, String name) {
        return (XSSFSheet) sheet(wb, name);
    }

    /** Every sheet of the workbook, in tab order. */
    public static List<XSSFSheet> all(XSSFWorkbook wb) {
        List<XSSFSheet> sheets = new ArrayList<>();
        for (int i = 0; i < wb.getNumberOfSheets(); i++) {
            sheets.add(wb.getSheetAt(i));
        }
        return sheets;
    }
}
