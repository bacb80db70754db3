package dev.sheetsmith.engine.xlsx.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sheetsmith.domain.CellValue;
import dev.sheetsmith.domain.RangeRead;
import dev.sheetsmith.engine.xlsx.read.XlsxWorkbookReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * A file as Excel (or another program) saves it, formulas without saved values and with the
 * {@code _xlfn.} prefix newer functions carry in the file: the reader computes them.
 */
class SavedFormulasTest {

    @Test
    void theReaderComputesOurFunctionsFromTheFileWithOrWithoutPrefixes() throws IOException {
        String[] formulas = {"_xlfn.AGGREGATE(9,6,A1:A3)", "AGGREGATE(4,6,A1:A3)",
            "PRICE(DATE(2008,2,15),DATE(2017,11,15),0.0575,0.065,100,2,0)", "DATEDIF(DATE(2001,1,1),DATE(2003,1,1),\"Y\")",
            "DB(10000,1000,5,1)", "DISC(DATE(2024,9,30),DATE(2024,3,15),97.5,100)"};
        byte[] file;
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            XSSFSheet sheet = wb.createSheet("S");
            sheet.createRow(0).createCell(0).setCellValue(10);
            sheet.createRow(1).createCell(0).setCellFormula("1/0");
            sheet.createRow(2).createCell(0).setCellValue(5);
            for (int i = 0; i < formulas.length; i++) {
                XSSFCell cell = sheet.getRow(i) == null ? sheet.createRow(i).createCell(1) : sheet.getRow(i).createCell(1);
                cell.setCellFormula("0");
                // the text exactly as in the file, past POI's parser
                cell.getCTCell().getF().setStringValue(formulas[i]);
                if (cell.getCTCell().isSetV()) {
                    cell.getCTCell().unsetV();
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            wb.write(out);
            file = out.toByteArray();
        }
        RangeRead read = new XlsxWorkbookReader().read(new ByteArrayInputStream(file), "S", null, false, 100);
        assertThat(read.unevaluated()).isEmpty();
        List<CellValue> column = read.rows().stream().map(row -> row.get(1)).toList();
        assertThat(column.get(0)).isEqualTo(new CellValue.Number(15));
        assertThat(column.get(1)).isEqualTo(new CellValue.Number(10));
        assertThat(((CellValue.Number) column.get(2)).value()).isBetween(94.634361615, 94.634361625);
        assertThat(column.get(3)).isEqualTo(new CellValue.Number(2));
        assertThat(column.get(4)).isEqualTo(new CellValue.Number(3690));
        assertThat(column.get(5)).isEqualTo(new CellValue.Text("#NUM!"));
    }
}
