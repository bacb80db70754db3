package dev.sheetsmith.engine.xlsx.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.ports.out.WorkbookIntake;
import dev.sheetsmith.spi.InvalidFileException;
import dev.sheetsmith.spi.ReadLimits;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.xssf.usermodel.XSSFName;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** The checks an uploaded workbook passes before it is stored as it is. */
class XlsxIntakeTest {

    private final XlsxIntake intake = new XlsxIntake();

    @Test
    void aPlainWorkbookPassesWithItsSheets() throws IOException {
        WorkbookIntake.Checked checked = intake.check(in(book(wb -> { })), ReadLimits.none());
        assertThat(checked.macroEnabled()).isFalse();
        assertThat(checked.sheets()).hasSize(2);
        WorkbookIntake.Sheet data = checked.sheets().get(0);
        assertThat(data.name()).isEqualTo("Data");
        assertThat(data.rows()).isEqualTo(4);
        assertThat(data.columns()).isEqualTo(3);
        assertThat(data.headerRow()).isTrue();
        assertThat(checked.sheets().get(1).hidden()).isTrue();
    }

    @Test
    void eachLimitIsCountedWhileThePartsStream() throws IOException {
        byte[] book = book(wb -> { });
        assertThatThrownBy(() -> intake.check(in(book), new ReadLimits(5, 1_048_576, 16_384, Long.MAX_VALUE,
                Long.MAX_VALUE))).isInstanceOf(InvalidInputException.class).hasMessageContaining("shared strings")
                .hasMessageContaining("limits.maxCellsPerCall");
        assertThatThrownBy(() -> intake.check(in(book), new ReadLimits(8, 1_048_576, 16_384, Long.MAX_VALUE,
                Long.MAX_VALUE))).isInstanceOf(InvalidFileException.class).hasMessageContaining("limits.maxCellsPerCall")
                .hasMessageContaining("sheet 'Data', row 3");
        assertThatThrownBy(() -> intake.check(in(book), new ReadLimits(1000, 3, 16_384, Long.MAX_VALUE,
                Long.MAX_VALUE))).isInstanceOf(InvalidFileException.class).hasMessageContaining("limits.maxRows");
        assertThatThrownBy(() -> intake.check(in(book), new ReadLimits(1000, 1000, 1000, 300, Long.MAX_VALUE)))
                .isInstanceOf(InvalidFileException.class).hasMessageContaining("limits.maxUnpackedBytes");
    }

    @Test
    void namesAndFormulasThatReachOutsideAreRefusedTogether() throws IOException {
        byte[] book = book(wb -> {
            XSSFSheet s = wb.getSheet("Data");
            s.getRow(1).createCell(4).setCellFormula("WEBSERVICE(\"https://example.com\")");
            s.getRow(2).createCell(4).setCellFormula("HYPERLINK(\"file:///etc/passwd\",\"x\")");
            s.getRow(3).createCell(4).setCellFormula("INDIRECT(\"[other.xlsx]Sheet1!A1\")");
            XSSFName name = wb.createName();
            name.setNameName("Feed");
            name.setRefersToFormula("WEBSERVICE(\"https://example.com/feed\")");
        });
        assertThatThrownBy(() -> intake.check(in(book), ReadLimits.none())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("sheet 'Data', cell E2").hasMessageContaining("sheet 'Data', cell E3")
                .hasMessageContaining("sheet 'Data', cell E4").hasMessageContaining("defined name 'Feed'")
                .hasMessageContaining("these 4");
    }

    @Test
    void aLinkToAnotherWorkbookWrittenAsTheFileHoldsItIsRefused() throws IOException {
        // Excel writes [1]Sheet1!A1 for a reference to the first external workbook, with an externalLink part
        byte[] book = replace(book(wb -> wb.getSheet("Data").getRow(1).createCell(4).setCellFormula("B2*2")),
                "xl/worksheets/sheet1.xml", "<f>B2*2</f>", "<f>[1]Sheet1!A1*2</f>");
        assertThatThrownBy(() -> intake.check(in(book), ReadLimits.none())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("sheet 'Data', cell E2").hasMessageContaining("other workbooks");
    }

    @Test
    void notAWorkbookIsSaidPlainly() {
        assertThatThrownBy(() -> intake.check(in("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8)), ReadLimits.none()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not an xlsx workbook");
    }

    private interface Change {
        void apply(XSSFWorkbook wb);
    }

    private static byte[] book(Change change) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            XSSFSheet s = wb.createSheet("Data");
            Object[][] rows = {{"Item", "Qty", "Price"}, {"Apples", 3, 1.5}, {"Pears", 2, 2.25}, {"Plums", 1, 4.0}};
            for (int r = 0; r < rows.length; r++) {
                XSSFRow row = s.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    if (rows[r][c] instanceof String text) {
                        row.createCell(c).setCellValue(text);
                    } else {
                        row.createCell(c).setCellValue(((Number) rows[r][c]).doubleValue());
                    }
                }
            }
            wb.createSheet("Hidden").createRow(0).createCell(0).setCellValue("x");
            wb.setSheetHidden(1, true);
            change.apply(wb);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            wb.write(out);
            return out.toByteArray();
        }
    }

    private static byte[] replace(byte[] zip, String entry, String from, String to) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
                ZipOutputStream z = new ZipOutputStream(out)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                byte[] bytes = in.readAllBytes();
                if (e.getName().equals(entry)) {
                    String xml = new String(bytes, StandardCharsets.UTF_8);
                    assertThat(xml).contains(from);
                    bytes = xml.replace(from, to).getBytes(StandardCharsets.UTF_8);
                }
                z.putNextEntry(new ZipEntry(e.getName()));
                z.write(bytes);
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static ByteArrayInputStream in(byte[] bytes) {
        return new ByteArrayInputStream(bytes);
    }
}
