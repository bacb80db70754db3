package dev.sheetsmith.engine.xlsx.functions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CouponsTest {

    @Test
    void microsoftsExamplesComputeToTheirDocumentedValues() {
        String bond = "DATE(2011,1,25),DATE(2011,11,15),2,1";
        assertThat(Excel.number("COUPDAYBS(" + bond + ")")).isEqualTo(71);
        assertThat(Excel.number("COUPDAYS(" + bond + ")")).isEqualTo(181);
        assertThat(Excel.number("COUPDAYSNC(" + bond + ")")).isEqualTo(110);
        assertThat(Excel.number("COUPNCD(" + bond + ")")).isEqualTo(Excel.number("DATE(2011,5,15)"));
        assertThat(Excel.number("COUPPCD(" + bond + ")")).isEqualTo(Excel.number("DATE(2010,11,15)"));
        assertThat(Excel.number("COUPNUM(DATE(2007,1,25),DATE(2008,11,15),2,1)")).isEqualTo(4);
    }

    @Test
    void aMonthEndMaturityPutsEveryCouponOnAMonthEnd() {
        // maturity 28 Feb 2025 (a month end): the coupon before it is 31 Aug 2024, then 29 Feb 2024
        assertThat(Excel.number("COUPPCD(DATE(2024,3,15),DATE(2025,2,28),2,0)")).isEqualTo(Excel.number("DATE(2024,2,29)"));
        assertThat(Excel.number("COUPNCD(DATE(2024,3,15),DATE(2025,2,28),2,0)")).isEqualTo(Excel.number("DATE(2024,8,31)"));
    }

    @Test
    void datesAreTruncatedToTheirDayAndTheBasisDefaultsToZero() {
        assertThat(Excel.number("COUPDAYBS(DATE(2011,1,25)+0.9,DATE(2011,11,15)+0.5,2)"))
                .isEqualTo(Excel.number("COUPDAYBS(DATE(2011,1,25),DATE(2011,11,15),2,0)"));
        assertThat(Excel.number("COUPNUM(DATE(2011,1,25),DATE(2011,11,15),2.9,1.7)")).isEqualTo(2);
    }

    @Test
    void textDatesAreReadAsDatevalueReadsThem() {
        assertThat(Excel.number("COUPNUM(\"2024-03-15\",\"2029-11-15\",2)"))
                .isEqualTo(Excel.number("COUPNUM(DATE(2024,3,15),DATE(2029,11,15),2)"));
        assertThat(Excel.number("COUPNCD(A1,DATE(2029,11,15),2)", "2024-03-15"))
                .isEqualTo(Excel.number("DATE(2024,5,15)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"COUPDAYBS", "COUPDAYS", "COUPDAYSNC", "COUPNCD", "COUPPCD", "COUPNUM"})
    void badArgumentsGiveExcelsErrors(String fn) {
        assertThat(Excel.eval(fn + "(DATE(2024,3,15),DATE(2024,3,15),2,0)")).as("settlement = maturity").isEqualTo("#NUM!");
        assertThat(Excel.eval(fn + "(DATE(2025,3,15),DATE(2024,3,15),2,0)")).as("settlement after maturity").isEqualTo("#NUM!");
        assertThat(Excel.eval(fn + "(DATE(2024,3,15),DATE(2029,3,15),3,0)")).as("frequency 3").isEqualTo("#NUM!");
        assertThat(Excel.eval(fn + "(DATE(2024,3,15),DATE(2029,3,15),2,5)")).as("basis 5").isEqualTo("#NUM!");
        assertThat(Excel.eval(fn + "(DATE(2024,3,15),DATE(2029,3,15),2,-1)")).as("basis -1").isEqualTo("#NUM!");
        assertThat(Excel.eval(fn + "(\"soon\",DATE(2029,3,15),2,0)")).as("a text date").isEqualTo("#VALUE!");
        assertThat(Excel.eval(fn + "(-1,DATE(2029,3,15),2,0)")).as("a negative date").isEqualTo("#NUM!");
        assertThat(Excel.eval(fn + "(1/0,DATE(2029,3,15),2,0)")).as("an error argument").isEqualTo("#DIV/0!");
        assertThat(Excel.eval(fn + "(A1,DATE(2029,3,15),2,0)", "=NA()")).as("an error in a cell").isEqualTo("#N/A");
    }
}
