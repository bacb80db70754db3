package dev.sheetsmith.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checked values behind Tool set II: each refuses bad input with a message naming the argument. */
class DesignSpecsTest {

    @Test
    void coloursTakeHexInSeveralFormsAndNames() {
        assertThat(Colors.parse("4472c4", "'c'")).isEqualTo("4472C4");
        assertThat(Colors.parse("#FF0000", "'c'")).isEqualTo("FF0000");
        assertThat(Colors.parse("#f00", "'c'")).isEqualTo("FF0000");
        assertThat(Colors.parse("80FFEEDD", "'c'")).isEqualTo("FFEEDD");
        assertThat(Colors.parse("Light Gray", "'c'")).isEqualTo("D9D9D9");
        assertThat(Colors.parse(null, "'c'")).isNull();
        assertThatThrownBy(() -> Colors.parse("blurple", "'fill_color'")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'fill_color' must be a hex colour").hasMessageContaining("got 'blurple'");
        assertThatThrownBy(() -> Colors.parse("#12345", "'c'")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void numberFormatsArePresetsOrCodes() {
        assertThat(NumberFormats.resolve("Currency", "'n'")).isEqualTo("\"$\"#,##0.00");
        assertThat(NumberFormats.resolve("percent", "'n'")).isEqualTo("0%");
        assertThat(NumberFormats.resolve("date", "'n'")).isEqualTo("yyyy-mm-dd");
        assertThat(NumberFormats.resolve("#,##0.0 \"kg\"", "'n'")).isEqualTo("#,##0.0 \"kg\"");
        assertThat(NumberFormats.resolve(null, "'n'")).isNull();
        assertThatThrownBy(() -> NumberFormats.resolve("#,##0\"", "'number_format'"))
                .hasMessageContaining("'number_format': '#,##0\"' is not a valid format code");
        assertThatThrownBy(() -> NumberFormats.resolve("money", "'number_format'"))
                .hasMessageContaining("neither a preset").hasMessageContaining("currency");
        assertThatThrownBy(() -> NumberFormats.resolve("0;0;0;0;0", "'n'")).hasMessageContaining("four sections");
    }

    @Test
    void cellFormatPartsCheckTheirFields() {
        assertThatThrownBy(() -> new CellFormat(null, null, null, null, null)).hasMessageContaining("nothing to change");
        assertThatThrownBy(() -> new CellFormat.Font(null, null, "wavy", null, null, null))
                .hasMessageContaining("'font.underline' must be none, single or double");
        assertThatThrownBy(() -> new CellFormat.Font(null, null, null, 0.5, null, null))
                .hasMessageContaining("'font.size' must be between 1 and 409");
        assertThatThrownBy(() -> new CellFormat.Border("squiggly", null, CellFormat.Side.parse(List.of("all"))))
                .hasMessageContaining("'border.style' must be one of");
        assertThatThrownBy(() -> CellFormat.Side.parse(List.of())).hasMessageContaining("at least one side");
        assertThat(CellFormat.Side.parse(List.of("outline"))).containsExactlyInAnyOrder(CellFormat.Side.TOP,
                CellFormat.Side.BOTTOM, CellFormat.Side.LEFT, CellFormat.Side.RIGHT);
        assertThat(CellFormat.Side.parse(List.of("all"))).hasSize(6);
        assertThatThrownBy(() -> new CellFormat.Alignment(null, null, null, null, 120))
                .hasMessageContaining("'alignment.rotation' must be between -90 and 90");
        assertThatThrownBy(() -> new CellFormat.Alignment("middle", null, null, null, null))
                .hasMessageContaining("'alignment.horizontal' must be one of");
    }

    @Test
    void conditionalFormatsNeedWhatTheirTypeUses() {
        assertThatThrownBy(() -> new ConditionalFormat("glow", null, null, null, null, null, null, null, false, false,
                null)).hasMessageContaining("'type' must be one of");
        assertThatThrownBy(() -> new ConditionalFormat("cell_value", null, null, null, "between", new Operand.Number("1"), null, null,
                false, false, new ConditionalFormat.Style(null, "FFFF00", null, null))).hasMessageContaining("'value2'");
        assertThatThrownBy(() -> new ConditionalFormat("cell_value", null, null, null, "equal", new Operand.Number("1"), new Operand.Number("2"), null, false,
                false, new ConditionalFormat.Style(null, "FFFF00", null, null)))
                .hasMessageContaining("'value2' is only for between");
        assertThatThrownBy(() -> new ConditionalFormat("icon_set", null, null, "3_smileys", null, null, null, null,
                false, false, null)).hasMessageContaining("icon_set needs 'icons'");
        assertThatThrownBy(() -> new ConditionalFormat("top_bottom", null, null, null, null, null, null, 150, true,
                false, new ConditionalFormat.Style(null, "FFFF00", null, null)))
                .hasMessageContaining("between 1 and 100 (percent)");
        assertThatThrownBy(() -> new ConditionalFormat("data_bar", null, "638EC6", null, null, null, null, null, false,
                false, new ConditionalFormat.Style(null, "FFFF00", null, null)))
                .hasMessageContaining("'format' does not apply to data_bar");
        assertThatThrownBy(() -> new ConditionalFormat.Style(null, null, null, null))
                .hasMessageContaining("at least one of font_color");
    }

    @Test
    void validationsNeedWhatTheirTypeUses() {
        assertThatThrownBy(() -> new ValidationRule("list", List.of("a"), "A1:A3", null, null, null, null, true, true,
                null, null, null, null, null)).hasMessageContaining("not both or neither");
        String longList = "x".repeat(200);
        assertThatThrownBy(() -> new ValidationRule("list", List.of(longList, longList), null, null, null, null, null,
                true, true, null, null, null, null, null)).hasMessageContaining("Excel allows 255 in a typed list");
        assertThatThrownBy(() -> new ValidationRule("whole", null, null, "between", new Operand.Number("1"), null, null, true, true, null,
                null, null, null, null)).hasMessageContaining("needs 'min' and 'max'");
        assertThatThrownBy(() -> new ValidationRule("custom", null, null, null, null, null, null, true, true, null,
                null, null, null, null)).hasMessageContaining("custom validation needs 'formula'");
        assertThatThrownBy(() -> new ValidationRule("date", null, null, "after", new Operand.Number("1"), null, null, true, true, null,
                null, null, null, null)).hasMessageContaining("'operator' must be one of");
        assertThatThrownBy(() -> new ValidationRule("whole", null, null, "equal", new Operand.Number("1"), null, null, true, true,
                "x".repeat(40), null, null, null, null)).hasMessageContaining("'inputTitle' is 40 characters");
        assertThat(new ValidationRule("whole", null, null, null, new Operand.Number("0"), new Operand.Number("10"), null, true, true, null, null, null, null,
                null).operatorOrDefault()).isEqualTo("between");
    }

    @Test
    void namesFollowExcelRules() {
        assertThat(TableSpec.requireName("Sales_2025", "'name'")).isEqualTo("Sales_2025");
        assertThatThrownBy(() -> TableSpec.requireName("my table", "'name'")).hasMessageContaining("no spaces");
        assertThatThrownBy(() -> TableSpec.requireName("1st", "'name'")).hasMessageContaining("must start with");
        assertThatThrownBy(() -> TableSpec.requireName("AB12", "'name'")).hasMessageContaining("looks like a cell");
        assertThatThrownBy(() -> TableSpec.requireName("R1C1", "'name'")).hasMessageContaining("looks like a cell");
        assertThatThrownBy(() -> new TableSpec(CellRange.parse("A1:C1"), null, null, null, true))
                .hasMessageContaining("a header row and at least one data row");
        assertThatThrownBy(() -> new TableSpec(CellRange.parse("A1:C5"), null, "Fancy", null, true))
                .hasMessageContaining("'style' must be an Excel table style");
        assertThatThrownBy(() -> new TableSpec(CellRange.parse("A1:C5"), null, null, Map.of("Amount", "median"), true))
                .hasMessageContaining("total for 'Amount' must be one of");
        assertThatThrownBy(() -> new WorkbookEdit.SetDefinedName("Rate", "=WEBSERVICE(\"http://x\")", null, null))
                .hasMessageContaining("WEBSERVICE() is not allowed");
    }

    @Test
    void chartsAndPivotsCheckTheirShape() {
        ChartSpec.SheetRef cats = new ChartSpec.SheetRef(null, CellRange.parse("A2:A5"));
        ChartSpec.Series b = new ChartSpec.Series(null, null, new ChartSpec.SheetRef(null, CellRange.parse("B2:B5")));
        ChartSpec.Series c = new ChartSpec.Series(null, null, new ChartSpec.SheetRef(null, CellRange.parse("C2:C5")));
        assertThat(new ChartSpec("line", null, null, null, null, cats, List.of(b, c), null, 8, 15, null).series())
                .hasSize(2);
        assertThatThrownBy(() -> new ChartSpec("pie", null, null, null, null, cats, List.of(b, c), null, 8, 15, null))
                .hasMessageContaining("a pie chart shows one series");
        assertThatThrownBy(() -> new ChartSpec("scatter", null, null, null, null, null, List.of(b), null, 8, 15, null))
                .hasMessageContaining("a scatter chart needs x values");
        ChartSpec.Series longer = new ChartSpec.Series(null, null, new ChartSpec.SheetRef(null,
                CellRange.parse("B2:B9")));
        assertThatThrownBy(() -> new ChartSpec("line", null, null, null, null, cats, List.of(longer), null, 8, 15,
                null)).hasMessageContaining("series 1 has 8 values but the categories A2:A5 have 4");
        ChartSpec.Series block = new ChartSpec.Series(null, null, new ChartSpec.SheetRef(null, CellRange.parse("B2:C5")));
        assertThatThrownBy(() -> new ChartSpec("line", null, null, null, null, null, List.of(block), null, 8, 15, null))
                .hasMessageContaining("must be one row or one column");
        assertThatThrownBy(() -> new ChartSpec("line", null, null, null, "middle", cats, List.of(b), null, 8, 15, null))
                .hasMessageContaining("'legend' must be one of");
        assertThatThrownBy(() -> new ChartSpec("line", null, null, null, null, cats, List.of(b), null, 1, 15, null))
                .hasMessageContaining("'width' must be 2-50 columns");
        PivotSpec.Value sum = new PivotSpec.Value("Amount", "sum", null);
        assertThatThrownBy(() -> new PivotSpec(null, List.of(), List.of(), List.of(sum), null, null, null, null))
                .hasMessageContaining("needs 'rows' or 'columns'");
        assertThatThrownBy(() -> new PivotSpec(null, List.of("Region"), List.of("region"), List.of(sum), null, null,
                null, null)).hasMessageContaining("'region' is used twice");
        assertThatThrownBy(() -> new PivotSpec.Value("Amount", "median", null)).hasMessageContaining("must be one of");
        assertThatThrownBy(() -> new PivotSpec(null, List.of("Region"), null, List.of(sum), null, "a/b", null, null))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void pivotLayoutOptionsNameWhatIsWrong() {
        assertThatThrownBy(() -> new PivotSpec.Options("grid", null, null, null, null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("'layout' must be one of [compact, outline, tabular], not 'grid'");
        assertThatThrownBy(() -> new PivotSpec.Options(null, null, null, null, "diagonal"))
                .hasMessage("'valuesIn' must be one of [columns, rows], not 'diagonal'");
        assertThatThrownBy(() -> new PivotSpec.Value("Amount", "sum", null, " "))
                .hasMessageContaining("number_format for 'Amount'");
        assertThatThrownBy(() -> new PivotSpec.Value("Amount", "stdev", null, null))
                .hasMessageContaining("stddevp").hasMessageContaining("varp");
        PivotSpec.Options defaults = new PivotSpec(null, List.of("Region"), null,
                List.of(new PivotSpec.Value("Amount", "varp", null, "0.00")), null, null, null, null).options();
        assertThat(defaults).isEqualTo(new PivotSpec.Options("compact", true, true, true, "columns"));
        assertThat(new PivotSpec.Options(" Tabular ", false, null, false, "ROWS"))
                .isEqualTo(new PivotSpec.Options("tabular", false, true, false, "rows"));
    }

    @Test
    void layoutNeedsSomethingAndSaneSizes() {
        assertThatThrownBy(() -> new SheetLayout(null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null)).hasMessageContaining("nothing to change");
        assertThatThrownBy(() -> new SheetLayout(Map.of(new SheetLayout.Span(0, 0), 300d), null, null, null, null,
                null, null, null, null, null, null, null, null, null, null)).hasMessageContaining("between 0 and 255");
        assertThatThrownBy(() -> new SheetLayout(null, Map.of(new SheetLayout.Span(0, 0), 500d), null, null, null,
                null, null, null, null, null, null, null, null, null, null)).hasMessageContaining("between 0 and 409");
        assertThatThrownBy(() -> new SheetLayout.Span(5, 2)).hasMessageContaining("backwards");
        assertThat(new SheetLayout(Map.of(new SheetLayout.Span(0, 3), SheetLayout.AUTO), null, null, null, null, null,
                null, null, null, null, null, null, null, null, null).columnWidths()).hasSize(1);
        assertThatThrownBy(() -> new WorkbookEdit.MergeCells(null, CellRange.parse("A1"), false))
                .hasMessageContaining("at least two cells");
    }
}
