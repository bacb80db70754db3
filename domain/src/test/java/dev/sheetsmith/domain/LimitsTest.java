package dev.sheetsmith.domain;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class LimitsTest {

    /** A sheet without header row holding {@code rows} x {@code columns} number cells. */
    private static SheetData sheet(String name, int rows, int columns) {
        List<List<CellValue>> out = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            out.add(Collections.nCopies(columns, new CellValue.Number(r)));
        }
        return new SheetData(name, List.of(), out);
    }

    private static WorkbookData workbook(SheetData... sheets) {
        return new WorkbookData(List.of(sheets));
    }

    @Test
    void workbookOverCellLimitNamesCountLimitAndConfigKey() {
        Limits limits = new Limits(10, 5);

        assertThatThrownBy(() -> limits.check(workbook(sheet("A", 2, 3), sheet("B", 1, 5))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("11 cells")
                .hasMessageContaining("at most 10")
                .hasMessageContaining("limits.maxCellsPerCall");
    }

    @Test
    void workbookCellCountIncludesHeaderCells() {
        Limits limits = new Limits(4, 5);
        SheetData withHeaders = new SheetData("A", List.of("x", "y"),
                List.of(List.of(CellValue.EMPTY, CellValue.EMPTY), List.of(CellValue.EMPTY)));

        assertThatThrownBy(() -> limits.check(workbook(withHeaders)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("5 cells");
    }

    @Test
    void workbookAtCellLimitPasses() {
        Limits limits = new Limits(10, 5);

        assertThatCode(() -> limits.check(workbook(sheet("A", 2, 3), sheet("B", 1, 4)))).doesNotThrowAnyException();
    }

    @Test
    void workbookOverSheetLimitNamesCountLimitAndConfigKey() {
        Limits limits = new Limits(1000, 2);

        assertThatThrownBy(() -> limits.check(workbook(sheet("A", 1, 1), sheet("B", 1, 1), sheet("C", 1, 1))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("3 sheets")
                .hasMessageContaining("at most 2")
                .hasMessageContaining("limits.maxSheets");
    }

    @Test
    void workbookAtSheetLimitPasses() {
        Limits limits = new Limits(1000, 2);

        assertThatCode(() -> limits.check(workbook(sheet("A", 1, 1), sheet("B", 1, 1)))).doesNotThrowAnyException();
    }

    @Test
    void writeRangeOverCellLimitIsRejected() {
        Limits limits = new Limits(5, 1);
        WorkbookEdit edit = new WorkbookEdit.WriteRange("S", CellRange.cell("A1"), sheet("S", 2, 3).rows());

        assertThatThrownBy(() -> limits.check(edit))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("6 cells")
                .hasMessageContaining("at most 5")
                .hasMessageContaining("limits.maxCellsPerCall");
    }

    @Test
    void writeRangeAtCellLimitPasses() {
        Limits limits = new Limits(6, 1);
        WorkbookEdit edit = new WorkbookEdit.WriteRange("S", CellRange.cell("A1"), sheet("S", 2, 3).rows());

        assertThatCode(() -> limits.check(edit)).doesNotThrowAnyException();
    }

    @Test
    void appendRowsOverCellLimitIsRejected() {
        Limits limits = new Limits(3, 1);

        assertThatThrownBy(() -> limits.check(new WorkbookEdit.AppendRows("S", sheet("S", 2, 2))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("4 cells")
                .hasMessageContaining("limits.maxCellsPerCall");
        assertThatCode(() -> new Limits(4, 1).check(new WorkbookEdit.AppendRows("S", sheet("S", 2, 2))))
                .doesNotThrowAnyException();
    }

    @Test
    void createSheetOverCellLimitIsRejected() {
        Limits limits = new Limits(3, 1);

        assertThatThrownBy(() -> limits.check(new WorkbookEdit.CreateSheet(sheet("New", 1, 4))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("4 cells")
                .hasMessageContaining("limits.maxCellsPerCall");
    }

    @Test
    void editsWithoutCellsAlwaysPass() {
        Limits limits = new Limits(1, 1);

        assertThatCode(() -> limits.check(new WorkbookEdit.DeleteSheet("S"))).doesNotThrowAnyException();
        assertThatCode(() -> limits.check(new WorkbookEdit.ClearRange("S", CellRange.parse("A1:Z100"))))
                .doesNotThrowAnyException();
    }

    @Test
    void limitsMustBePositive() {
        assertThatThrownBy(() -> new Limits(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Limits(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatCode(() -> new Limits(1, 1)).doesNotThrowAnyException();
    }
}
