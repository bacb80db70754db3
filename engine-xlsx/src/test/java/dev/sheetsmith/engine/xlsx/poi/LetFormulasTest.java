package dev.sheetsmith.engine.xlsx.poi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** LET computes as Excel defines it: each name stands for its value in the calculation that follows. */
class LetFormulasTest {

    @Test
    void namesAreReplacedByTheirValuesInParentheses() {
        assertThat(LetFormulas.inline("_xlfn.LET(_xlpm.x,5,_xlpm.x*2)")).isEqualTo("((5)*2)");
        assertThat(LetFormulas.inline("_xlfn.LET(_xlpm.a,2,_xlpm.b,_xlpm.a+1,_xlpm.a*_xlpm.b)"))
                .isEqualTo("((2)*((2)+1))");
        assertThat(LetFormulas.inline("_xlfn.LET(_xlpm.s,\"_xlpm.s\",_xlpm.s&\",\")"))
                .as("text is left alone").isEqualTo("((\"_xlpm.s\")&\",\")");
        assertThat(LetFormulas.inline("1+_xlfn.LET(_xlpm.x,1,_xlfn.LET(_xlpm.y,_xlpm.x+1,_xlpm.y*10))"))
                .isEqualTo("1+((((1)+1)*10))");
        assertThat(LetFormulas.inline("_xlfn.LET(_xlpm.x,5)")).as("no calculation").isNull();
        assertThat(LetFormulas.inline("_xlfn.LET(5,5,1)")).as("no name").isNull();
    }

    private static Object compute(String formula) throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            XSSFSheet s = wb.createSheet("S");
            for (int i = 0; i < 4; i++) {
                s.createRow(i).createCell(0).setCellValue(i + 1);
            }
            wb.setCellFormulaValidation(false);
            Cell cell = s.createRow(10).createCell(1);
            cell.setCellFormula(formula);
            Workbooks.recompute(wb, Set.of(cell));
            if (!((XSSFCell) cell).getCTCell().isSetV()) {
                return null;
            }
            return switch (cell.getCachedFormulaResultType()) {
                case NUMERIC -> cell.getNumericCellValue();
                case BOOLEAN -> cell.getBooleanCellValue();
                case ERROR -> "#" + cell.getErrorCellValue();
                default -> cell.getStringCellValue();
            };
        }
    }

    @Test
    void aFormulaWithLetComputesAsExcelsExamples() throws Exception {
        assertThat(compute("_xlfn.LET(_xlpm.x,1,_xlpm.x+1)")).isEqualTo(2.0);
        assertThat(compute("_xlfn.LET(_xlpm.x,S!A1:A4,SUM(_xlpm.x))")).isEqualTo(10.0);
        assertThat(compute("_xlfn.LET(_xlpm.a,2,_xlpm.a^_xlpm.a^_xlpm.a)")).isEqualTo(16.0);
        assertThat(compute("_xlfn.LET(_xlpm.s,\"ab\",UPPER(_xlpm.s)&_xlpm.s)")).isEqualTo("ABab");
        assertThat(compute("_xlfn.LET(_xlpm.x,5)")).as("not well formed: not computed").isNull();
    }
}
