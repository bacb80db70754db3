package dev.sheetsmith.plugins.ods;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sheetsmith.spi.CellStyle;
import dev.sheetsmith.spi.ReadLimits;
import dev.sheetsmith.spi.SheetFormat;
import dev.sheetsmith.spi.WorkbookView;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The look of an .ods as the reader hands it over: named styles (styles.xml, here after
 * content.xml in the zip) and automatic ones with their parents, data styles as Excel codes,
 * areas of equal styles, merges, widths and heights; what Excel has no like of is dropped.
 */
class OdsStylesTest {

    private static final String NS = " xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
            + " xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\""
            + " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""
            + " xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\""
            + " xmlns:number=\"urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0\""
            + " xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\"";

    private static final String STYLES = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-styles" + NS + ">"
            + "<office:styles>"
            + "<style:style style:name=\"Default\" style:family=\"table-cell\"><style:text-properties"
            + " style:font-name=\"Liberation Sans\" fo:font-size=\"10pt\"/></style:style>"
            + "<style:style style:name=\"Accent\" style:family=\"table-cell\" style:parent-style-name=\"Default\">"
            + "<style:text-properties fo:font-weight=\"bold\" fo:font-size=\"12pt\"/></style:style>"
            + "<number:number-style style:name=\"Pos\"><number:number number:decimal-places=\"2\""
            + " number:min-integer-digits=\"1\" number:grouping=\"true\"/></number:number-style>"
            + "<number:number-style style:name=\"Neg\"><style:text-properties fo:color=\"#ff0000\"/>"
            + "<number:text>-</number:text><number:number number:decimal-places=\"2\" number:min-integer-digits=\"1\""
            + " number:grouping=\"true\"/><style:map style:condition=\"value()&gt;=0\" style:apply-style-name=\"Pos\"/>"
            + "</number:number-style>"
            + "<number:time-style style:name=\"Hours\" number:truncate-on-overflow=\"false\"><number:hours/>"
            + "<number:text>:</number:text><number:minutes number:style=\"long\"/></number:time-style>"
            + "<number:date-style style:name=\"Month\"><number:day/><number:text> </number:text>"
            + "<number:month number:textual=\"true\"/><number:text> </number:text><number:year number:style=\"long\"/>"
            + "</number:date-style>"
            + "<number:date-style style:name=\"Era\"><number:era/><number:year/></number:date-style>"
            + "<number:currency-style style:name=\"Euro\"><number:number number:decimal-places=\"2\""
            + " number:min-integer-digits=\"1\" number:grouping=\"true\"/><number:text> </number:text>"
            + "<number:currency-symbol>€</number:currency-symbol></number:currency-style>"
            + "</office:styles></office:document-styles>";

    private static String content(String automatic, String table) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content" + NS + "><office:automatic-styles>"
                + automatic + "</office:automatic-styles><office:body><office:spreadsheet>"
                + "<table:table table:name=\"S\">" + table + "</table:table></office:spreadsheet></office:body>"
                + "</office:document-content>";
    }

    private static String cell(String style, double value) {
        return "<table:table-cell" + (style == null ? "" : " table:style-name=\"" + style + "\"")
                + " office:value-type=\"float\" office:value=\"" + value + "\"/>";
    }

    @Test
    void namedAndAutomaticStylesWithTheirParentsAndDataStyles() throws IOException {
        String automatic = "<style:style style:name=\"co1\" style:family=\"table-column\"><style:table-column-properties"
                + " style:column-width=\"1in\"/></style:style>"
                + "<style:style style:name=\"ro1\" style:family=\"table-row\"><style:table-row-properties"
                + " style:row-height=\"30pt\" style:use-optimal-row-height=\"false\"/></style:style>"
                + "<style:style style:name=\"ro2\" style:family=\"table-row\"><style:table-row-properties"
                + " style:row-height=\"0.178in\" style:use-optimal-row-height=\"true\"/></style:style>"
                + "<style:style style:name=\"ce1\" style:family=\"table-cell\" style:parent-style-name=\"Accent\">"
                + "<style:table-cell-properties fo:background-color=\"#00ff00\" fo:border-bottom=\"1.5pt solid #0000ff\""
                + " fo:wrap-option=\"wrap\" style:vertical-align=\"middle\"/><style:text-properties fo:color=\"#336699\""
                + " style:text-underline-style=\"solid\" style:text-underline-type=\"double\"/>"
                + "<style:paragraph-properties fo:text-align=\"end\"/></style:style>"
                + "<style:style style:name=\"ce2\" style:family=\"table-cell\" style:parent-style-name=\"Default\""
                + " style:data-style-name=\"Neg\"/>"
                + "<style:style style:name=\"ce3\" style:family=\"table-cell\" style:data-style-name=\"Hours\"/>"
                + "<style:style style:name=\"ce4\" style:family=\"table-cell\" style:data-style-name=\"Month\"/>"
                + "<style:style style:name=\"ce5\" style:family=\"table-cell\" style:data-style-name=\"Era\"/>"
                + "<style:style style:name=\"ce6\" style:family=\"table-cell\" style:data-style-name=\"Euro\"/>"
                + "<style:style style:name=\"plain\" style:family=\"table-cell\" style:parent-style-name=\"Default\">"
                + "<style:table-cell-properties fo:border=\"1pt wave #000000\" fo:background-color=\"transparent\"/>"
                + "</style:style>";
        String table = "<table:table-column table:style-name=\"co1\" table:number-columns-repeated=\"2\"/>"
                + "<table:table-column table:number-columns-repeated=\"16382\"/>"
                + "<table:table-row table:style-name=\"ro1\">" + cell("ce1", 1) + cell("ce1", 2) + cell("ce2", -3)
                + cell("ce3", 0.5) + cell("ce4", 45000) + cell("ce5", 45000) + cell("ce6", 9) + cell("plain", 4)
                + "<table:table-cell table:number-columns-repeated=\"16376\"/></table:table-row>"
                + "<table:table-row table:style-name=\"ro2\" table:number-rows-repeated=\"3\">" + cell("ce1", 1)
                + cell("ce1", 2) + "<table:table-cell table:number-columns-spanned=\"2\" table:number-rows-spanned=\"1\""
                + " office:value-type=\"float\" office:value=\"5\"/><table:covered-table-cell/>"
                + "</table:table-row>";
        SheetFormat format = read(zip(content(automatic, table), STYLES));
        CellStyle ce1 = styleAt(format, 0, 0);
        assertThat(ce1).isEqualTo(new CellStyle(true, null, "double", 12.0, "336699", null, "00FF00", "right",
                "center", true, null, new CellStyle.Line("medium", "0000FF"), null, null, null));
        // A1:B4 share ce1: one area, not eight cells (rows repeated, then equal runs down the sheet)
        assertThat(format.styles()).filteredOn(s -> s.style().equals(ce1)).singleElement()
                .extracting(SheetFormat.Styled::area).isEqualTo(new SheetFormat.Area(0, 0, 3, 1));
        assertThat(styleAt(format, 0, 2).numberFormat()).isEqualTo("#,##0.00;[Red]-#,##0.00");
        assertThat(styleAt(format, 0, 3).numberFormat()).isEqualTo("[h]:mm");
        assertThat(styleAt(format, 0, 4).numberFormat()).isEqualTo("d mmm yyyy");
        // an era has no Excel form, a wave border no Excel line, a transparent fill is no fill: dropped
        assertThat(styleAt(format, 0, 5)).isNull();
        assertThat(styleAt(format, 0, 7)).isNull();
        assertThat(styleAt(format, 0, 6).numberFormat()).isEqualTo("#,##0.00 \"€\"");
        assertThat(format.merged()).containsExactly(new SheetFormat.Area(1, 2, 1, 3), new SheetFormat.Area(2, 2, 2, 3),
                new SheetFormat.Area(3, 2, 3, 3));
        assertThat(format.columnWidths()).isEqualTo(Map.of(0, 10.29, 1, 10.29));
        assertThat(format.rowHeights()).isEqualTo(Map.of(0, 30.0));
    }

    @Test
    void aFileWithoutStylesHasNoLookAndTheDefaultStyleIsNotALook() throws IOException {
        String table = "<table:table-row>" + cell(null, 1) + cell("Default", 2) + "</table:table-row>";
        SheetFormat format = read(zip(content("", table), STYLES));
        assertThat(format.styles()).isEmpty();
        assertThat(format.merged()).isEmpty();
    }

    private static CellStyle styleAt(SheetFormat format, int row, int column) {
        for (SheetFormat.Styled styled : format.styles()) {
            SheetFormat.Area a = styled.area();
            if (a.firstRow() <= row && row <= a.lastRow() && a.firstColumn() <= column && column <= a.lastColumn()) {
                return styled.style();
            }
        }
        return null;
    }

    private static SheetFormat read(byte[] ods) throws IOException {
        WorkbookView view = new OdsFormat().read(new ByteArrayInputStream(ods), ReadLimits.none());
        return view.sheets().get(0).format();
    }

    /** content.xml first, styles.xml after it: the reader takes them in either order. */
    private static byte[] zip(String content, String styles) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var part : List.of(Map.entry("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
                    Map.entry("content.xml", content), Map.entry("styles.xml", styles))) {
                zip.putNextEntry(new ZipEntry(part.getKey()));
                zip.write(part.getValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }
}
