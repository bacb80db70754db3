package dev.sheetsmith.engine.xlsx.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DiscountSecuritiesTest {

    @Test
    void microsoftsExamplesComputeToTheirDocumentedValues() {
        assertThat(Excel.number("PRICEDISC(DATE(2008,2,16),DATE(2008,3,1),0.0525,100,2)")).isCloseTo(99.79583333, within(5e-9));
        assertThat(Excel.number("YIELDDISC(DATE(2008,2,16),DATE(2008,3,1),99.795,100,2)")).isCloseTo(0.052823, within(5e-7));
        assertThat(Excel.number("INTRATE(DATE(2008,2,15),DATE(2008,5,15),1000000,1014420,2)")).isCloseTo(0.05768, within(5e-6));
        assertThat(Excel.number("RECEIVED(DATE(2008,2,15),DATE(2008,5,15),1000000,0.0575,2)")).isCloseTo(1014584.654, within(5e-4));
        assertThat(Excel.number("DISC(DATE(1993,2,15),DATE(1993,6,10),97.975,100,2)")).isCloseTo(0.063391, within(5e-7));
    }

    @Test
    void theBasisSetsTheYear() {
        // 15 Jan 2024 to 15 Jan 2025: a whole year in every basis but actual/360 (366/360) and actual/365
        assertThat(Excel.number("PRICEDISC(DATE(2024,1,15),DATE(2025,1,15),0.05,100,1)")).isCloseTo(95, within(1e-12));
        assertThat(Excel.number("PRICEDISC(DATE(2024,1,15),DATE(2025,1,15),0.05,100,2)")).isCloseTo(100 - 5 * 366 / 360.0, within(1e-12));
        assertThat(Excel.number("PRICEDISC(DATE(2024,1,15),DATE(2025,1,15),0.05,100,3)")).isCloseTo(100 - 5 * 366 / 365.0, within(1e-12));
    }

    @ParameterizedTest
    @ValueSource(strings = {"DISC", "PRICEDISC", "YIELDDISC", "INTRATE", "RECEIVED"})
    void badArgumentsGiveExcelsErrors(String fn) {
        assertThat(Excel.eval(fn + "(DATE(2024,9,30),DATE(2024,3,15),97.5,100)")).as("settlement after maturity").isEqualTo("#NUM!");
        assertThat(Excel.eval(fn + "(DATE(2024,3,15),DATE(2024,3,15),97.5,100)")).as("settlement = maturity").isEqualTo("#NUM!");
        assertThat(Excel.eval(fn + "(DATE(2024,3,15),DATE(2024,9,30),97.5,100,5)")).as("basis 5").isEqualTo("#NUM!");
        assertThat(Excel.eval(fn + "(DATE(2024,3,15),DATE(2024,9,30),0,100)")).as("zero third argument").isEqualTo("#NUM!");
        assertThat(Excel.eval(fn + "(DATE(2024,3,15),DATE(2024,9,30),97.5,-1)")).as("negative fourth argument").isEqualTo("#NUM!");
        assertThat(Excel.eval(fn + "(\"x\",DATE(2024,9,30),97.5,100)")).as("text date").isEqualTo("#VALUE!");
    }

    @Test
    void treasuryBillsFollowMicrosoftsExamples() {
        assertThat(Excel.number("TBILLPRICE(DATE(2008,3,31),DATE(2008,6,1),0.09)")).isCloseTo(98.45, within(1e-12));
        assertThat(Excel.number("TBILLYIELD(DATE(2008,3,31),DATE(2008,6,1),98.45)")).isCloseTo(0.091417, within(5e-7));
        assertThat(Excel.number("TBILLEQ(DATE(2008,3,31),DATE(2008,6,1),0.0914)")).isCloseTo(0.094151, within(5e-7));
    }

    @ParameterizedTest
    @ValueSource(strings = {"TBILLPRICE", "TBILLYIELD", "TBILLEQ"})
    void treasuryBillsRefuseWhatExcelRefuses(String fn) {
        assertThat(Excel.eval(fn + "(DATE(2024,3,1),DATE(2024,3,1),0.05)")).as("settlement = maturity").isEqualTo("#NUM!");
        assertThat(Excel.eval(fn + "(DATE(2024,3,1),DATE(2025,3,2),0.05)")).as("more than a year").isEqualTo("#NUM!");
        assertThat(Excel.eval(fn + "(DATE(2024,3,1),DATE(2025,3,1),0.05)")).as("exactly a year").isNotEqualTo("#NUM!");
        assertThat(Excel.eval(fn + "(DATE(2024,3,1),DATE(2024,6,1),0)")).as("zero rate or price").isEqualTo("#NUM!");
        assertThat(Excel.eval(fn + "(DATE(2024,3,1),DATE(2024,6,1),\"x\")")).as("text").isEqualTo("#VALUE!");
    }
}
