package dev.sheetsmith.plugins.ods;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sheetsmith.spi.CellValue;
import dev.sheetsmith.spi.SheetView;
import java.io.ByteArrayInputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** OpenFormula as LibreOffice saves it, and the Excel text it becomes (or none). */
class OdsFormulasTest {

    @Test
    void referencesRangesAndSeparatorsTakeExcelsSpelling() {
        assertThat(OdsFormulas.toExcel("of:=[.A1]+[.B1]")).contains("A1+B1");
        assertThat(OdsFormulas.toExcel("of:=SUM([.A1:.A3])")).contains("SUM(A1:A3)");
        assertThat(OdsFormulas.toExcel("of:=[Sheet2.B1]*2")).contains("Sheet2!B1*2");
        assertThat(OdsFormulas.toExcel("of:=[$Sheet2.$B$1]")).contains("Sheet2!$B$1");
        assertThat(OdsFormulas.toExcel("of:=SUM([$'My sheet'.A1:.B3])")).contains("SUM('My sheet'!A1:B3)");
        assertThat(OdsFormulas.toExcel("of:=SUM(['it''s'.A1])")).contains("SUM('it''s'!A1)");
        assertThat(OdsFormulas.toExcel("of:=IF([.A1]>0;\"a;b\";\"c\")")).contains("IF(A1>0,\"a;b\",\"c\")");
        assertThat(OdsFormulas.toExcel("of:=SUM({1;2|3;4})")).contains("SUM({1,2;3,4})");
        assertThat(OdsFormulas.toExcel("of:=IFERROR(1/0;#N/A)")).contains("IFERROR(1/0,#N/A)");
        assertThat(OdsFormulas.toExcel("of:=SUM([.A:.A])")).contains("SUM(A:A)");
        assertThat(OdsFormulas.toExcel("msoxl:=A1*2")).contains("A1*2");
        // a sheet named like a cell must be quoted in Excel
        assertThat(OdsFormulas.toExcel("of:=[AB1.C3]")).contains("'AB1'!C3");
    }

    @Test
    void whatHasNoOneForOneFormIsNotGuessed() {
        assertThat(OdsFormulas.toExcel("of:=SUM([.A1:.A3]~[.C1])")).isEmpty(); // union
        assertThat(OdsFormulas.toExcel("of:=[.A1:.C3]![.B1:.B5]")).isEmpty(); // intersection
        assertThat(OdsFormulas.toExcel("of:=SUM([Sheet1.A1:Sheet3.A1])")).isEmpty(); // 3D
        assertThat(OdsFormulas.toExcel("of:=['file:///x.ods'#$Sheet1.A1]")).isEmpty(); // another file
        assertThat(OdsFormulas.toExcel("of:=ORG.OPENOFFICE.STYLE(\"x\")")).isEmpty(); // a namespace
        assertThat(OdsFormulas.toExcel("oooc:=[.A1]")).isEmpty();
        assertThat(OdsFormulas.toExcel("of:=[.A1")).isEmpty();
        assertThat(OdsFormulas.toExcel("of:=\"open")).isEmpty();
        assertThat(OdsFormulas.toExcel("of:=")).isEmpty();
    }

    @Test
    void theReaderGivesFormulasWhereTheyConvertAndSavedValuesWhereTheyDoNot() throws Exception {
        byte[] ods = OdsRepeatsAndLimitsTest.ods("<table:table-row>" + cell("x") + cell("y") + cell("sum") + cell("union")
                + "</table:table-row><table:table-row>" + number("1", null) + number("2", null)
                + number("3", "of:=[.A2]+[.B2]") + number("4", "of:=SUM([.A2]~[.B2];[.A2])")
                + "</table:table-row>");
        SheetView sheet = new OdsFormat().read(new ByteArrayInputStream(ods)).sheets().get(0);
        assertThat(sheet.headers()).containsExactly("x", "y", "sum", "union");
        assertThat(sheet.rows().toList().get(0)).containsExactly(new CellValue.Number(1), new CellValue.Number(2),
                new CellValue.Formula("A2+B2"), new CellValue.Number(4));
    }

    @Test
    void aFirstRowWithFormulasIsDataNotAHeader() throws Exception {
        byte[] ods = OdsRepeatsAndLimitsTest.ods("<table:table-row>" + number("1", null) + number("2", "of:=[.A1]*2")
                + "</table:table-row>");
        SheetView sheet = new OdsFormat().read(new ByteArrayInputStream(ods)).sheets().get(0);
        assertThat(sheet.headers()).isEmpty();
        assertThat(sheet.rows().toList()).containsExactly(List.of(new CellValue.Number(1),
                new CellValue.Formula("A1*2")));
    }

    private static String cell(String text) {
        return "<table:table-cell office:value-type=\"string\" office:string-value=\"" + text + "\"><text:p>" + text
                + "</text:p></table:table-cell>";
    }

    private static String number(String value, String formula) {
        return "<table:table-cell" + (formula == null ? "" : " table:formula=\"" + formula + "\"")
                + " office:value-type=\"float\" office:value=\"" + value + "\"><text:p>" + value
                + "</text:p></table:table-cell>";
    }
}
