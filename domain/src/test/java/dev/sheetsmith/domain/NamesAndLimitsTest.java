package dev.sheetsmith.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesAndLimitsTest {

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a:b", "a\\b", "a/b", "a?b", "a*b", "a[b", "a]b", "'quoted", "quoted'", "History",
        "HISTORY", "abcdefghijklmnopqrstuvwxyz012345"})
    void sheetNamesExcelRefusesAreRefused(String name) {
        assertThatThrownBy(() -> SheetNames.requireValid(name)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("sheet name");
    }

    @Test
    void ordinarySheetNamesPass() {
        assertThat(SheetNames.requireValid("Q1 2024 (draft)")).isEqualTo("Q1 2024 (draft)");
        assertThat(SheetNames.requireValid("x".repeat(31))).hasSize(31);
    }

    @Test
    void duplicateSheetNamesIgnoringCaseAreRefused() {
        SheetData a = new SheetData("Data", List.of("x"), List.of());
        SheetData b = new SheetData("DATA", List.of("y"), List.of());
        assertThatThrownBy(() -> new WorkbookData(List.of(a, b))).hasMessageContaining("used twice");
        assertThatThrownBy(() -> new WorkbookData(List.of())).hasMessageContaining("at least one sheet");
    }

    @Test
    void fileNamesAreSanitisedAndGetTheirExtensionOnce() {
        assertThat(FileNames.sanitize("report", "xlsx")).isEqualTo("report.xlsx");
        assertThat(FileNames.sanitize("a.XLSX", "xlsx")).isEqualTo("a.xlsx");
        assertThat(FileNames.sanitize("../../etc/passwd", "xlsx")).isEqualTo("passwd.xlsx");
        assertThat(FileNames.sanitize("C:\\x\\y.xlsx", "xlsx")).isEqualTo("y.xlsx");
        assertThat(FileNames.sanitize("q3:*?\"<>|report", "xlsx")).isEqualTo("q3_______report.xlsx");
        assertThat(FileNames.sanitize("tab\there", "xlsx")).isEqualTo("tab_here.xlsx");
        assertThat(FileNames.sanitize("x".repeat(500), "xlsx")).hasSize(FileNames.MAX_LENGTH).endsWith(".xlsx");
        assertThat(FileNames.numbered("report.xlsx", 2)).isEqualTo("report (2).xlsx");
        for (String bad : List.of("", "   ", "...", "/", ".xlsx")) {
            assertThatThrownBy(() -> FileNames.sanitize(bad, "xlsx")).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("filename");
        }
    }

    @Test
    void limitsNameTheCountTheLimitAndTheKey() {
        Limits limits = new Limits(4, 1);
        WorkbookData five = new WorkbookData(List.of(new SheetData("S", List.of("a", "b", "c", "d", "e"), List.of())));
        assertThatThrownBy(() -> limits.check(five)).hasMessageContaining("5 cells").hasMessageContaining("at most 4")
                .hasMessageContaining("limits.maxCellsPerCall");
        WorkbookData two = new WorkbookData(List.of(new SheetData("A", List.of(), List.of()),
                new SheetData("B", List.of(), List.of())));
        assertThatThrownBy(() -> limits.check(two)).hasMessageContaining("limits.maxSheets");
        limits.check(new WorkbookData(List.of(new SheetData("S", List.of("a", "b", "c", "d"), List.of()))));
    }
}
