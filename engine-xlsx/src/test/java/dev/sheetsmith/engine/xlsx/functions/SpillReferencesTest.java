package dev.sheetsmith.engine.xlsx.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sheetsmith.engine.xlsx.poi.Workbooks;
import java.util.Set;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** A1# (ANCHORARRAY) is the whole array the anchor's formula spills, as Excel computes it. */
class SpillReferencesTest {

    private static Object compute(XSSFSheet sheet, String formula) {
        Cell cell = sheet.createRow(20).createCell(5);
        cell.setCellFormula(formula);
        Workbooks.recompute(sheet.getWorkbook(), Set.of(cell));
        return switch (cell.getCachedFormulaResultType()) {
            case NUMERIC -> cell.getNumericCellValue();
            case BOOLEAN -> cell.getBooleanCellValue();
            case ERROR -> FormulaError.forInt(cell.getErrorCellValue()).getString();
            default -> cell.getStringCellValue();
        };
    }

    private static XSSFSheet sheet(XSSFWorkbook wb) {
        XSSFSheet s = wb.createSheet("S");
        s.setArrayFormula("_xlfn.SEQUENCE(5)", new CellRangeAddress(0, 0, 0, 0));
        s.setArrayFormula("_xlfn._xlws.SORT(_xlfn.ANCHORARRAY(A1),1,-1)", new CellRangeAddress(0, 0, 2, 2));
        s.getRow(0).createCell(4).setCellFormula("A1*2");
        s.getRow(0).createCell(6).setCellValue(7);
        return s;
    }

    @Test
    void aSpillReferenceIsTheAnchorsWholeArray() throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            XSSFSheet s = sheet(wb);
            assertThat(compute(s, "SUM(_xlfn.ANCHORARRAY(A1))")).isEqualTo(15.0);
            assertThat(compute(s, "ROWS(_xlfn.ANCHORARRAY(A1))")).isEqualTo(5.0);
            assertThat(compute(s, "INDEX(_xlfn.ANCHORARRAY(C1),1)")).as("a spill of a spill").isEqualTo(5.0);
        }
    }

    @Test
    void aFormulaThatDoesNotSpillIsItselfAndAValueIsNoAnchor() throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            XSSFSheet s = sheet(wb);
            assertThat(compute(s, "SUM(_xlfn.ANCHORARRAY(E1))")).isEqualTo(2.0);
            assertThat(compute(s, "ISREF(_xlfn.ANCHORARRAY(E1))")).isEqualTo(true);
            assertThat(compute(s, "SUM(_xlfn.ANCHORARRAY(G1))")).isEqualTo("#REF!");
            assertThat(compute(s, "SUM(_xlfn.ANCHORARRAY(H1))")).as("empty cell").isEqualTo("#REF!");
        }
    }
}
