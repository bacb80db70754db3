package dev.sheetsmith.engine.xlsx.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sheetsmith.domain.CellRange;
import dev.sheetsmith.domain.CellValue;
import dev.sheetsmith.domain.RangeRead;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** The preview's read: values as the file shows them, each cell's number format applied by the engine. */
class FormattedReadTest {

    private final XlsxWorkbookReader reader = new XlsxWorkbookReader();

    @Test
    void currencyPercentDatesAndFormulasShowAsTheFileFormatsThem() throws IOException {
        RangeRead read = reader.readFormatted(new ByteArrayInputStream(sample()), "Data", null, 100);
        assertThat(read.range().toA1()).isEqualTo("A1:F3");
        assertThat(read.rows().get(0)).extracting(CellValue::display)
                .containsExactly("Item", "Price", "Share", "When", "Plain", "Total");
        assertThat(read.rows().get(1)).extracting(CellValue::display)
                .containsExactly("Pen", "$1,234.50", "12.5%", "2026-03-01", "1234.5", "$2,469.00");
        // A formula without a saved value is computed, then formatted like the others.
        assertThat(read.rows().get(2)).extracting(CellValue::display)
                .containsExactly("Ink", "-$3.00", "100.0%", "1 Mar 2026", "", "-$6.00");
        assertThat(read.rows().get(2).get(4)).isEqualTo(CellValue.EMPTY);
        assertThat(read.unevaluated()).isEmpty();
    }

    @Test
    void pagesFollowTheCellBudgetLikeTheTypedRead() throws IOException {
        RangeRead first = reader.readFormatted(new ByteArrayInputStream(sample()), "Data", CellRange.parse("A1:B3"), 4);
        assertThat(first.range().toA1()).isEqualTo("A1:B2");
        assertThat(first.nextRange().toA1()).isEqualTo("A3:B3");
        assertThat(first.rows().get(1)).extracting(CellValue::display).containsExactly("Pen", "$1,234.50");
        // the typed read of the same cells is unchanged: numbers stay numbers
        assertThat(reader.read(new ByteArrayInputStream(sample()), "Data", CellRange.parse("B2"), false, 4).rows())
                .containsExactly(List.of(new CellValue.Number(1234.5)));
    }

    private static byte[] sample() throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSSFSheet s = wb.createSheet("Data");
            CellStyle money = style(wb, "\"$\"#,##0.00");
            CellStyle share = style(wb, "0.0%");
            CellStyle iso = style(wb, "yyyy-mm-dd");
            CellStyle day = style(wb, "d mmm yyyy");
            XSSFRow h = s.createRow(0);
            String[] heads = {"Item", "Price", "Share", "When", "Plain", "Total"};
            for (int i = 0; i < heads.length; i++) {
                h.createCell(i).setCellValue(heads[i]);
            }
            XSSFRow r1 = s.createRow(1);
            r1.createCell(0).setCellValue("Pen");
            r1.createCell(1).setCellValue(1234.5);
            r1.getCell(1).setCellStyle(money);
            r1.createCell(2).setCellValue(0.125);
            r1.getCell(2).setCellStyle(share);
            r1.createCell(3).setCellValue(LocalDate.of(2026, 3, 1));
            r1.getCell(3).setCellStyle(iso);
            r1.createCell(4).setCellValue(1234.5);
            r1.createCell(5).setCellFormula("B2*2");
            r1.getCell(5).setCellStyle(money);
            wb.getCreationHelper().createFormulaEvaluator().evaluateFormulaCell(r1.getCell(5));
            XSSFRow r2 = s.createRow(2);
            r2.createCell(0).setCellValue("Ink");
            r2.createCell(1).setCellValue(-3);
            r2.getCell(1).setCellStyle(money);
            r2.createCell(2).setCellValue(1);
            r2.getCell(2).setCellStyle(share);
            r2.createCell(3).setCellValue(LocalDate.of(2026, 3, 1));
            r2.getCell(3).setCellStyle(day);
            r2.createCell(5).setCellFormula("B3*2");
            r2.getCell(5).setCellStyle(money);
            wb.write(out);
            return out.toByteArray();
        }
    }

    private static CellStyle style(XSSFWorkbook wb, String format) {
        CellStyle style = wb.createCellStyle();
        style.setDataFormat(wb.createDataFormat().getFormat(format));
        return style;
    }
}
