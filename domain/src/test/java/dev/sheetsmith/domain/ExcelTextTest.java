package dev.sheetsmith.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Text Excel cannot hold is refused at every entry the domain checks, naming where it was. */
class ExcelTextTest {

    @Test
    void ordinaryTextTabsLineBreaksAndWholeEmojiPass() {
        String text = "Zürich\tline\r\nnext \uD83D\uDE00 \u007F \u00A0 \uFFFD";
        assertThat(ExcelText.requireCellText(text, "x")).isSameAs(text);
        assertThat(ExcelText.requireCellText("y".repeat(32_767), "x")).hasSize(32_767);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x01, 0x08, 0x0B, 0x0C, 0x1B, 0x1F})
    void controlCharactersAreRefusedByTheirCode(int code) {
        assertThatThrownBy(() -> ExcelText.requireCellText("a" + (char) code + "b", "sheet 'S', cell B3"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("sheet 'S', cell B3: text contains the control character " + String.format("U+%04X", code)
                        + ", which Excel cannot store; remove it (tab, line feed and carriage return are fine)");
    }

    @Test
    void loneSurrogatesAndNonCharactersAreRefused() {
        for (String bad : List.of("a\uD800", "\uDC00b", "x\uDBFF\uDBFFy", "\uFFFE", "\uFFFF")) {
            assertThatThrownBy(() -> ExcelText.requireStorable(bad, "cell A1")).as(bad)
                    .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("cell A1: text contains U+");
        }
    }

    @Test
    void textLongerThanACellHoldsIsRefused() {
        assertThatThrownBy(() -> ExcelText.requireCellText("y".repeat(32_768), "sheet 'S', cell A1"))
                .hasMessage("sheet 'S', cell A1: text of 32768 characters is longer than Excel's 32767");
    }

    @Test
    void everyDomainEntryRefusesItNamingTheSheetAndCellOrArgument() {
        CellRange b2 = CellRange.cell("B2");
        Map<String, Runnable> entries = Map.ofEntries(
                Map.entry("sheet 'S', cell C3: text contains the control character U+0000",
                        () -> SheetInput.parseValues("S", b2, List.of(List.of("ok"), List.of("ok", "a\u0000")))),
                Map.entry("sheet 'S', data[0] (data row 1), column 'Name' (A): text contains the control character U+0007",
                        () -> SheetInput.parse("S", List.of(Map.of("Name", "bell\u0007")), null)),
                Map.entry("sheet 'S', data[1] (data row 2), column 'A' (A): text contains U+D83D",
                        () -> SheetInput.parseAppend("S", List.of(List.of("fine"), List.of("half \uD83D")), null)),
                Map.entry("sheet 'S', 'headers' item 2 (column B): text contains the control character U+0001",
                        () -> SheetInput.parse("S", null, List.of("a", "b\u0001"))),
                Map.entry("sheet 'S', cell B2: text contains the control character U+0002",
                        () -> SheetInput.parseValues("S", b2, List.of(List.of("=\"a\u0002\"")))),
                Map.entry("sheet name 'a\u0000b': text contains the control character U+0000",
                        () -> SheetNames.requireValid("a\u0000b")),
                Map.entry("sheet name 'x\uD800': text contains U+D800",
                        () -> SheetNames.requireValid("x\uD800")),
                Map.entry("'text': text contains the control character U+0000",
                        () -> new WorkbookEdit.SetNote("S", b2, "note\u0000", null)),
                Map.entry("'author': text contains U+DC00",
                        () -> new WorkbookEdit.SetNote("S", b2, "note", "\uDC00")),
                Map.entry("'replacement': text contains the control character U+001B",
                        () -> new WorkbookEdit.ReplaceCells("S", null, "a", "\u001B[31m", false, false)),
                Map.entry("'find': text contains the control character U+0000",
                        () -> new WorkbookEdit.ReplaceCells("S", null, "\u0000", "b", false, false)),
                Map.entry("'comment': text contains the control character U+0003",
                        () -> new WorkbookEdit.SetDefinedName("Rate", "0.2", null, "c\u0003")),
                Map.entry("'refersTo': text contains the control character U+0000",
                        () -> new WorkbookEdit.SetDefinedName("Label", "\"a\u0000\"", null, null)));
        entries.forEach((message, entry) -> assertThatThrownBy(entry::run).as(message)
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith(message));
    }

    @Test
    void designSpecsRefuseItToo() {
        assertThatThrownBy(() -> new ValidationRule("list", List.of("ok", "b\u0000d"), null, null, null, null, null,
                true, true, null, null, null, null, null)).hasMessageContaining("U+0000");
        assertThatThrownBy(() -> new ValidationRule("list", List.of("ok"), null, null, null, null, null, true, true,
                "t\u0001", null, null, null, null)).hasMessageStartingWith("'inputTitle': text contains");
        ChartSpec.SheetRef values = new ChartSpec.SheetRef(null, CellRange.parse("B2:B5"));
        assertThatThrownBy(() -> new ChartSpec("column", "Sales\u0000", null, null, null, null,
                List.of(new ChartSpec.Series(null, null, values)), null, 8, 15, null))
                .hasMessageStartingWith("'title': text contains the control character U+0000");
        assertThatThrownBy(() -> new PivotSpec.Value("Amount", "sum", "Total\uD800"))
                .hasMessageStartingWith("label for 'Amount': text contains U+D800");
        assertThat(Arrays.asList(new PivotSpec.Value("Amount", "sum", "Total\t2024"))).hasSize(1);
    }
}
