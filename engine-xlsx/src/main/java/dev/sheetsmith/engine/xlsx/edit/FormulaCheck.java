package dev.sheetsmith.engine.xlsx.edit;

import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.engine.xlsx.poi.ExcelFormulaText;
import dev.sheetsmith.engine.xlsx.poi.FormulaPolicy;
import org.apache.poi.ss.formula.FormulaParser;
import org.apache.poi.ss.formula.FormulaType;
import org.apache.poi.ss.formula.ptg.Area3DPxg;
import org.apache.poi.ss.formula.ptg.Ptg;
import org.apache.poi.ss.formula.ptg.Ref3DPxg;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.xssf.usermodel.XSSFEvaluationWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Parses a formula the way Excel will read it from a rule, validation or name, so a typo is an
 * error naming the argument instead of a file Excel offers to repair, and holds it to the formula
 * policy ({@link FormulaPolicy}).
 */
final class FormulaCheck {

    private FormulaCheck() {
    }

    static String check(XSSFWorkbook wb, int sheetIndex, String formula, FormulaType type, String where) {
        if (formula == null) {
            return null;
        }
        Ptg[] tokens;
        String stored = formula;
        try {
            ExcelFormulaText.Stored file = ExcelFormulaText.toFile(formula, new ExcelFormulaText.Tables() {
                @Override
                public String tableAtCell() {
                    return null;
                }

                @Override
                public boolean isTable(String name) {
                    return wb.getTable(name) != null;
                }
            });
            stored = file.file();
            tokens = FormulaParser.parse(file.shadow(), XSSFEvaluationWorkbook.create(wb), type, sheetIndex);
        } catch (RuntimeException e) {
            throw new InvalidInputException(where + " '" + formula + "' is not a formula Excel can read: "
                    + Rules.reason(e));
        }
        FormulaPolicy.check(tokens, where);
        // The parser takes an unknown sheet for another workbook's; here it is a mistake.
        for (Ptg token : tokens) {
            String sheet = token instanceof Ref3DPxg ref ? ref.getSheetName()
                    : token instanceof Area3DPxg area ? area.getSheetName() : null;
            if (sheet != null && wb.getSheet(sheet) == null) {
                List<String> names = new ArrayList<>();
                wb.forEach(s -> names.add(s.getSheetName()));
                throw new InvalidInputException(where + " '" + formula + "' refers to sheet '" + sheet
                        + "', which does not exist; the sheets are " + names);
            }
        }
        return stored; // as Excel stores it: _xlfn. prefixes on newer functions
    }
}
