package dev.sheetsmith.engine.xlsx.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class InterestAtMaturityTest {

    @Test
    void microsoftsExamplesComputeToTheirDocumentedValues() {
        assertThat(Excel.number("ACCRINTM(DATE(2008,4,1),DATE(2008,6,15),0.1,1000,3)")).isCloseTo(20.54794521, within(5e-9));
        assertThat(Excel.number("PRICEMAT(DATE(2008,2,15),DATE(2008,4,13),DATE(2007,11,11),0.061,0.061,0)"))
                .isCloseTo(99.98449888, within(5e-9));
        assertThat(Excel.number("YIELDMAT(DATE(2008,3,15),DATE(2008,11,3),DATE(2007,11,8),0.0625,100.0123,0)"))
                .isCloseTo(0.060954, within(5e-7));
    }

    @Test
    void accrintFollowsMicrosoftsExamples() {
        assertThat(Excel.number("ACCRINT(DATE(2008,3,1),DATE(2008,8,31),DATE(2008,5,1),0.1,1000,2,0)"))
                .isCloseTo(16.66666667, within(5e-9));
        assertThat(Excel.number("ACCRINT(DATE(2008,3,5),DATE(2008,8,31),DATE(2008,5,1),0.1,1000,2,0,FALSE)"))
                .isCloseTo(15.55555556, within(5e-9));
        assertThat(Excel.number("ACCRINT(DATE(2008,4,5),DATE(2008,8,31),DATE(2008,5,1),0.1,1000,2,0,TRUE)"))
                .isCloseTo(7.22222222, within(5e-9));
    }

    @Test
    void accrintPastTheFirstInterestDateAddsWholeAndPartPeriods() {
        // 1 Mar to 31 Aug 2008 is one whole half-year in 30/360, then 31 Aug to 30 Nov a half of the next
        assertThat(Excel.number("ACCRINT(DATE(2008,3,1),DATE(2008,8,31),DATE(2008,11,30),0.1,1000,2,0)"))
                .isCloseTo(75, within(1e-9));
        // from first_interest only (calc_method FALSE) is not computed rather than guessed
        assertThat(Excel.evalOrNull("ACCRINT(DATE(2008,3,1),DATE(2008,8,31),DATE(2008,11,30),0.1,1000,2,0,FALSE)")).isNull();
        assertThat(Excel.eval("ACCRINT(DATE(2008,5,1),DATE(2008,8,31),DATE(2008,3,1),0.1,1000,2,0)")).as("issue after settlement")
                .isEqualTo("#NUM!");
        assertThat(Excel.eval("ACCRINT(DATE(2008,3,1),DATE(2008,8,31),DATE(2008,5,1),0.1,1000,3,0)")).as("frequency 3")
                .isEqualTo("#NUM!");
    }

    @Test
    void yieldmatInvertsPricemat() {
        for (int basis = 0; basis <= 4; basis++) {
            double price = Excel.number("PRICEMAT(DATE(2024,3,15),DATE(2025,1,31),DATE(2023,12,31),0.05,0.07," + basis + ")");
            assertThat(Excel.number("YIELDMAT(DATE(2024,3,15),DATE(2025,1,31),DATE(2023,12,31),0.05," + price + "," + basis + ")"))
                    .as("basis " + basis).isCloseTo(0.07, within(1e-12));
        }
    }

    @Test
    void theParDefaultsToAThousand() {
        assertThat(Excel.number("ACCRINTM(DATE(2008,4,1),DATE(2008,6,15),0.1)"))
                .isEqualTo(Excel.number("ACCRINTM(DATE(2008,4,1),DATE(2008,6,15),0.1,1000,0)"));
    }

    @Test
    void badArgumentsGiveExcelsErrors() {
        assertThat(Excel.eval("ACCRINTM(DATE(2008,6,15),DATE(2008,4,1),0.1,1000)")).as("issue after settlement").isEqualTo("#NUM!");
        assertThat(Excel.eval("ACCRINTM(DATE(2008,4,1),DATE(2008,6,15),0,1000)")).as("zero rate").isEqualTo("#NUM!");
        assertThat(Excel.eval("ACCRINTM(DATE(2008,4,1),DATE(2008,6,15),0.1,0)")).as("zero par").isEqualTo("#NUM!");
        assertThat(Excel.eval("ACCRINTM(DATE(2008,4,1),DATE(2008,6,15),0.1,1000,5)")).as("basis 5").isEqualTo("#NUM!");
        String dates = "DATE(2008,2,15),DATE(2008,4,13),DATE(2007,11,11)";
        assertThat(Excel.eval("PRICEMAT(" + dates + ",-0.1,0.061)")).as("negative rate").isEqualTo("#NUM!");
        assertThat(Excel.eval("PRICEMAT(" + dates + ",0.061,-0.1)")).as("negative yield").isEqualTo("#NUM!");
        assertThat(Excel.eval("PRICEMAT(DATE(2008,4,13),DATE(2008,2,15),DATE(2007,11,11),0.061,0.061)"))
                .as("settlement after maturity").isEqualTo("#NUM!");
        assertThat(Excel.eval("YIELDMAT(" + dates + ",0.061,0)")).as("zero price").isEqualTo("#NUM!");
        assertThat(Excel.eval("YIELDMAT(DATE(2008,2,15),DATE(2008,4,13),DATE(2008,3,1),0.061,99)"))
                .as("issue after settlement").isEqualTo("#NUM!");
        assertThat(Excel.eval("YIELDMAT(\"x\",DATE(2008,4,13),DATE(2007,11,11),0.061,99)")).as("text date").isEqualTo("#VALUE!");
    }
}
