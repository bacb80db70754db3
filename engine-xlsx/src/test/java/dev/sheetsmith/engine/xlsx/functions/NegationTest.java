package dev.sheetsmith.engine.xlsx.functions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Excel negates before it raises to a power: =-2^2 is 4, not -4. */
class NegationTest {

    @Test
    void aNegatedBaseIsRaisedAsExcelDoes() {
        assertThat(Excel.number("-2^2")).isEqualTo(4);
        assertThat(Excel.number("-(2^2)")).isEqualTo(-4);
        assertThat(Excel.number("0-2^2")).isEqualTo(-4);
        assertThat(Excel.number("-2^3")).isEqualTo(-8);
        assertThat(Excel.number("2*-3^2")).isEqualTo(18);
        assertThat(Excel.number("-S!A1^2", 3)).isEqualTo(9);
        assertThat(Excel.number("-SUM(S!A1:A2)^2+1", 1, 2)).isEqualTo(10);
        assertThat(Excel.number("-MAX(S!A1:A2,1)^2", 1, 2)).isEqualTo(4);
    }

    @Test
    void aNegatedPowerInsideAFormTheEngineCannotReorderKeepsNoValueRatherThanPoisWrongOne() {
        // IF's jumps are not followed: listed as not computed (Excel computes it on open), never -4
        assertThat(Excel.evalOrNull("IF(TRUE,-2^2,0)")).isNull();
        assertThat(Excel.number("IF(TRUE,2^2,0)")).as("no negated power: POI's value").isEqualTo(4);
    }
}
