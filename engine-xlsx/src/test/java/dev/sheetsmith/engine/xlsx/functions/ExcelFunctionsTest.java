package dev.sheetsmith.engine.xlsx.functions;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.poi.ss.formula.atp.AnalysisToolPak;
import org.apache.poi.ss.formula.eval.FunctionEval;
import org.junit.jupiter.api.Test;

class ExcelFunctionsTest {

    @Test
    void registeringTwiceIsHarmlessAndPoiNowListsTheFunctionsAsSupported() {
        ExcelFunctions.registerOnce();
        ExcelFunctions.registerOnce();
        assertThat(AnalysisToolPak.getSupportedFunctionNames()).contains("PRICE", "YIELD", "DURATION", "MDURATION",
                "COUPNUM", "COUPNCD", "COUPPCD", "COUPDAYS", "COUPDAYBS", "COUPDAYSNC", "DISC", "PRICEDISC", "YIELDDISC",
                "INTRATE", "RECEIVED", "TBILLPRICE", "TBILLYIELD", "TBILLEQ", "ACCRINT", "ACCRINTM", "PRICEMAT", "YIELDMAT");
        assertThat(FunctionEval.getSupportedFunctionNames()).contains("SLN", "SYD", "DB", "DDB", "VDB", "DATEDIF");
        assertThat(Excel.number("AGGREGATE(9,4,S!A1:A2)", 1, 2)).isEqualTo(3);
    }

    @Test
    void tooFewOrTooManyArgumentsAreValueErrors() {
        // POI's parser does not count the arguments of Analysis ToolPak functions; Excel refuses such
        // formulas on entry, so a file carrying one shows #VALUE!, never a guessed number
        assertThat(Excel.eval("PRICE(DATE(2024,3,15),DATE(2029,11,15),0.05,0.06,100)")).isEqualTo("#VALUE!");
        assertThat(Excel.eval("COUPNUM(DATE(2024,3,15),DATE(2029,11,15),2,0,1)")).isEqualTo("#VALUE!");
        assertThat(Excel.eval("AGGREGATE(9,4)")).isEqualTo("#VALUE!");
    }
}
