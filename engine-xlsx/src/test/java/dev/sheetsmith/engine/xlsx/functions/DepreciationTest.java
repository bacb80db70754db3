package dev.sheetsmith.engine.xlsx.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DepreciationTest {

    @Test
    void microsoftsExamplesComputeToTheirDocumentedValues() {
        assertThat(Excel.number("SLN(30000,7500,10)")).isEqualTo(2250);
        assertThat(Excel.number("SYD(30000,7500,10,1)")).isCloseTo(4090.91, within(0.005));
        assertThat(Excel.number("SYD(30000,7500,10,10)")).isCloseTo(409.09, within(0.005));
        double[] db = {186083.33, 259639.42, 176814.44, 120410.64, 81999.64, 55841.76, 15845.10};
        for (int period = 1; period <= 7; period++) {
            assertThat(Excel.number("DB(1000000,100000,6," + period + ",7)")).as("DB period " + period)
                    .isCloseTo(db[period - 1], within(0.005));
        }
        assertThat(Excel.number("DDB(2400,300,10*365,1)")).isCloseTo(1.32, within(0.005));
        assertThat(Excel.number("DDB(2400,300,10*12,1,2)")).isCloseTo(40.00, within(0.005));
        assertThat(Excel.number("DDB(2400,300,10,1,2)")).isCloseTo(480.00, within(0.005));
        assertThat(Excel.number("DDB(2400,300,10,2,1.5)")).isCloseTo(306.00, within(0.005));
        assertThat(Excel.number("DDB(2400,300,10,10)")).isCloseTo(22.12, within(0.005));
        assertThat(Excel.number("VDB(2400,300,10*365,0,1)")).isCloseTo(1.32, within(0.005));
        assertThat(Excel.number("VDB(2400,300,10*12,0,1)")).isCloseTo(40.00, within(0.005));
        assertThat(Excel.number("VDB(2400,300,10,0,1)")).isCloseTo(480.00, within(0.005));
        assertThat(Excel.number("VDB(2400,300,10*12,6,18)")).isCloseTo(396.31, within(0.005));
        assertThat(Excel.number("VDB(2400,300,10*12,6,18,1.5)")).isCloseTo(311.81, within(0.005));
        assertThat(Excel.number("VDB(2400,300,10,0,0.875,1.5)")).isCloseTo(315.00, within(0.005));
    }

    @Test
    void vdbSwitchesToStraightLineUnlessToldNotTo() {
        // 10000 over 5 years to 1000: declining balance would leave more than salvage, so the last
        // years go straight line and the whole life depreciates exactly cost - salvage
        assertThat(Excel.number("VDB(10000,1000,5,0,5)")).isCloseTo(9000, within(1e-9));
        assertThat(Excel.number("VDB(10000,1000,5,0,5,2,TRUE)"))
                .isCloseTo(Excel.number("SUM(DDB(10000,1000,5,1),DDB(10000,1000,5,2),DDB(10000,1000,5,3),"
                        + "DDB(10000,1000,5,4),DDB(10000,1000,5,5))"), within(1e-9));
    }

    @Test
    void badArgumentsGiveExcelsErrors() {
        assertThat(Excel.eval("SLN(10000,1000,0)")).isEqualTo("#DIV/0!");
        assertThat(Excel.eval("SLN(\"x\",1000,5)")).isEqualTo("#VALUE!");
        assertThat(Excel.eval("SYD(10000,1000,5,6)")).as("period past life").isEqualTo("#NUM!");
        assertThat(Excel.eval("SYD(10000,1000,0,1)")).as("no life").isEqualTo("#NUM!");
        assertThat(Excel.eval("DB(10000,1000,5,6)")).as("period past life").isEqualTo("#NUM!");
        assertThat(Excel.eval("DB(10000,1000,5,7,6)")).as("period past life + 1").isEqualTo("#NUM!");
        assertThat(Excel.eval("DB(10000,1000,5,1,13)")).as("13 months").isEqualTo("#NUM!");
        assertThat(Excel.eval("DB(-1,1000,5,1)")).as("negative cost").isEqualTo("#NUM!");
        assertThat(Excel.eval("DB(0,0,5,1)")).as("nothing to depreciate").isEqualTo(0.0);
        assertThat(Excel.eval("DDB(10000,1000,5,6)")).as("period past life").isEqualTo("#NUM!");
        assertThat(Excel.eval("DDB(10000,1000,5,1,0)")).as("zero factor").isEqualTo("#NUM!");
        assertThat(Excel.eval("DDB(10000,-1,5,1)")).as("negative salvage").isEqualTo("#NUM!");
        assertThat(Excel.eval("VDB(10000,1000,5,3,2)")).as("start after end").isEqualTo("#NUM!");
        assertThat(Excel.eval("VDB(10000,1000,5,0,6)")).as("end past life").isEqualTo("#NUM!");
        assertThat(Excel.eval("VDB(10000,1000,5,-1,2)")).as("negative start").isEqualTo("#NUM!");
        assertThat(Excel.eval("VDB(10000,1000,5,0,2,\"x\")")).as("text factor").isEqualTo("#VALUE!");
    }
}
