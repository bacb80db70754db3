package dev.sheetsmith.engine.xlsx.poi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Typed text to Excel's stored form and back. */
class ExcelFormulaTextTest {

    private static final ExcelFormulaText.Tables IN_ORDERS = new ExcelFormulaText.Tables() {
        @Override
        public String tableAtCell() {
            return "Orders";
        }

        @Override
        public boolean isTable(String name) {
            return name.equalsIgnoreCase("Orders");
        }
    };

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "XLOOKUP(1,A:A,B:B)|_xlfn.XLOOKUP(1,A:A,B:B)",
        "_xlfn.XLOOKUP(1,A:A,B:B)|_xlfn.XLOOKUP(1,A:A,B:B)",
        "stdev.s(A1:A3)+VAR.P(A1:A3)|_xlfn.stdev.s(A1:A3)+_xlfn.VAR.P(A1:A3)",
        "SORT(FILTER(A1:A9,A1:A9>5))|_xlfn._xlws.SORT(_xlfn._xlws.FILTER(A1:A9,A1:A9>5))",
        "SUM(Spill!A1#)+COUNT('My Sheet'!$B$2#)|SUM(_xlfn.ANCHORARRAY(Spill!A1))+COUNT(_xlfn.ANCHORARRAY('My Sheet'!$B$2))",
        "LET(total,SUM(A1:A3),total/3)|_xlfn.LET(_xlpm.total,SUM(A1:A3),_xlpm.total/3)",
        "[@Qty]*[@Price]|Orders[[#This Row],[Qty]]*Orders[[#This Row],[Price]]",
        "Orders[@[Unit Price]]|Orders[[#This Row],[Unit Price]]",
        "SUM(Orders[Qty])&\"XLOOKUP(\"|SUM(Orders[Qty])&\"XLOOKUP(\"",
        "IF(A1=\"#\",#N/A,SUM(A1:A3))|IF(A1=\"#\",#N/A,SUM(A1:A3))",
        "IFS(A1>1,1,TRUE,0)+TEXTJOIN(\",\",TRUE,A1:A3)|_xlfn.IFS(A1>1,1,TRUE,0)+_xlfn.TEXTJOIN(\",\",TRUE,A1:A3)",
    })
    void storedAsExcelStoresItAndShownAsTyped(String typed, String stored) {
        assertThat(ExcelFormulaText.toFile(typed, IN_ORDERS).file()).isEqualTo(stored);
        String shown = ExcelFormulaText.toDisplay(stored);
        assertThat(ExcelFormulaText.toFile(shown, IN_ORDERS).file()).isEqualTo(stored);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "LET(x,5,x*2)|_xlfn.LET(0,5,0*2)",
        "ROWS(Orders)|ROWS(Orders[#Data])",
    })
    void theParserChecksAShadowWhereItCannotReadTheStoredForm(String typed, String shadow) {
        assertThat(ExcelFormulaText.toFile(typed, IN_ORDERS).shadow()).isEqualTo(shadow);
    }
}
