package dev.sheetsmith.engine.xlsx.edit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sheetsmith.domain.Operand;
import org.junit.jupiter.api.Test;

/** How Excel writes a rule's operand down: the engine's part of what the domain's Operand means. */
class RuleOperandsTest {

    @Test
    void eachOperandIsWrittenAsExcelKeepsItInARule() {
        assertThat(Rules.excel(new Operand.Date(2025, 1, 31))).isEqualTo("DATE(2025,1,31)");
        assertThat(Rules.excel(new Operand.Time(17, 30, 0))).isEqualTo("TIME(17,30,0)");
        assertThat(Rules.excel(new Operand.Number("100"))).isEqualTo("100");
        assertThat(Rules.excel(new Operand.Bool(false))).isEqualTo("FALSE");
        assertThat(Rules.excel(new Operand.Formula("TODAY()"))).isEqualTo("TODAY()");
        assertThat(Rules.excel(new Operand.Text("say \"hi\""))).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(Rules.excel(null)).isNull();
    }
}
