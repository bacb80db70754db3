package dev.sheetsmith.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sheetsmith.domain.CellFormat;
import dev.sheetsmith.domain.CellRange;
import dev.sheetsmith.domain.SheetLayout;
import dev.sheetsmith.domain.WorkbookData;
import dev.sheetsmith.domain.WorkbookEdit;
import dev.sheetsmith.spi.CellStyle;
import dev.sheetsmith.spi.CellValue;
import dev.sheetsmith.spi.ReadLimits;
import dev.sheetsmith.spi.SheetFormat;
import dev.sheetsmith.spi.SheetView;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A read sheet's look as the edits that give the new xlsx that look: what an xlsx cannot take is
 * dropped and the values kept; a merge that would hide a value is not made, and said.
 */
class ImportedLookTest {

    private static final CellStyle.Line THIN = new CellStyle.Line("thin", "000000");

    private static CellStyle style(Boolean bold, String fontColor, Double size, CellStyle.Line top,
            CellStyle.Line bottom) {
        return new CellStyle(bold, null, null, size, fontColor, null, null, null, null, null, top, bottom, null, null,
                null);
    }

    private static ImportedLook.Result look(SheetFormat format) {
        List<List<CellValue>> rows = List.of(
                List.of(new CellValue.Number(1), new CellValue.Number(2), CellValue.EMPTY),
                List.of(new CellValue.Number(3), CellValue.EMPTY, CellValue.EMPTY),
                List.of(new CellValue.Number(5), new CellValue.Number(6), new CellValue.Number(7)));
        List<SheetView> views = List.of(SheetView.of("S", List.of("a", "b", "c"), rows, format));
        WorkbookData data = ConvertFilesService.data(views, ReadLimits.none());
        return ImportedLook.of(views, data);
    }

    @Test
    void aStyleBecomesOneFormatAndWhatAnXlsxCannotTakeIsDropped() {
        SheetFormat format = new SheetFormat(List.of(
                new SheetFormat.Styled(new SheetFormat.Area(1, 0, 3, 1), style(true, "FF0000", 12.0, null, null)),
                // "red" is no RRGGBB and 0 points no size: nothing is left, so no edit
                new SheetFormat.Styled(new SheetFormat.Area(1, 2, 1, 2), style(null, "red", 0.0, null, null)),
                // past the used extent: cut to it
                new SheetFormat.Styled(new SheetFormat.Area(3, 2, 900, 50), style(null, "00FF00", null, null, null))),
                List.of(), Map.of(0, 30.0, 1, 30.0, 2, 400.0), Map.of(1, 25.0));
        List<WorkbookEdit> edits = look(format).edits();
        assertThat(edits).hasSize(4);
        assertThat(edits.get(0)).isEqualTo(new WorkbookEdit.FormatRange("S", new CellRange(0, 0, 0, 2),
                new CellFormat(new CellFormat.Font(false, null, null, null, null, null), null, null, null, null)));
        assertThat(edits.get(1)).isEqualTo(new WorkbookEdit.FormatRange("S", new CellRange(1, 0, 3, 1),
                new CellFormat(new CellFormat.Font(true, null, null, 12.0, "FF0000", null), null, null, null, null)));
        assertThat(((WorkbookEdit.FormatRange) edits.get(2)).range()).isEqualTo(new CellRange(3, 2, 3, 2));
        // a width of 400 characters is none Excel has: left out, the others kept as one span
        SheetLayout layout = ((WorkbookEdit.SetLayout) edits.get(3)).layout();
        assertThat(layout.columnWidths()).isEqualTo(Map.of(new SheetLayout.Span(0, 1), 30.0));
        assertThat(layout.rowHeights()).isEqualTo(Map.of(new SheetLayout.Span(1, 1), 25.0));
    }

    @Test
    void aLineOnOneSideOfATallAreaIsGivenRowByRowAndBothSidesReachTheInsideToo() {
        SheetFormat format = new SheetFormat(List.of(
                new SheetFormat.Styled(new SheetFormat.Area(1, 0, 3, 0), style(null, null, null, null, THIN)),
                new SheetFormat.Styled(new SheetFormat.Area(1, 1, 3, 1), style(null, null, null, THIN, THIN))),
                List.of(), Map.of(), Map.of());
        List<WorkbookEdit> edits = look(format).edits();
        List<WorkbookEdit> borders = edits.subList(1, edits.size());
        assertThat(borders).hasSize(4);
        for (int r = 1; r <= 3; r++) {
            var edit = (WorkbookEdit.FormatRange) borders.get(r - 1);
            assertThat(edit.range()).isEqualTo(new CellRange(r, 0, r, 0));
            assertThat(edit.format().border().sides()).containsExactly(CellFormat.Side.BOTTOM);
        }
        var both = (WorkbookEdit.FormatRange) borders.get(3);
        assertThat(both.range()).isEqualTo(new CellRange(1, 1, 3, 1));
        assertThat(both.format().border().sides()).containsExactlyInAnyOrder(CellFormat.Side.TOP,
                CellFormat.Side.BOTTOM, CellFormat.Side.INSIDE_HORIZONTAL);
    }

    @Test
    void aMergeThatWouldHideAValueIsNotMadeAndSaid() {
        SheetFormat format = new SheetFormat(List.of(), List.of(new SheetFormat.Area(1, 1, 2, 2),
                new SheetFormat.Area(2, 1, 2, 2), new SheetFormat.Area(3, 0, 3, 1)), Map.of(), Map.of());
        ImportedLook.Result result = look(format);
        // B2:C3 holds only B2 (C2, B3, C3 are empty); B3:C3 overlaps it; A4:B4 would hide B4's 6
        assertThat(result.edits()).containsExactly(new WorkbookEdit.MergeCells("S", new CellRange(1, 1, 2, 2), false));
        assertThat(result.notes()).containsExactly("sheet 'S', A4:B4: not merged, since B4 holds a value too (all"
                + " values kept)");
    }
}
