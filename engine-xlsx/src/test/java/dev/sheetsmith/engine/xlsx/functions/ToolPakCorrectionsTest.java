package dev.sheetsmith.engine.xlsx.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Analysis ToolPak functions POI answers otherwise than Excel, with Microsoft's examples. */
class ToolPakCorrectionsTest {

    @Test
    void statisticsAndFractions() {
        assertThat(Excel.number("STDEV.S(1345,1301,1368,1322,1310,1370,1318,1350,1303,1299)"))
                .isCloseTo(27.46391572, within(1e-8));
        assertThat(Excel.eval("STDEV.S(1)")).isEqualTo("#DIV/0!");
        assertThat(Excel.number("DOLLARDE(1.02,16)")).isCloseTo(1.125, within(1e-12));
        assertThat(Excel.number("DOLLARDE(1.1,32)")).isCloseTo(1.3125, within(1e-12));
        assertThat(Excel.number("DOLLARDE(1.08,10)")).isCloseTo(1.08, within(1e-12));
        assertThat(Excel.number("DOLLARFR(1.125,16)")).isCloseTo(1.02, within(1e-12));
        assertThat(Excel.number("DOLLARFR(1.5,10)")).isCloseTo(1.5, within(1e-12));
        assertThat(Excel.eval("DOLLARDE(1.02,0)")).isEqualTo("#DIV/0!");
        assertThat(Excel.eval("DOLLARFR(1.02,-1)")).isEqualTo("#NUM!");
        assertThat(Excel.number("NORM.S.DIST(1.333333,TRUE)")).isCloseTo(0.908788726, within(1e-9));
        assertThat(Excel.number("NORM.S.DIST(1.333333,FALSE)")).isCloseTo(0.164010148, within(1e-9));
    }

    @Test
    void workingDaysAndWeeks() {
        assertThat(Excel.number("NETWORKDAYS(DATE(2012,10,1),DATE(2013,3,1))")).isEqualTo(110);
        assertThat(Excel.number("NETWORKDAYS(DATE(2013,3,1),DATE(2012,10,1))")).isEqualTo(-110);
        assertThat(Excel.number("NETWORKDAYS(DATE(2012,10,1),DATE(2013,3,1),{41235})")).isEqualTo(109);
        assertThat(Excel.eval("WORKDAY.INTL(DATE(2012,1,1),30,0)")).as("no such weekend").isEqualTo("#NUM!");
        assertThat(Excel.number("WORKDAY.INTL(DATE(2024,1,15),10,\"0000011\")")).isEqualTo(45320);
        assertThat(Excel.number("WORKDAY.INTL(DATE(2012,1,1),-5)")).as("Monday 26 December 2011").isEqualTo(40903);
        assertThat(Excel.number("WEEKNUM(DATE(2012,3,9))")).isEqualTo(10);
        assertThat(Excel.number("WEEKNUM(DATE(2012,3,9),2)")).isEqualTo(11);
        assertThat(Excel.number("WEEKNUM(DATE(2024,12,31),21)")).isEqualTo(1);
        assertThat(Excel.eval("WEEKNUM(DATE(2024,12,31),3)")).isEqualTo("#NUM!");
    }

    @Test
    void floorAndCeilingMath() {
        assertThat(Excel.number("FLOOR.MATH(24.3,5)")).isEqualTo(20);
        assertThat(Excel.number("FLOOR.MATH(6.7)")).isEqualTo(6);
        assertThat(Excel.number("FLOOR.MATH(-8.1,2)")).isEqualTo(-10);
        assertThat(Excel.number("FLOOR.MATH(-5.5,2,-1)")).isEqualTo(-4);
        assertThat(Excel.number("FLOOR.MATH(2.5,0)")).isEqualTo(0);
        assertThat(Excel.number("CEILING.MATH(24.3,5)")).isEqualTo(25);
        assertThat(Excel.number("CEILING.MATH(-8.1,2)")).isEqualTo(-8);
        assertThat(Excel.number("CEILING.MATH(-5.5,2,-1)")).isEqualTo(-6);
        assertThat(Excel.number("CEILING.MATH(2.5,0)")).isEqualTo(0);
    }

    @Test
    void xlookupArraysOfDifferentLengthsAreValueErrors() {
        assertThat(Excel.eval("_xlfn.XLOOKUP(2,S!A1:A3,S!A1:A2)", 1, 2, 3)).isEqualTo("#VALUE!");
        assertThat(Excel.number("_xlfn.XLOOKUP(2,S!A1:A3,S!A1:A3)", 1, 2, 3)).isEqualTo(2);
    }
}
