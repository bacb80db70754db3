package dev.sheetsmith.engine.xlsx.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AggregateTest {

    /** Microsoft's example column: errors among numbers. */
    private static final Object[] DATA = {"=1/0", 72, 30, "=SQRT(-1)", 31, 96, 32, 81, 33, 53, 34};

    @Test
    void microsoftsExamplesComputeToTheirDocumentedValues() {
        assertThat(Excel.number("AGGREGATE(4,6,S!A1:A11)", DATA)).isEqualTo(96);
        assertThat(Excel.number("AGGREGATE(14,6,S!A1:A11,3)", DATA)).isEqualTo(72);
        assertThat(Excel.eval("AGGREGATE(15,6,S!A1:A11)", DATA)).as("SMALL without k").isEqualTo("#VALUE!");
    }

    @Test
    void optionsLeaveOutErrorsHiddenRowsAndNestedAggregates() {
        Object[] column = {10, 20, 30, "=SUBTOTAL(9,A1:A3)", "=AGGREGATE(9,0,A1:A3)", "=1/0"};
        assertThat(Excel.eval("AGGREGATE(9,4,S!A1:A6)", column)).as("ignore nothing: the error").isEqualTo("#DIV/0!");
        assertThat(Excel.number("AGGREGATE(9,6,S!A1:A6)", column)).as("ignore errors").isEqualTo(180);
        assertThat(Excel.number("AGGREGATE(9,3,S!A1:A6)", column)).as("ignore nested and errors").isEqualTo(60);
        assertThat(Excel.eval("AGGREGATE(9,0,S!A1:A6)", column)).as("nested left out, error kept").isEqualTo("#DIV/0!");
        assertThat(Excel.number("AGGREGATE(9,0,S!A1:A3,S!A1)", column)).as("several references").isEqualTo(70);
    }

    @Test
    void eachFunctionComputesItsStatistic() {
        Object[] x = {3, 1, 4, 1, 5, 9, 2, 6};
        String r = "S!A1:A8";
        assertThat(Excel.number("AGGREGATE(1,4," + r + ")", x)).isEqualTo(31 / 8.0);
        assertThat(Excel.number("AGGREGATE(2,4," + r + ")", x)).isEqualTo(8);
        assertThat(Excel.number("AGGREGATE(6,4," + r + ")", x)).isEqualTo(6480);
        assertThat(Excel.number("AGGREGATE(7,4," + r + ")", x)).isCloseTo(Excel.number("STDEV(" + r + ")", x), within(1e-12));
        assertThat(Excel.number("AGGREGATE(8,4," + r + ")", x)).isCloseTo(Excel.number("STDEVP(" + r + ")", x), within(1e-12));
        assertThat(Excel.number("AGGREGATE(10,4," + r + ")", x)).isCloseTo(Excel.number("VAR(" + r + ")", x), within(1e-12));
        assertThat(Excel.number("AGGREGATE(11,4," + r + ")", x)).isCloseTo(Excel.number("VARP(" + r + ")", x), within(1e-12));
        assertThat(Excel.number("AGGREGATE(12,4," + r + ")", x)).isEqualTo(3.5);
        assertThat(Excel.number("AGGREGATE(13,4," + r + ")", x)).isEqualTo(1);
        assertThat(Excel.number("AGGREGATE(15,4," + r + ",2)", x)).isEqualTo(1);
        assertThat(Excel.number("AGGREGATE(16,4," + r + ",0.3)", x)).isCloseTo(Excel.number("PERCENTILE(" + r + ",0.3)", x), within(1e-12));
        // QUARTILE.INC 3 of 1,1,2,3,4,5,6,9: position 0.75 * 7 = 5.25 between 5 and 6
        assertThat(Excel.number("AGGREGATE(17,4," + r + ",3)", x)).isCloseTo(5.25, within(1e-12));
        // PERCENTILE.EXC over 8 values: rank 0.25 * 9 = 2.25 between the 2nd (1) and 3rd (2) smallest
        assertThat(Excel.number("AGGREGATE(18,4," + r + ",0.25)", x)).isCloseTo(1.25, within(1e-12));
        assertThat(Excel.number("AGGREGATE(19,4," + r + ",1)", x)).isCloseTo(1.25, within(1e-12));
    }

    @Test
    void badArgumentsGiveExcelsErrors() {
        Object[] x = {1, 2, 3};
        assertThat(Excel.eval("AGGREGATE(20,4,S!A1:A3)", x)).as("function 20").isEqualTo("#VALUE!");
        assertThat(Excel.eval("AGGREGATE(9,8,S!A1:A3)", x)).as("option 8").isEqualTo("#VALUE!");
        assertThat(Excel.eval("AGGREGATE(13,4,S!A1:A3)", x)).as("no mode").isEqualTo("#N/A");
        assertThat(Excel.eval("AGGREGATE(14,4,S!A1:A3,4)", x)).as("k past the count").isEqualTo("#NUM!");
        assertThat(Excel.eval("AGGREGATE(16,4,S!A1:A3,1.5)", x)).as("percentile past 1").isEqualTo("#NUM!");
        assertThat(Excel.eval("AGGREGATE(19,4,S!A1:A3,4)", x)).as("exclusive quartile 4").isEqualTo("#NUM!");
        assertThat(Excel.eval("AGGREGATE(1,4,S!B1:B3)", x)).as("average of nothing").isEqualTo("#DIV/0!");
    }
}
