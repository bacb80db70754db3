package dev.sheetsmith.engine.xlsx.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Functions POI computes otherwise than Excel, now as Microsoft documents them. */
class CorrectionsTest {

    @Test
    void powerAndLogFollowExcelsRules() {
        assertThat(Excel.number("POWER(5,2)")).isEqualTo(25);
        assertThat(Excel.number("POWER(98.6,3.2)")).isCloseTo(2401077.222, within(1e-3));
        assertThat(Excel.number("POWER(4,5/4)")).isCloseTo(5.656854249, within(1e-9));
        assertThat(Excel.number("POWER(-8,1/3)")).isCloseTo(-2, within(1e-12));
        assertThat(Excel.eval("POWER(0,0)")).isEqualTo("#NUM!");
        assertThat(Excel.eval("POWER(0,-1)")).isEqualTo("#DIV/0!");
        assertThat(Excel.eval("POWER(-8,1/2)")).isEqualTo("#NUM!");
        assertThat(Excel.number("LOG(10)")).isCloseTo(1, within(1e-15));
        assertThat(Excel.number("LOG(8,2)")).isCloseTo(3, within(1e-15));
        assertThat(Excel.eval("LOG(1,1)")).isEqualTo("#DIV/0!");
        assertThat(Excel.eval("LOG(0)")).isEqualTo("#NUM!");
    }

    @Test
    void npvRateAndCorrelFollowMicrosoftsExamples() {
        assertThat(Excel.number("NPV(0.1,-10000,3000,4200,6800)")).isCloseTo(1188.44, within(0.005));
        assertThat(Excel.eval("NPV(-1,1,2)")).isEqualTo("#DIV/0!");
        assertThat(Excel.number("RATE(4*12,-200,8000)")).isCloseTo(0.0077, within(5e-5));
        assertThat(Excel.number("RATE(60,-200,10000,0,0,0.01)")).isCloseTo(0.006183413161277644, within(1e-12));
        assertThat(Excel.number("CORREL({3,2,4,5,6},{9,7,12,15,17})")).isCloseTo(0.997054486, within(1e-9));
        assertThat(Excel.number("CORREL(S!A1:A4,{1;2;3;5})", 1, "x", 3, 4)).as("pairs of numbers only")
                .isCloseTo(Excel.number("CORREL({1,3,4},{1,3,5})"), within(1e-15));
        assertThat(Excel.eval("CORREL({1,2},{1,2,3})")).isEqualTo("#N/A");
        assertThat(Excel.eval("CORREL({1,1},{1,2})")).isEqualTo("#DIV/0!");
    }

    @Test
    void countCodeRowsAndDatesReadValuesAsExcel() {
        assertThat(Excel.number("COUNT(\"1\",TRUE,\"a\")")).isEqualTo(2);
        assertThat(Excel.number("COUNT(S!A1:A4,2)", 1, "2", true, 4)).isEqualTo(3);
        assertThat(Excel.number("CODE(\"A\")")).isEqualTo(65);
        assertThat(Excel.number("CODE(\"€\")")).isEqualTo(128);
        assertThat(Excel.eval("CODE(\"\")")).isEqualTo("#VALUE!");
        assertThat(Excel.number("ROWS(5)")).isEqualTo(1);
        assertThat(Excel.number("ROWS({1,2,3;4,5,6})")).isEqualTo(2);
        assertThat(Excel.number("COLUMNS({1,2,3;4,5,6})")).isEqualTo(3);
        assertThat(Excel.number("VALUE(\"2024-03-15\")")).isEqualTo(45366);
        assertThat(Excel.number("VALUE(\"$1,000\")")).isEqualTo(1000);
        assertThat(Excel.number("YEAR(\"2024-03-15\")")).isEqualTo(2024);
        assertThat(Excel.number("MONTH(\"2024-03-15\")")).isEqualTo(3);
        assertThat(Excel.eval("YEAR(\"soon\")")).isEqualTo("#VALUE!");
        assertThat(Excel.number("DATE(9999,12,31)")).isEqualTo(2958465);
        assertThat(Excel.eval("DATE(10000,1,1)")).isEqualTo("#NUM!");
    }

    @Test
    void subtotalLeavesOutNestedSubtotalsAndAggregates() {
        Object[] column = {10, 20, 30, "=SUBTOTAL(9,S!A1:A3)", "=_xlfn.AGGREGATE(9,0,S!A1:A3)", 5};
        assertThat(Excel.number("SUBTOTAL(9,S!A1:A6)", column)).isEqualTo(65);
        assertThat(Excel.number("SUBTOTAL(109,S!A1:A6)", column)).isEqualTo(65);
        assertThat(Excel.number("SUBTOTAL(2,S!A1:A6)", column)).isEqualTo(4);
        assertThat(Excel.number("SUBTOTAL(1,S!A1:A3)", column)).isEqualTo(20);
        assertThat(Excel.eval("SUBTOTAL(12,S!A1:A6)", column)).isEqualTo("#VALUE!");
        assertThat(Excel.eval("SUBTOTAL(9,S!A1:A2)", 1, "=1/0")).isEqualTo("#DIV/0!");
    }

    @Test
    void countifAndSumifCriteriaReadAsExcel() {
        Object[] column = {1, "2", "abc", true, null, 3.5};
        assertThat(Excel.number("COUNTIF(S!A1:A6,\"<>\")", column)).as("not empty").isEqualTo(5);
        Object[] dates = {45306.0, 45351.0, 45444.0, 45500.0, "x"};
        assertThat(Excel.number("COUNTIF(S!A1:A5,\">2024-06-01\")", dates)).isEqualTo(1);
        assertThat(Excel.number("COUNTIF(S!A1:A5,\">=2024-06-01\")", dates)).isEqualTo(2);
        assertThat(Excel.number("SUMIF(S!A1:A5,\"<2024-03-01\")", dates)).as("15 Jan and 29 Feb 2024").isEqualTo(45306 + 45351);
        assertThat(Excel.number("COUNTIF(S!A1:A5,\">45444\")", dates)).as("numbers unchanged").isEqualTo(1);
        assertThat(Excel.number("COUNTIF(S!A1:A5,\"x\")", dates)).isEqualTo(1);
    }
}
