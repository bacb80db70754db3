package dev.sheetsmith.engine.xlsx.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sheetsmith.domain.Operand;
import dev.sheetsmith.domain.CellFormat;
import dev.sheetsmith.domain.CellRange;
import dev.sheetsmith.domain.CellValue;
import dev.sheetsmith.domain.ChartSpec;
import dev.sheetsmith.domain.ConditionalFormat;
import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.PivotSpec;
import dev.sheetsmith.domain.SheetDetails;
import dev.sheetsmith.domain.SheetLayout;
import dev.sheetsmith.domain.TableSpec;
import dev.sheetsmith.domain.ValidationRule;
import dev.sheetsmith.domain.WorkbookEdit;
import dev.sheetsmith.engine.xlsx.LibreOffice;
import dev.sheetsmith.engine.xlsx.read.XlsxWorkbookReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tool set II edits on a real workbook: each is read back with POI (describe_sheet's reader) and
 * the whole result is opened and written again by LibreOffice, whose output is checked with plain
 * zip and text reading.
 */
class DesignEditsTest {

    private final XlsxWorkbookEditor editor = new XlsxWorkbookEditor();
    private final XlsxWorkbookReader reader = new XlsxWorkbookReader();
    private String summary;

    @TempDir
    Path work;

    static byte[] sales() {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSSFSheet sheet = wb.createSheet("Sales");
            Object[][] rows = {{"Region", "Month", "Amount", "Units"}, {"North", "Jan", 120.5, 3},
                {"South", "Jan", 80, 2}, {"North", "Feb", 150, 5}, {"South", "Feb", 95.25, 1}, {"East", "Feb", 60, 4},
                {"East", "Mar", 75, 2}, {"North", "Mar", 110, 6}, {"South", "Mar", 130, 3}};
            for (int r = 0; r < rows.length; r++) {
                XSSFRow row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    Object v = rows[r][c];
                    if (v instanceof String s) {
                        row.createCell(c).setCellValue(s);
                    } else {
                        row.createCell(c).setCellValue(((Number) v).doubleValue());
                    }
                }
            }
            XSSFSheet lists = wb.createSheet("Lists");
            lists.createRow(0).createCell(0).setCellValue("Open");
            lists.createRow(1).createCell(0).setCellValue("Closed");
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] apply(byte[] xlsx, WorkbookEdit edit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            summary = editor.apply(new ByteArrayInputStream(xlsx), edit, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(summary).doesNotContain("Could not keep");
        return out.toByteArray();
    }

    SheetDetails describe(byte[] xlsx, String sheet) {
        try {
            return reader.describeSheet(new ByteArrayInputStream(xlsx), sheet);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CellRange r(String a1) {
        return CellRange.parse(a1);
    }

    static ChartSpec.SheetRef ref(String a1) {
        return new ChartSpec.SheetRef(null, r(a1));
    }

    static CellFormat headerFormat() {
        return new CellFormat(new CellFormat.Font(true, null, null, 12d, "FFFFFF", null), "4472C4",
                new CellFormat.Border("thin", "000000", CellFormat.Side.parse(List.of("all"))),
                new CellFormat.Alignment("center", "center", true, null, null), null);
    }

    /** Every kind of object on one workbook, as an assistant making a finished report would. */
    byte[] report() {
        byte[] x = sales();
        x = apply(x, new WorkbookEdit.FormatRange("Sales", r("A1:D1"), headerFormat()));
        x = apply(x, new WorkbookEdit.FormatRange("Sales", r("C2:C9"), new CellFormat(null, null, null, null,
                "\"$\"#,##0.00")));
        x = apply(x, new WorkbookEdit.WriteRange("Sales", r("F1"), List.of(List.of(new CellValue.Text("Report")))));
        x = apply(x, new WorkbookEdit.MergeCells("Sales", r("F1:H1"), false));
        x = apply(x, new WorkbookEdit.SetLayout("Sales", new SheetLayout(
                Map.of(new SheetLayout.Span(0, 0), 18d, new SheetLayout.Span(1, 1), SheetLayout.AUTO),
                Map.of(new SheetLayout.Span(0, 0), 24d), null, null, List.of(new SheetLayout.Span(4, 4)), null,
                List.of(new SheetLayout.Span(6, 7)), null, null, null, "A2", null, "FF0000", "A1:D10", "landscape")));
        x = apply(x, new WorkbookEdit.AddConditionalFormat("Sales", r("C2:C9"), new ConditionalFormat("color_scale",
                List.of("F8696B", "FFEB84", "63BE7B"), null, null, null, null, null, null, false, false, null)));
        x = apply(x, new WorkbookEdit.AddConditionalFormat("Sales", r("D2:D9"), new ConditionalFormat("data_bar",
                null, "638EC6", null, null, null, null, null, false, false, null)));
        x = apply(x, new WorkbookEdit.AddConditionalFormat("Sales", r("C2:C9"), new ConditionalFormat("cell_value",
                null, null, null, "greater_than", new Operand.Number("100"), null, null, false, false,
                new ConditionalFormat.Style("9C0006", "FFC7CE", true, null))));
        x = apply(x, new WorkbookEdit.AddConditionalFormat("Sales", r("D2:D9"), new ConditionalFormat("top_bottom",
                null, null, null, null, null, null, 2, false, false, new ConditionalFormat.Style(null, "FFEB9C", null,
                        null))));
        x = apply(x, new WorkbookEdit.AddConditionalFormat("Sales", r("A2:A9"), new ConditionalFormat("icon_set",
                null, null, "3_arrows", null, null, null, null, false, false, null)));
        x = apply(x, new WorkbookEdit.AddValidation("Sales", r("B2:B30"), new ValidationRule("list",
                List.of("Jan", "Feb", "Mar"), null, null, null, null, null, true, true, "Month", "Pick a month", "Month",
                "Only Jan, Feb or Mar", "stop")));
        x = apply(x, new WorkbookEdit.AddValidation("Sales", r("D2:D30"), new ValidationRule("whole", null, null,
                "between", new Operand.Number("0"), new Operand.Number("1000"), null, true, true, null, null, null, null, null)));
        x = apply(x, new WorkbookEdit.CreateTable("Sales", new TableSpec(r("A1:D9"), "SalesTable", "TableStyleMedium9",
                Map.of("Amount", "sum"), true)));
        x = apply(x, new WorkbookEdit.CreateChart("Sales", new ChartSpec("column", "Amount by region", "Region",
                "Amount", null, ref("A2:A9"), List.of(new ChartSpec.Series(null, ref("C1"), ref("C2:C9"))), r("J3"), 8,
                15, "Amounts")));
        x = apply(x, new WorkbookEdit.CreateChart("Sales", new ChartSpec("pie", "Units", null, null, "bottom",
                ref("A2:A9"), List.of(new ChartSpec.Series("Units", null, ref("D2:D9"))), r("J20"), 6, 12, null)));
        x = apply(x, new WorkbookEdit.CreatePivot("Sales", new PivotSpec(r("A1:D9"), List.of("Region"),
                List.of("Month"), List.of(new PivotSpec.Value("Amount", "sum", null)), List.of("Units"), null, null,
                null)));
        x = apply(x, new WorkbookEdit.SetNote("Sales", r("A1"), "Sales areas", "Ada"));
        x = apply(x, new WorkbookEdit.SetDefinedName("Amounts", "Sales!$C$2:$C$9", null, null));
        x = apply(x, new WorkbookEdit.SetLayout("Lists", new SheetLayout(null, null, null, null, null, null, null, null,
                null, null, null, "A1:A2", null, null, null)));
        return x;
    }

    @Test
    void everyObjectIsThereForPoi() {
        byte[] x = report();
        SheetDetails d = describe(x, "Sales");
        assertThat(d.frozenAt()).isEqualTo("A2");
        assertThat(d.mergedRanges()).containsExactly("F1:H1");
        assertThat(d.columnWidths()).containsEntry("A", 18.0).containsKey("B");
        assertThat(d.hiddenColumns()).containsExactly("E");
        assertThat(d.tabColor()).isEqualTo("FF0000");
        assertThat(d.printArea()).isEqualTo("Sales!$A$1:$D$10");
        assertThat(d.orientation()).isEqualTo("landscape");
        assertThat(d.tables()).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("SalesTable");
            assertThat(t.range()).isEqualTo("A1:D10");
            assertThat(t.columns()).containsExactly("Region", "Month", "Amount", "Units");
            assertThat(t.totalsRow()).isTrue();
        });
        assertThat(d.charts()).hasSize(2);
        assertThat(d.charts().get(0).name()).isEqualTo("Amounts");
        assertThat(d.charts().get(0).type()).isEqualTo("column");
        assertThat(d.charts().get(0).title()).isEqualTo("Amount by region");
        assertThat(d.charts().get(0).anchor()).isEqualTo("J3");
        assertThat(d.charts().get(0).series()).singleElement().asString().contains("Sales!$C$2:$C$9")
                .contains("Sales!$A$2:$A$9");
        assertThat(d.charts().get(1).type()).isEqualTo("pie");
        assertThat(d.validations()).extracting(SheetDetails.Validation::type).containsExactly("list", "whole");
        assertThat(d.validations().get(0).detail()).contains("Jan,Feb,Mar");
        assertThat(d.conditionalFormats()).flatExtracting(SheetDetails.Conditional::rules).anySatisfy(
                s -> assertThat(s).startsWith("colorScale")).anySatisfy(s -> assertThat(s).startsWith("dataBar"))
                .anySatisfy(s -> assertThat(s).startsWith("cellIs greaterThan =100"))
                .anySatisfy(s -> assertThat(s).startsWith("top10 top 2"))
                .anySatisfy(s -> assertThat(s).contains("3Arrows"));
        assertThat(d.notes()).singleElement().satisfies(n -> {
            assertThat(n.cell()).isEqualTo("A1");
            assertThat(n.author()).isEqualTo("Ada");
            assertThat(n.text()).isEqualTo("Sales areas");
        });
        SheetDetails pivot = describe(x, "Pivot");
        assertThat(pivot.pivotTables()).singleElement().satisfies(p -> {
            assertThat(p.source()).isEqualTo("Sales!A1:D9");
            assertThat(p.rows()).containsExactly("Region");
            assertThat(p.columns()).containsExactly("Month");
            assertThat(p.values()).containsExactly("Sum of Amount");
            assertThat(p.filters()).containsExactly("Units");
        });
        assertThat(describe(x, "Lists").autoFilter()).isEqualTo("A1:A2");
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(x))) {
            XSSFCellStyle header = wb.getSheet("Sales").getRow(0).getCell(0).getCellStyle();
            assertThat(header.getFont().getBold()).isTrue();
            assertThat(header.getFont().getXSSFColor().getARGBHex()).isEqualTo("FFFFFFFF");
            assertThat(header.getFillForegroundXSSFColor().getARGBHex()).isEqualTo("FF4472C4");
            assertThat(header.getBorderBottom()).isEqualTo(BorderStyle.THIN);
            assertThat(header.getAlignment()).isEqualTo(HorizontalAlignment.CENTER);
            assertThat(wb.getSheet("Sales").getRow(1).getCell(2).getCellStyle().getDataFormatString())
                    .isEqualTo("\"$\"#,##0.00");
            assertThat(wb.getSheet("Sales").getRow(9).getCell(2).getCellFormula()).isEqualTo("SUBTOTAL(109,C2:C9)");
            assertThat(wb.getName("Amounts").getRefersToFormula()).isEqualTo("Sales!$C$2:$C$9");
            assertThat(wb.getSheet("Sales").getRow(6).getCTRow().getOutlineLevel()).isEqualTo((short) 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void libreOfficeReadsEveryObjectAndComputesThePivot() {
        byte[] x = report();
        Map<String, String> lo = LibreOffice.entries(LibreOffice.toXlsx(x, work));
        String sales = lo.get("xl/worksheets/sheet1.xml");
        assertThat(sales).contains("<mergeCell ref=\"F1:H1\"").contains("tabColor rgb=\"FFFF0000\"")
                .contains("orientation=\"landscape\"").contains("<dataValidation").contains("&quot;Jan,Feb,Mar&quot;")
                .contains("type=\"whole\"").contains("<colorScale>").contains("<dataBar").contains("greaterThan")
                .contains("top10").contains("3Arrows").contains("<tablePart ");
        assertThat(LibreOffice.named(lo, "xl/tables/")).hasSize(1);
        String table = lo.get(LibreOffice.named(lo, "xl/tables/").get(0));
        assertThat(table).contains("SalesTable").contains("ref=\"A1:D10\"").contains("totalsRowCount=\"1\"")
                .contains("name=\"Region\"").contains("name=\"Amount\"");
        List<String> charts = LibreOffice.named(lo, "xl/charts/chart");
        assertThat(charts).hasSize(2);
        String allCharts = String.join("\n", charts.stream().map(lo::get).toList());
        assertThat(allCharts).contains("<c:barChart>").contains("<c:pieChart>").contains("Sales!$C$2:$C$9")
                .contains("Sales!$D$2:$D$9").contains("Amount by region");
        assertThat(LibreOffice.named(lo, "xl/pivotTables/")).isNotEmpty();
        assertThat(LibreOffice.named(lo, "xl/comments")).singleElement().satisfies(n -> assertThat(lo.get(n))
                .contains("Sales areas"));
        assertThat(lo.get("xl/workbook.xml")).contains("name=\"Amounts\"").contains("Sales!$C$2:$C$9")
                .contains("_xlnm.Print_Area");
        Map<String, byte[]> csv = LibreOffice.convert(x, "csv", work);
        String salesCsv = LibreOffice.sheetCsv(csv, "Sales");
        assertThat(salesCsv).contains("North,Jan,$120.50,3").contains("Total,,$820.75");
        // LibreOffice builds the pivot from its definition (in the source's currency format).
        String pivotCsv = LibreOffice.sheetCsv(csv, "Pivot");
        assertThat(pivotCsv).contains("Units,- all -").contains("Sum of Amount,Month")
                .contains("Region,Feb,Jan,Mar,Total Result")
                .contains("North,$150.00,$120.50,$110.00,$380.50")
                .contains("Total Result,$305.25,$200.50,$315.00,$820.75");
    }

    /**
     * LibreOffice draws the charts (printed to PDF, rendered by pdftoppm): bars and slices are
     * painted in the colours written into the chart. Without them LibreOffice drew empty charts.
     */
    @Test
    void libreOfficeDrawsTheChartsInColour() throws Exception {
        byte[] x = sales();
        x = apply(x, new WorkbookEdit.CreateChart("Sales", new ChartSpec("column", "Amounts", null, null, null,
                ref("A2:A9"), List.of(new ChartSpec.Series(null, ref("C1"), ref("C2:C9"))), r("A12"), 6, 14, null)));
        x = apply(x, new WorkbookEdit.CreateChart("Sales", new ChartSpec("pie", "Units", null, null, null,
                ref("A2:A9"), List.of(new ChartSpec.Series(null, ref("D1"), ref("D2:D9"))), r("A28"), 6, 14, null)));
        java.awt.image.BufferedImage image = LibreOffice.firstPage(x, work);
        // Bars and the first slice in blue, the next slices orange and gold, as in Excel's palette.
        assertThat(pixelsNear(image, 0x4472C4)).as("blue pixels").isGreaterThan(1000);
        assertThat(pixelsNear(image, 0xED7D31)).as("orange pixels").isGreaterThan(100);
        assertThat(pixelsNear(image, 0xFFC000)).as("gold pixels").isGreaterThan(100);
    }

    static int pixelsNear(java.awt.image.BufferedImage image, int rgb) {
        int count = 0;
        for (int yy = 0; yy < image.getHeight(); yy++) {
            for (int xx = 0; xx < image.getWidth(); xx++) {
                int p = image.getRGB(xx, yy);
                if (Math.abs(((p >> 16) & 0xFF) - ((rgb >> 16) & 0xFF)) < 24
                        && Math.abs(((p >> 8) & 0xFF) - ((rgb >> 8) & 0xFF)) < 24
                        && Math.abs((p & 0xFF) - (rgb & 0xFF)) < 24) {
                    count++;
                }
            }
        }
        return count;
    }

    @Test
    void deletingAChartRemovesItsPartsAndKeepsTheOther() {
        byte[] x = report();
        x = apply(x, new WorkbookEdit.DeleteChart("Sales", "Amounts"));
        SheetDetails d = describe(x, "Sales");
        assertThat(d.charts()).singleElement().satisfies(c -> assertThat(c.type()).isEqualTo("pie"));
        Map<String, String> ours = LibreOffice.entries(x);
        assertThat(LibreOffice.named(ours, "xl/charts/chart")).hasSize(1);
        assertThat(String.join("", ours.values())).doesNotContain("Amount by region");
        Map<String, String> lo = LibreOffice.entries(LibreOffice.toXlsx(x, work));
        assertThat(LibreOffice.named(lo, "xl/charts/chart")).hasSize(1);
        x = apply(x, new WorkbookEdit.CreateChart("Sales", new ChartSpec("area", null, null, null, null, null,
                List.of(new ChartSpec.Series(null, null, ref("D2:D9"))), null, 8, 15, null)));
        // Chart 2 is still the pie's name: the new one takes the next free number.
        assertThat(describe(x, "Sales").charts()).extracting(SheetDetails.Chart::name).containsExactly("Chart 2",
                "Chart 3");
        x = apply(x, new WorkbookEdit.DeleteChart("Sales", "1"));
        x = apply(x, new WorkbookEdit.DeleteChart("Sales", "Chart 3"));
        assertThat(describe(x, "Sales").charts()).isEmpty();
        assertThatThrownBy(() -> apply(sales(), new WorkbookEdit.DeleteChart("Sales", "1")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("has no chart '1'; it has no charts");
    }

    @Test
    void copyingASheetCopiesItsObjectsButNotAPivotTableItCannotShare() {
        byte[] x = report();
        x = apply(x, new WorkbookEdit.CopySheet("Sales", "Sales 2"));
        SheetDetails copy = describe(x, "Sales 2");
        assertThat(copy.tables()).singleElement().satisfies(t -> assertThat(t.name()).isNotEqualTo("SalesTable"));
        assertThat(copy.charts()).hasSize(2);
        assertThat(copy.charts().get(0).series()).singleElement().asString().contains("'Sales 2'!$C$2:$C$9");
        assertThat(copy.validations()).hasSize(2);
        x = apply(x, new WorkbookEdit.CopySheet("Pivot", "Pivot 2"));
        assertThat(summary).contains("Not copied: pivot table PivotTable1 (two sheets cannot share one");
        Map<String, String> ours = LibreOffice.entries(x);
        long links = ours.entrySet().stream().filter(e -> e.getKey().startsWith("xl/worksheets/_rels/"))
                .filter(e -> e.getValue().contains("pivotTables/pivotTable1.xml")).count();
        assertThat(links).isEqualTo(1);
        assertThat(describe(x, "Pivot").pivotTables()).hasSize(1);
        Map<String, byte[]> csv = LibreOffice.convert(x, "csv", work);
        assertThat(LibreOffice.sheetCsv(csv, "Pivot")).contains("Total Result,$305.25,$200.50,$315.00,$820.75");
        assertThat(LibreOffice.sheetCsv(csv, "Sales 2")).contains("North,Jan,$120.50,3");
    }

    @Test
    void notesAndNamesCanBeChangedAndDeleted() {
        byte[] x = report();
        x = apply(x, new WorkbookEdit.SetNote("Sales", r("A1"), "Regions", null));
        assertThat(summary).contains("replaced");
        assertThat(describe(x, "Sales").notes()).singleElement().satisfies(n -> assertThat(n.text()).isEqualTo("Regions"));
        x = apply(x, new WorkbookEdit.SetNote("Sales", r("A1"), null, null));
        assertThat(describe(x, "Sales").notes()).isEmpty();
        x = apply(x, new WorkbookEdit.SetDefinedName("Amounts", "Sales!$C$2:$C$5", null, null));
        assertThat(summary).contains("changed");
        x = apply(x, new WorkbookEdit.SetDefinedName("Rate", "0.21", "Sales", "VAT"));
        x = apply(x, new WorkbookEdit.SetDefinedName("Amounts", null, null, null));
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(x))) {
            assertThat(wb.getNames("Amounts")).isEmpty();
            assertThat(wb.getNames("Rate")).singleElement().satisfies(n -> {
                assertThat(n.getSheetIndex()).isEqualTo(0);
                assertThat(n.getRefersToFormula()).isEqualTo("0.21");
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void unmergeAndFormatWholeColumnsAndRemoveFreezeAndFilter() {
        byte[] x = report();
        x = apply(x, new WorkbookEdit.MergeCells("Sales", r("G1"), true));
        assertThat(summary).contains("unmerged F1:H1");
        assertThat(describe(x, "Sales").mergedRanges()).isEmpty();
        x = apply(x, new WorkbookEdit.FormatRange("Sales", r("D:D"), new CellFormat(new CellFormat.Font(null, true,
                "single", null, null, "Arial"), null, null, null, "0")));
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(x))) {
            XSSFSheet sheet = wb.getSheet("Sales");
            assertThat(sheet.getRow(3).getCell(3).getCellStyle().getFont().getItalic()).isTrue();
            assertThat(sheet.getRow(3).getCell(3).getCellStyle().getFont().getFontName()).isEqualTo("Arial");
            assertThat(sheet.getColumnStyle(3).getDataFormatString()).isEqualTo("0");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        x = apply(x, new WorkbookEdit.SetLayout("Sales", new SheetLayout(null, null, null, null, null,
                List.of(new SheetLayout.Span(4, 4)), null, null, List.of(new SheetLayout.Span(6, 7)), null, "none",
                null, null, "none", null)));
        SheetDetails d = describe(x, "Sales");
        assertThat(d.frozenAt()).isNull();
        assertThat(d.hiddenColumns()).isEmpty();
        assertThat(d.printArea()).isNull();
        x = apply(x, new WorkbookEdit.SetLayout("Lists", new SheetLayout(null, null, null, null, null, null, null, null,
                null, null, null, "none", null, null, null)));
        assertThat(describe(x, "Lists").autoFilter()).isNull();
    }

    @Test
    void validationWhollyInsideIsReplacedOverlapIsRefused() {
        byte[] x = report();
        x = apply(x, new WorkbookEdit.AddValidation("Sales", r("B1:B40"), new ValidationRule("list", null,
                "Lists!$A$1:$A$2", null, null, null, null, true, false, null, null, null, null, "warning")));
        assertThat(summary).contains("replaces the rule on B2:B30");
        SheetDetails d = describe(x, "Sales");
        assertThat(d.validations()).extracting(SheetDetails.Validation::range).containsExactly("D2:D30", "B1:B40");
        byte[] before = x;
        assertThatThrownBy(() -> apply(before, new WorkbookEdit.AddValidation("Sales", r("D20:D50"),
                new ValidationRule("decimal", null, null, "greater_than", new Operand.Number("0"), null, null, true, true, null, null, null,
                        null, null)))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("overlaps the validation on D2:D30");
    }

    @Test
    void aSheetThatPacksVeryTightlyStaysEditableAZipBombIsAClearError() throws Exception {
        // 100,000 hidden rows pack more than 100 times smaller: POI's default guard would refuse the file.
        byte[] x = apply(sales(), new WorkbookEdit.SetLayout("Lists", new SheetLayout(null, null,
                List.of(new SheetLayout.Span(10, 100_009)), null, null, null, null, null, null, null, null, null, null,
                null, null)));
        x = apply(x, new WorkbookEdit.SetNote("Lists", r("A1"), "still editable", null));
        assertThat(describe(x, "Lists").hiddenRows()).hasSize(100_000);
        // A part of 64 MiB of one letter packs about 1000 times smaller: refused, with a sentence.
        Map<String, byte[]> zip = LibreOffice.unzip(sales());
        zip.put("customXml/item1.xml", ("<a>" + "a".repeat(64 << 20) + "</a>").getBytes(
                java.nio.charset.StandardCharsets.US_ASCII));
        byte[] bomb = ExcelObjectsKeptTest.zip(zip);
        assertThatThrownBy(() -> apply(bomb, new WorkbookEdit.SetNote("Sales", r("A1"), "x", null)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("a guard against zip bombs");
        assertThatThrownBy(() -> describe(bomb, "Sales")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("a guard against zip bombs");
    }

    record Bad(String what, WorkbookEdit edit, String message) {
    }

    @Test
    void badEditsNameWhatIsWrong() {
        byte[] x = report();
        List<Bad> cases = List.of(
                new Bad("merge over values", new WorkbookEdit.MergeCells("Lists", r("A1:A2"), false),
                        "A2 hold values too"),
                new Bad("merge in a table", new WorkbookEdit.MergeCells("Sales", r("A2:B2"), false),
                        "overlaps table 'SalesTable' (A1:D10)"),
                new Bad("merge over merged", new WorkbookEdit.MergeCells("Sales", r("G1:I1"), false),
                        "overlaps the merged cells F1:H1"),
                new Bad("unmerge nothing", new WorkbookEdit.MergeCells("Sales", r("A20:B21"), true),
                        "no merged cells in A20:B21"),
                new Bad("table over table", new WorkbookEdit.CreateTable("Sales", new TableSpec(r("C5:E12"), null, null,
                        null, true)), "overlaps table 'SalesTable'"),
                new Bad("table name taken", new WorkbookEdit.CreateTable("Lists", new TableSpec(r("A1:A2"),
                        "salestable", null, null, true)), "already exists"),
                new Bad("table name is a defined name", new WorkbookEdit.CreateTable("Lists", new TableSpec(r("A1:A2"),
                        "Amounts", null, null, true)), "already a defined name"),
                new Bad("table header empty", new WorkbookEdit.CreateTable("Lists", new TableSpec(r("A1:B2"), null,
                        null, null, true)), "B1 is empty"),
                new Bad("totals of unknown column", new WorkbookEdit.CreateTable("Lists", new TableSpec(r("A1:A2"),
                        null, null, Map.of("Cost", "sum"), true)), "'Cost', which is not in the header row [Open]"),
                new Bad("chart of text", new WorkbookEdit.CreateChart("Sales", new ChartSpec("line", null, null, null,
                        null, ref("A2:A9"), List.of(new ChartSpec.Series(null, null, ref("B2:B9"))), null, 8, 15, null)),
                        "hold no numbers"),
                new Bad("chart on missing sheet", new WorkbookEdit.CreateChart("Sales", new ChartSpec("line", null,
                        null, null, null, null, List.of(new ChartSpec.Series(null, null,
                                new ChartSpec.SheetRef("Nope", r("B2:B9")))), null, 8, 15, null)),
                        "sheet 'Nope' does not exist"),
                new Bad("chart name taken", new WorkbookEdit.CreateChart("Sales", new ChartSpec("line", null, null,
                        null, null, null, List.of(new ChartSpec.Series(null, null, ref("C2:C9"))), null, 8, 15,
                        "amounts")), "already has a chart named 'amounts'"),
                new Bad("delete missing chart", new WorkbookEdit.DeleteChart("Sales", "Profit"),
                        "its charts are [1 'Amounts', 2 'Chart 2']"),
                new Bad("pivot of unknown column", new WorkbookEdit.CreatePivot("Sales", new PivotSpec(r("A1:D9"),
                        List.of("Country"), null, List.of(new PivotSpec.Value("Amount", "sum", null)), null, null, null,
                        null)), "'rows' names 'Country', which is not a column of the source; its columns are [Region,"
                        + " Month, Amount, Units]"),
                new Bad("pivot inside its source", new WorkbookEdit.CreatePivot("Sales", new PivotSpec(r("A1:D9"),
                        List.of("Region"), null, List.of(new PivotSpec.Value("Amount", "sum", null)), null, "Sales",
                        r("B2"), null)), "inside its own source"),
                new Bad("rule formula Excel cannot read", new WorkbookEdit.AddConditionalFormat("Sales", r("A2:A9"),
                        new ConditionalFormat("formula", null, null, null, null, new Operand.Formula("SUM(("), null, null, false, false,
                                new ConditionalFormat.Style(null, "FFFF00", null, null))),
                        "'formula' 'SUM((' is not a formula Excel can read"),
                new Bad("validation source on missing sheet", new WorkbookEdit.AddValidation("Sales", r("H5:H9"),
                        new ValidationRule("list", null, "Nope!$A$1:$A$3", null, null, null, null, true, true, null,
                                null, null, null, null)), "'source' 'Nope!$A$1:$A$3' refers to sheet 'Nope', which does not"
                        + " exist"),
                new Bad("name refers to nonsense", new WorkbookEdit.SetDefinedName("Broken", "Sales!$C$2:", null,
                        null), "'refersTo'"),
                new Bad("delete missing name", new WorkbookEdit.SetDefinedName("Nope", null, null, null),
                        "no defined name 'Nope'"),
                new Bad("delete missing note", new WorkbookEdit.SetNote("Sales", r("C3"), null, null),
                        "C3 on sheet 'Sales' has no note"),
                new Bad("format on missing sheet", new WorkbookEdit.FormatRange("Nope", r("A1"), headerFormat()),
                        "sheet 'Nope' does not exist"),
                new Bad("freeze outside sheet", new WorkbookEdit.SetLayout("Sales", new SheetLayout(null, null,
                        List.of(new SheetLayout.Span(0, 200_000)), null, null, null, null, null, null, null, null, null,
                        null, null, null)), "more than 100000 rows"));
        for (Bad bad : cases) {
            try {
                apply(x, bad.edit());
                org.junit.jupiter.api.Assertions.fail(bad.what() + " was accepted: " + bad.edit());
            } catch (InvalidInputException e) {
                assertThat(e.getMessage()).as(bad.what()).contains(bad.message());
            }
        }
    }

    @Test
    void wholeColumnsMeanTheRowsThatHoldData() {
        byte[] x = apply(sales(), new WorkbookEdit.CreateTable("Sales", new TableSpec(r("A:D"), null, null, null, true)));
        assertThat(describe(x, "Sales").tables()).singleElement().satisfies(t -> assertThat(t.range())
                .isEqualTo("A1:D9"));
        x = apply(x, new WorkbookEdit.SetLayout("Sales", new SheetLayout(Map.of(new SheetLayout.Span(0,
                CellRange.MAX_COLUMN), SheetLayout.AUTO), null, null, null, null, null, null, null, null, null, null,
                null, null, null, null)));
        assertThat(describe(x, "Sales").columnWidths()).containsOnlyKeys("A", "B", "C", "D");
    }

    @Test
    void describeSheetOfAPlainSheetIsQuiet() {
        SheetDetails d = describe(sales(), null);
        assertThat(d.sheet()).isEqualTo("Sales");
        assertThat(d.usedRange()).isEqualTo("A1:D9");
        assertThat(d.tables()).isEmpty();
        assertThat(d.charts()).isEmpty();
        assertThat(d.otherObjects()).isEmpty();
        assertThat(Set.copyOf(d.mergedRanges())).isEmpty();
    }
}
