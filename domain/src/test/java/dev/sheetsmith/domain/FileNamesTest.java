package dev.sheetsmith.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class FileNamesTest {

    private static String xlsx(String requested) {
        return FileNames.sanitize(requested, "xlsx");
    }

    @Test
    void appendsExtensionWhenMissing() {
        assertThat(xlsx("report")).isEqualTo("report.xlsx");
    }

    @ParameterizedTest
    @CsvSource({"report.xlsx, report.xlsx", "a.XLSX, a.xlsx", "a.XlSx, a.xlsx"})
    void doesNotDoubleTheExtensionAndLowerCasesIt(String requested, String expected) {
        assertThat(xlsx(requested)).isEqualTo(expected);
    }

    @Test
    void keepsOtherDotsAndExtensions() {
        assertThat(xlsx("sales.2024.csv")).isEqualTo("sales.2024.csv.xlsx");
    }

    @Test
    void lowerCasesTheGivenExtension() {
        assertThat(FileNames.sanitize("data", "CSV")).isEqualTo("data.csv");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "../../etc/passwd|passwd.xlsx",
            "C:\\x\\y.xlsx|y.xlsx",
            "/tmp/report|report.xlsx",
            "a/b\\c|c.xlsx"})
    void stripsPathParts(String requested, String expected) {
        assertThat(xlsx(requested)).isEqualTo(expected);
    }

    @Test
    void replacesReservedCharacters() {
        assertThat(xlsx("a<b>c:d\"e|f?g*h")).isEqualTo("a_b_c_d_e_f_g_h.xlsx");
    }

    @Test
    void replacesControlCharacters() {
        assertThat(xlsx("a\u0000b\tc\u007fd")).isEqualTo("a_b_c_d.xlsx");
    }

    @Test
    void trimsSpacesAndDotsAroundTheName() {
        assertThat(xlsx("  .report. ")).isEqualTo("report.xlsx");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "...", ".xlsx", "/", "../", "C:\\dir\\", " . . "})
    void rejectsNamesWithNothingUsable(String requested) {
        assertThatThrownBy(() -> xlsx(requested))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("filename");
    }

    @Test
    void rejectionOfDotsNamesTheRequestedName() {
        assertThatThrownBy(() -> xlsx("..."))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'...'")
                .hasMessageContaining("report.xlsx");
    }

    @Test
    void cutsOverlongNamesAndKeepsTheExtension() {
        String result = xlsx("n".repeat(500) + ".xlsx");

        assertThat(result).hasSizeLessThanOrEqualTo(FileNames.MAX_LENGTH).endsWith(".xlsx").startsWith("nnnnn");
        assertThat(result).isEqualTo("n".repeat(FileNames.MAX_LENGTH - ".xlsx".length()) + ".xlsx");
    }

    @Test
    void cutsOverlongNamesWithoutExtension() {
        assertThat(xlsx("x".repeat(500))).hasSize(FileNames.MAX_LENGTH).endsWith(".xlsx");
    }

    @Test
    void nameOfExactlyTheLimitIsKept() {
        String requested = "m".repeat(FileNames.MAX_LENGTH - 5) + ".xlsx";
        assertThat(xlsx(requested)).isEqualTo(requested);
    }

    @Test
    void numberedPutsTheNumberBeforeTheExtension() {
        assertThat(FileNames.numbered("report.xlsx", 2)).isEqualTo("report (2).xlsx");
        assertThat(FileNames.numbered("my.data.csv", 10)).isEqualTo("my.data (10).csv");
        assertThat(FileNames.numbered("README", 3)).isEqualTo("README (3)");
    }

    @Test
    void cuttingALongNameNeverSplitsACharacterInTwo() {
        String name = FileNames.sanitize("a".repeat(114) + "\uD83D\uDE00" + "b", "xlsx");
        assertThat(name).endsWith(".xlsx");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isHighSurrogate(c)) {
                assertThat(i + 1 < name.length() && Character.isLowSurrogate(name.charAt(i + 1))).isTrue();
            }
            assertThat(Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(name.charAt(i - 1))))
                    .isFalse();
        }
    }
}
