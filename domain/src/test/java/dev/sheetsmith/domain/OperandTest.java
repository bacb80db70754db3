package dev.sheetsmith.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What a rule's operand text means, decided in the domain; errors name the field. */
class OperandTest {

    @Test
    void textBecomesTheValueItMeans() {
        assertThat(Operand.parse(" 100 ", "value", true)).isEqualTo(new Operand.Number("100"));
        assertThat(Operand.parse("-2.5e3", "value", true)).isEqualTo(new Operand.Number("-2.5e3"));
        assertThat(Operand.parse("TRUE", "value", true)).isEqualTo(new Operand.Bool(true));
        assertThat(Operand.parse("2025-01-31", "min", false)).isEqualTo(new Operand.Date(2025, 1, 31));
        assertThat(Operand.parse("17:30", "max", false)).isEqualTo(new Operand.Time(17, 30, 0));
        assertThat(Operand.parse("=TODAY()", "min", false)).isEqualTo(new Operand.Formula("TODAY()"));
        assertThat(Operand.parse("Open", "value", true)).isEqualTo(new Operand.Text("Open"));
        assertThat(Operand.parse(null, "value", true)).isNull();
    }

    @Test
    void badOperandsNameTheirField() {
        assertThatThrownBy(() -> Operand.parse("soon", "min", false)).isInstanceOf(InvalidInputException.class)
                .hasMessage("'min' must be a number, a date such as 2025-01-31, a time such as 17:30, or a formula"
                        + " starting with '='; got 'soon'");
        assertThatThrownBy(() -> Operand.parse("x".repeat(256), "value", true))
                .hasMessage("'value' is longer than 255 characters");
    }
}
