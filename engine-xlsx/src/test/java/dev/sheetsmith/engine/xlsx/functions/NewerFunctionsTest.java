package dev.sheetsmith.engine.xlsx.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The statistical, financial, information and text functions Sheetsmith adds to (or corrects in)
 * POI, with the examples of Microsoft's function pages and Excel's errors for bad inputs.
 */
class NewerFunctionsTest {

    @Test
    void statisticsFollowMicrosoftsExamples() {
        assertThat(Excel.number("PERMUT(100,3)")).isEqualTo(970200);
        assertThat(Excel.number("MODE.SNGL(5.6,4,4,3,2,4)")).isEqualTo(4);
        assertThat(Excel.number("RANK.AVG(94,{89;88;92;101;94;97;95})")).isEqualTo(4);
        assertThat(Excel.number("RANK.EQ(7,{7;3.5;3.5;1;2},1)")).isEqualTo(5);
        assertThat(Excel.number("RANK.AVG(3.5,{7;3.5;3.5;1;2},1)")).isEqualTo(3.5);
        assertThat(Excel.number("PERCENTILE.INC({1,3,2,4},0.3)")).isCloseTo(1.9, within(1e-12));
        assertThat(Excel.number("PERCENTILE.EXC({1,2,3,6,6,6,7,8,9},0.25)")).isCloseTo(2.5, within(1e-12));
        assertThat(Excel.number("QUARTILE.INC({1,2,4,7,8,9,10,12},1)")).isCloseTo(3.5, within(1e-12));
        assertThat(Excel.number("QUARTILE({1,2,4,7,8,9,10,12},1)")).isCloseTo(3.5, within(1e-12));
        assertThat(Excel.number("QUARTILE.EXC({6,7,15,36,39,40,41,42,43,47,49},1)")).isCloseTo(15, within(1e-12));
        assertThat(Excel.number("QUARTILE.EXC({6,7,15,36,39,40,41,42,43,47,49},3)")).isCloseTo(43, within(1e-12));
        assertThat(Excel.number("HARMEAN(4,5,8,7,11,4,3)")).isCloseTo(5.028376, within(1e-6));
        assertThat(Excel.number("SKEW(3,4,5,2,3,4,5,6,4,7)")).isCloseTo(0.359543, within(1e-6));
        assertThat(Excel.number("KURT(3,4,5,2,3,4,5,6,4,7)")).isCloseTo(-0.1518, within(1e-4));
        assertThat(Excel.number("BINOM.DIST(6,10,0.5,FALSE)")).isCloseTo(0.2050781, within(1e-7));
        assertThat(Excel.number("EXPON.DIST(0.2,10,TRUE)")).isCloseTo(0.86466472, within(1e-8));
        assertThat(Excel.number("EXPON.DIST(0.2,10,FALSE)")).isCloseTo(1.35335283, within(1e-8));
        assertThat(Excel.number("CONFIDENCE.NORM(0.05,2.5,50)")).isCloseTo(0.692952, within(1e-6));
    }

    @Test
    void statisticsRangesCountTheirNumbersOnly() {
        assertThat(Excel.number("HARMEAN(S!A1:A4)", 1, "text", true, 1)).isEqualTo(1);
        assertThat(Excel.eval("MODE.SNGL(S!A1:A3)", 1, 2, 3)).isEqualTo("#N/A");
        assertThat(Excel.eval("RANK.EQ(9,S!A1:A3)", 1, 2, 3)).isEqualTo("#N/A");
        assertThat(Excel.eval("SKEW(S!A1:A3)", 1, "=1/0", 3)).isEqualTo("#DIV/0!");
    }

    @Test
    void badStatisticalArgumentsGiveExcelsErrors() {
        assertThat(Excel.eval("PERMUT(1,2)")).isEqualTo("#NUM!");
        assertThat(Excel.eval("PERCENTILE.INC({1,2},1.1)")).isEqualTo("#NUM!");
        assertThat(Excel.eval("PERCENTILE.EXC({1,2,3},0.05)")).isEqualTo("#NUM!");
        assertThat(Excel.eval("QUARTILE.INC({1,2},5)")).isEqualTo("#NUM!");
        assertThat(Excel.eval("BINOM.DIST(3,10,1.5,TRUE)")).isEqualTo("#NUM!");
        assertThat(Excel.eval("EXPON.DIST(-1,2,TRUE)")).isEqualTo("#NUM!");
        assertThat(Excel.eval("CONFIDENCE.NORM(0,2.5,50)")).isEqualTo("#NUM!");
        assertThat(Excel.eval("KURT(1,2,3)")).isEqualTo("#DIV/0!");
        assertThat(Excel.eval("HARMEAN(1,\"x\")")).isEqualTo("#VALUE!");
    }

    @Test
    void loansFollowMicrosoftsExamples() {
        assertThat(Excel.number("IPMT(0.1/12,1,3*12,8000)")).isCloseTo(-66.67, within(0.005));
        assertThat(Excel.number("IPMT(0.1,3,3,8000)")).isCloseTo(-292.45, within(0.005));
        assertThat(Excel.number("PPMT(0.1/12,1,2*12,2000)")).isCloseTo(-75.62, within(0.005));
        assertThat(Excel.number("PPMT(0.08,10,10,200000)")).isCloseTo(-27598.05, within(0.005));
        assertThat(Excel.number("IPMT(0.05/12,1,60,10000,0,1)")).isEqualTo(0);
        assertThat(Excel.number("CUMIPMT(0.09/12,360,125000,13,24,0)")).isCloseTo(-11135.23, within(0.005));
        assertThat(Excel.number("CUMIPMT(0.09/12,360,125000,1,1,0)")).isCloseTo(-937.50, within(0.005));
        assertThat(Excel.number("CUMPRINC(0.09/12,360,125000,13,24,0)")).isCloseTo(-934.1071234, within(1e-6));
        assertThat(Excel.number("CUMPRINC(0.09/12,360,125000,1,1,0)")).isCloseTo(-68.27827118, within(1e-7));
        assertThat(Excel.number("ISPMT(0.1/12,1,3*12,8000000)")).isCloseTo(-64814.8148, within(1e-4));
        assertThat(Excel.number("EFFECT(0.0525,4)")).isCloseTo(0.053543, within(1e-6));
        assertThat(Excel.number("NOMINAL(0.053543,4)")).isCloseTo(0.05250032, within(1e-8));
        assertThat(Excel.number("PDURATION(0.025,2000,2200)")).isCloseTo(3.86, within(0.005));
        assertThat(Excel.number("RRI(96,10000,11000)")).isCloseTo(0.0009933, within(1e-7));
        assertThat(Excel.number("FVSCHEDULE(1,{0.09,0.11,0.1})")).isCloseTo(1.3308900, within(1e-7));
        String flows = "{-10000,2750,4250,3250,2750},{39448,39508,39751,39859,39904}";
        assertThat(Excel.number("XNPV(0.09," + flows + ")")).isCloseTo(2086.65, within(0.005));
        assertThat(Excel.number("XIRR(" + flows + ",0.1)")).isCloseTo(0.373362535, within(1e-8));
    }

    @Test
    void badLoanArgumentsGiveExcelsErrors() {
        assertThat(Excel.eval("IPMT(0.05/12,0,60,10000)")).isEqualTo("#NUM!");
        assertThat(Excel.eval("CUMIPMT(0,60,10000,1,12,0)")).isEqualTo("#NUM!");
        assertThat(Excel.eval("CUMIPMT(0.05/12,60,10000,1,12,2)")).isEqualTo("#NUM!");
        assertThat(Excel.eval("ISPMT(0.1,1,0,1200)")).isEqualTo("#DIV/0!");
        assertThat(Excel.eval("EFFECT(0.1,0)")).isEqualTo("#NUM!");
        assertThat(Excel.eval("PDURATION(0,1000,2000)")).isEqualTo("#NUM!");
        assertThat(Excel.eval("RRI(0,1000,2000)")).isEqualTo("#NUM!");
        assertThat(Excel.eval("XIRR({1,2},{39448,39508})")).as("no negative flow").isEqualTo("#NUM!");
        assertThat(Excel.eval("XNPV(0.1,{-1,2},{39448})")).as("fewer dates").isEqualTo("#NUM!");
        assertThat(Excel.eval("FVSCHEDULE(1,{\"x\"})")).isEqualTo("#VALUE!");
    }

    @Test
    void informationAndTextFollowMicrosoftsExamples() {
        assertThat(Excel.number("N(7)")).isEqualTo(7);
        assertThat(Excel.number("N(\"Even\")")).isEqualTo(0);
        assertThat(Excel.number("N(TRUE)")).isEqualTo(1);
        assertThat(Excel.eval("N(NA())")).isEqualTo("#N/A");
        assertThat(Excel.number("TYPE(2)")).isEqualTo(1);
        assertThat(Excel.number("TYPE(\"Smith\")")).isEqualTo(2);
        assertThat(Excel.number("TYPE(1/0)")).isEqualTo(16);
        assertThat(Excel.number("TYPE({1,2})")).isEqualTo(64);
        assertThat(Excel.eval("XOR(3>0,2<9)")).isEqualTo(false);
        assertThat(Excel.eval("XOR(TRUE,TRUE,TRUE)")).isEqualTo(true);
        assertThat(Excel.eval("XOR(\"a\")")).isEqualTo("#VALUE!");
        assertThat(Excel.eval("UNICHAR(66)")).isEqualTo("B");
        assertThat(Excel.eval("UNICHAR(0)")).isEqualTo("#VALUE!");
        assertThat(Excel.number("UNICODE(\"B\")")).isEqualTo(66);
        assertThat(Excel.eval("UNICODE(\"\")")).isEqualTo("#VALUE!");
        assertThat(Excel.number("ISOWEEKNUM(DATE(2012,3,9))")).isEqualTo(10);
        assertThat(Excel.number("NETWORKDAYS.INTL(DATE(2006,1,1),DATE(2006,1,31))")).isEqualTo(22);
        assertThat(Excel.number("NETWORKDAYS.INTL(DATE(2006,2,28),DATE(2006,1,31))")).isEqualTo(-21);
        assertThat(Excel.number("NETWORKDAYS.INTL(DATE(2006,1,1),DATE(2006,2,1),7,{38719,38733})")).isEqualTo(22);
        assertThat(Excel.eval("NETWORKDAYS.INTL(DATE(2006,1,1),DATE(2006,2,1),99)")).isEqualTo("#NUM!");
        assertThat(Excel.eval("NETWORKDAYS.INTL(DATE(2006,1,1),DATE(2006,2,1),\"111\")")).isEqualTo("#VALUE!");
    }

    @Test
    void searchTakesExcelsWildcards() {
        assertThat(Excel.number("SEARCH(\"e\",\"Statements\",6)")).isEqualTo(7);
        assertThat(Excel.number("SEARCH(\"a?a\",\"banana\")")).isEqualTo(2);
        assertThat(Excel.number("SEARCH(\"b*n\",\"banana\")")).isEqualTo(1);
        assertThat(Excel.number("SEARCH(\"~?\",\"what?\")")).isEqualTo(5);
        assertThat(Excel.number("SEARCH(\"N\",\"banana\")")).isEqualTo(3);
        assertThat(Excel.eval("SEARCH(\"z\",\"banana\")")).isEqualTo("#VALUE!");
        assertThat(Excel.eval("SEARCH(\"a\",\"banana\",0)")).isEqualTo("#VALUE!");
    }
}
