package dev.sheetsmith.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SheetNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"Sheet1", "Q1 2024", "Données", "Über-Sales (EUR)", "It's mine", "My History",
            "History2", "a", "1234567890123456789012345678901"})
    void acceptsValidNamesUnchanged(String name) {
        assertThat(SheetNames.requireValid(name)).isEqualTo(name);
    }

    @Test
    void acceptsThirtyOneCharacters() {
        String name = "x".repeat(SheetNames.MAX_LENGTH);
        assertThat(SheetNames.requireValid(name)).isEqualTo(name);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t"})
    void rejectsEmptyAndBlankNames(String name) {
        assertThatThrownBy(() -> SheetNames.requireValid(name))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("must not be empty");
    }

    @Test
    void rejectsThirtyTwoCharactersNamingNameAndCount() {
        String name = "y".repeat(32);
        assertThatThrownBy(() -> SheetNames.requireValid(name))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'" + name + "'")
                .hasMessageContaining("32 characters")
                .hasMessageContaining("at most 31");
    }

    @ParameterizedTest
    @ValueSource(strings = {":", "\\", "/", "?", "*", "[", "]"})
    void rejectsEachForbiddenCharacterNamingNameAndCharacter(String forbidden) {
        String name = "Sales" + forbidden + "2024";
        assertThatThrownBy(() -> SheetNames.requireValid(name))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'" + name + "'")
                .hasMessageContaining("contains '" + forbidden + "'");
    }

    @Test
    void rejectsControlCharacterShowingItsCode() {
        assertThatThrownBy(() -> SheetNames.requireValid("a\u0007b"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("control character U+0007");
        assertThatThrownBy(() -> SheetNames.requireValid("a\tb")).hasMessageContaining("control character \\u0009");
    }

    @ParameterizedTest
    @ValueSource(strings = {"'Sheet", "Sheet'", "'Sheet'"})
    void rejectsLeadingOrTrailingApostrophe(String name) {
        assertThatThrownBy(() -> SheetNames.requireValid(name))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'" + name + "'")
                .hasMessageContaining("apostrophe");
    }

    @ParameterizedTest
    @ValueSource(strings = {"History", "history", "HISTORY", "hIsToRy"})
    void rejectsHistoryInAnyCase(String name) {
        assertThatThrownBy(() -> SheetNames.requireValid(name))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContainingAll("reserved")
                .satisfies(e -> assertThat(e.getMessage()).containsIgnoringCase(name));
    }

    @Test
    void theReservedNameErrorQuotesTheNameGiven() {
        assertThatThrownBy(() -> SheetNames.requireValid("HISTORY")).hasMessageContaining("'HISTORY'");
    }
}
