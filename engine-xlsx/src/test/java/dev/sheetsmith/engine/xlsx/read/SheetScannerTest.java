package dev.sheetsmith.engine.xlsx.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sheetsmith.domain.CellRange;
import dev.sheetsmith.domain.CellValue;
import dev.sheetsmith.domain.RangeRead;
import dev.sheetsmith.engine.xlsx.ExcelLikeWorkbook;
import dev.sheetsmith.ports.out.WorkbookIndexer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The byte scanner of the read index gives the handlers what Xerces gives them, event for event,
 * on the markup spreadsheet writers produce; what it does not read exactly (other encodings,
 * prefixes in the cells, CDATA, comments, DTDs and entities, malformed XML) goes to SAX, and the index is
 * the same bytes either way.
 */
class SheetScannerTest {

    private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

    /** Sheets the scanner reads itself: every construct its reader meets in files, odd spellings included. */
    private static final List<String> READABLE = List.of(
            HEAD + "<worksheet xmlns=\"" + MAIN + "\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>plain"
                    + "</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><r><rPr><b/></rPr><t>rich </t></r><r><t xml:space="
                    + "\"preserve\">  runs  </t></r><rPh sb=\"0\" eb=\"1\"><t>PHONETIC</t></rPh></is></c></row></sheetData>"
                    + "</worksheet>",
            // entities, character references, line ends in text and in attributes, non-ASCII, _xHHHH_ escapes
            HEAD + "<worksheet xmlns=\"" + MAIN + "\">\r\n  <sheetData>\r\n    <row r=\"1\" spans=\"1:3\">\r\n"
                    + "      <c r=\"A1\" t=\"inlineStr\"><is><t>a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; &#10;&#x1F600;"
                    + " line\r\nend\rlone \u00e9t\u00e9 \u65e5\u672c \ud83d\ude00 _x000D_ _x005F_x0041_ ]] &gt;</t></is></c>\r\n"
                    + "      <c r=\"B1\" t=\"str\"><f>A1&amp;\"x\"</f><v>d1 &#13; x</v></c>\r\n"
                    + "      <c r=\"C1\" t='e' custom=\"a\tb\r\nc&#9;d &#10; e\"><v>#DIV/0!</v></c>\r\n"
                    + "    </row>\r\n  </sheetData>\r\n</worksheet>\r\n",
            // no declaration, a BOM, single quotes, spaces around '=', empty elements, no r attributes
            "\ufeff<worksheet xmlns='" + MAIN + "'><sheetData><row><c t = 'b' ><v>1</v></c><c/><c s=\"1\"><v>45000.5</v>"
                    + "</c></row><row/><row spans=\"2:2\"><c><v>-3.5E-2</v></c><c t=\"n\"><v></v></c><c t=\"s\"><v>1</v>"
                    + "</c></row><row r=\"7\"><c r=\"C7\"><f>SUM(A1:B2)</f></c><c r=\"AA7\" t=\"str\"><f t=\"shared\" "
                    + "ref=\"AA7:AA8\" si=\"0\">_xlfn.CONCAT(A1,\"&gt;\")</f><v></v></c></row><row r=\"8\"><c r=\"aa8\" "
                    + "t=\"inlineStr\"><is><t/></is></c></row></sheetData></worksheet>",
            // prefixed elements and attributes outside the cells (Excel's extLst, mc:), merged cells, text elsewhere
            HEAD + "<worksheet xmlns=\"" + MAIN + "\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                    + "relationships\" xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" "
                    + "xmlns:x14ac=\"http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac\" mc:Ignorable=\"x14ac\">"
                    + "<sheetPr><tabColor rgb=\"FFFF0000\"/></sheetPr><dimension ref=\"A1:B2\"/><sheetFormatPr "
                    + "defaultRowHeight=\"15\" x14ac:dyDescent=\"0.25\"/><sheetData><row r=\"1\" hidden=\"1\" "
                    + "x14ac:dyDescent=\"0.25\"><c r=\"A1\"><v>1</v></c></row><row r=\"2\" ht=\"30\" customHeight=\"1\">"
                    + "<c r=\"B2\" t=\"s\"><v>0</v></c></row></sheetData><mergeCells count=\"1\"><mergeCell "
                    + "ref=\"A1:B2\"/></mergeCells><headerFooter><oddHeader>&amp;C&amp;P of &amp;N</oddHeader>"
                    + "</headerFooter><extLst><ext uri=\"{78C0D931-6437-407d-A8EE-F0AAD7539E65}\" xmlns:x14=\""
                    + "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main\"><x14:conditionalFormattings>"
                    + "<x14:conditionalFormatting xmlns:xm=\"http://schemas.microsoft.com/office/excel/2006/main\">"
                    + "<xm:sqref>A1</xm:sqref></x14:conditionalFormatting></x14:conditionalFormattings></ext></extLst>"
                    + "</worksheet>",
            HEAD + "<worksheet xmlns=\"" + MAIN + "\"><sheetData/></worksheet>");

    @Test
    void theScannerGivesTheHandlersWhatSaxGivesThem() throws Exception {
        for (String xml : READABLE) {
            byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
            Recorder sax = new Recorder();
            XlsxWorkbookReader.parse(new ByteArrayInputStream(bytes), sax);
            Recorder scanned = new Recorder();
            SheetScanner.scan(new ByteArrayInputStream(bytes), scanned);
            assertThat(scanned.events).as(xml).isEqualTo(sax.events);
        }
        // a text and a tag across many buffer fills
        String big = HEAD + "<worksheet xmlns=\"" + MAIN + "\"><sheetData>" + "<row><c t=\"inlineStr\"><is><t>"
                + "\u00e9x&amp;".repeat(40_000) + "</t></is></c></row>".repeat(1) + "<row r=\"3\" "
                + "a=\"" + "y".repeat(100_000) + "\"><c r=\"B3\"><v>2</v></c></row></sheetData></worksheet>";
        Recorder sax = new Recorder();
        XlsxWorkbookReader.parse(new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)), sax);
        Recorder scanned = new Recorder();
        SheetScanner.scan(new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)), scanned);
        assertThat(scanned.events).isEqualTo(sax.events);
    }

    @Test
    void whatTheScannerDoesNotReadExactlyGoesToSaxAndReadsTheSame() throws Exception {
        String sheet = "<worksheet xmlns=\"" + MAIN + "\"><sheetData><row r=\"1\">%s</row></sheetData></worksheet>";
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("CDATA", String.format(sheet, "<c r=\"A1\" t=\"inlineStr\"><is><t><![CDATA[a <b> & c]]></t></is></c>"));
        cases.put("a comment among the cells", String.format(sheet, "<!-- note --><c r=\"A1\"><v>5</v></c>"));
        cases.put("a processing instruction", String.format(sheet, "<?pi data?><c r=\"A1\"><v>5</v></c>"));
        cases.put("a prefixed cell", "<x:worksheet xmlns:x=\"" + MAIN + "\"><x:sheetData><x:row r=\"1\"><x:c r=\"A1\" "
                + "t=\"inlineStr\"><x:is><x:t>prefixed</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>");
        cases.put("a prefixed cell in an unprefixed sheet", "<worksheet xmlns=\"" + MAIN + "\" xmlns:x=\"" + MAIN
                + "\"><sheetData><row r=\"1\"><x:c r=\"A1\"><x:v>7</x:v></x:c></row></sheetData></worksheet>");
        cases.put("a comment before the root", "<?xml version=\"1.0\"?><!-- made by hand -->"
                + String.format(sheet, "<c r=\"A1\"><v>5</v></c>"));
        cases.put("two sheetData", "<worksheet xmlns=\"" + MAIN + "\"><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c>"
                + "</row></sheetData><sheetData><row r=\"2\" hidden=\"1\"><c r=\"A2\"><v>2</v></c></row></sheetData>"
                + "</worksheet>");
        cases.put("XML 1.1", "<?xml version=\"1.1\"?>" + String.format(sheet, "<c r=\"A1\"><v>5</v></c>"));
        for (var c : cases.entrySet()) {
            byte[] bytes = c.getValue().getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> SheetScanner.scan(new ByteArrayInputStream(bytes), new Recorder()))
                    .as(c.getKey()).isInstanceOf(SheetScanner.Unreadable.class);
            assertFallsBackToTheSameIndex(c.getKey(), workbook(c.getValue().getBytes(StandardCharsets.UTF_8)));
        }
        // another encoding: the bytes are Latin-1
        byte[] latin = ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" + String.format(sheet,
                "<c r=\"A1\" t=\"inlineStr\"><is><t>\u00e9t\u00e9</t></is></c>")).getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> SheetScanner.scan(new ByteArrayInputStream(latin), new Recorder()))
                .isInstanceOf(SheetScanner.Unreadable.class);
        byte[] file = workbook(latin);
        assertFallsBackToTheSameIndex("Latin-1", file);
        RangeRead read = open(indexBytes(new XlsxReadIndex(true), file)).read("Data", CellRange.parse("A1"), false, 10)
                .orElseThrow();
        assertThat(read.rows().get(0).get(0)).isEqualTo(new CellValue.Text("\u00e9t\u00e9"));
        byte[] cdata = workbook(cases.get("CDATA").getBytes(StandardCharsets.UTF_8));
        assertThat(open(indexBytes(new XlsxReadIndex(true), cdata)).read("Data", CellRange.parse("A1"), false, 10)
                .orElseThrow().rows().get(0).get(0)).isEqualTo(new CellValue.Text("a <b> & c"));
    }

    @Test
    void malformedSheetsAreRefusedAsSaxRefusesThem() throws Exception {
        String sheet = "<worksheet xmlns=\"" + MAIN + "\"><sheetData><row r=\"1\">%s</row></sheetData></worksheet>";
        List<byte[]> bad = new ArrayList<>();
        // POI's SAX refuses any DOCTYPE (no entity expansion): so does the index, through SAX
        bad.add(("<?xml version=\"1.0\"?><!DOCTYPE worksheet [<!ENTITY who \"an entity\">]>" + String.format(sheet,
                "<c r=\"A1\" t=\"inlineStr\"><is><t>from &who;</t></is></c>")).getBytes(StandardCharsets.UTF_8));
        bad.add(String.format(sheet, "<c r=\"A1\"><v>5</c></v>").getBytes(StandardCharsets.UTF_8));
        bad.add(String.format(sheet, "<c r=\"A1\" t=\"inlineStr\"><is><t>&nbsp;</t></is></c>")
                .getBytes(StandardCharsets.UTF_8));
        bad.add(String.format(sheet, "<c r=\"A1\" t=\"inlineStr\"><is><t>&#1;</t></is></c>")
                .getBytes(StandardCharsets.UTF_8));
        bad.add(String.format(sheet, "<c r=\"A1\" r=\"B1\"><v>5</v></c>").getBytes(StandardCharsets.UTF_8));
        bad.add(String.format(sheet, "<c r=\"A1\" s=\"<\"><v>5</v></c>").getBytes(StandardCharsets.UTF_8));
        bad.add(String.format(sheet, "<c r=\"A1\"><v>5</v></c>").replace("</worksheet>", "")
                .getBytes(StandardCharsets.UTF_8));
        bad.add(("<worksheet xmlns=\"" + MAIN + "\"><sheetData/><y:tag/></worksheet>").getBytes(StandardCharsets.UTF_8));
        byte[] notUtf8 = String.format(sheet, "<c r=\"A1\" t=\"inlineStr\"><is><t>@@</t></is></c>")
                .getBytes(StandardCharsets.UTF_8);
        int at = new String(notUtf8, StandardCharsets.ISO_8859_1).indexOf("@@");
        notUtf8[at] = (byte) 0xC3;
        notUtf8[at + 1] = (byte) 0x28;
        bad.add(notUtf8);
        for (byte[] xml : bad) {
            String what = new String(xml, StandardCharsets.UTF_8);
            assertThatThrownBy(() -> SheetScanner.scan(new ByteArrayInputStream(xml), new Recorder())).as(what)
                    .isInstanceOf(SheetScanner.Unreadable.class);
            byte[] file = workbook(xml);
            Throwable sax = catchAny(() -> indexBytes(new XlsxReadIndex(false), file));
            Throwable scanned = catchAny(() -> indexBytes(new XlsxReadIndex(true), file));
            assertThat(sax).as(what).isNotNull();
            assertThat(scanned).as(what).isNotNull().hasSameClassAs(sax).hasMessage(sax.getMessage());
        }
    }

    @Test
    void workbooksFromSeveralWritersIndexToTheSameBytesThroughTheScanner() throws Exception {
        List<byte[]> files = new ArrayList<>();
        files.add(XlsxReadIndexTest.poiWorkbook(true));
        files.add(XlsxReadIndexTest.poiWorkbook(false));
        files.add(XlsxReadIndexTest.objectsWorkbook()); // hidden rows and custom heights: the copy without cells
        files.add(ExcelLikeWorkbook.bytes());
        try (SXSSFWorkbook wb = new SXSSFWorkbook(100); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet("Big");
            for (int r = 0; r < 1500; r++) {
                Row row = sheet.createRow(r);
                row.createCell(0).setCellValue("text " + r + " \u00e9 _x0041_ & <");
                row.createCell(1).setCellValue(r / 3.0);
                if (r % 5 == 0) {
                    row.setZeroHeight(true);
                }
            }
            wb.write(out);
            files.add(out.toByteArray());
        }
        for (String xml : READABLE) {
            files.add(workbook(xml.getBytes(StandardCharsets.UTF_8)));
        }
        for (byte[] file : files) {
            int saxReads = XlsxReadIndex.SAX_READS.get();
            byte[] scanned = indexBytes(new XlsxReadIndex(true), file);
            assertThat(XlsxReadIndex.SAX_READS.get()).as("read by the scanner").isEqualTo(saxReads);
            assertThat(scanned).isEqualTo(indexBytes(new XlsxReadIndex(false), file));
        }
    }

    private static void assertFallsBackToTheSameIndex(String what, byte[] file) throws IOException {
        int saxReads = XlsxReadIndex.SAX_READS.get();
        byte[] scanned = indexBytes(new XlsxReadIndex(true), file);
        assertThat(XlsxReadIndex.SAX_READS.get()).as(what + ": read again with SAX").isEqualTo(saxReads + 1);
        assertThat(scanned).as(what).isEqualTo(indexBytes(new XlsxReadIndex(false), file));
    }

    private static Throwable catchAny(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        try {
            call.call();
            return null;
        } catch (Throwable e) {
            return e;
        }
    }

    /** ExcelLikeWorkbook's parts (styles, shared strings with runs and phonetics) with this sheet XML. */
    private static byte[] workbook(byte[] sheetXml) throws IOException {
        Map<String, String> parts = ExcelLikeWorkbook.parts("", "A1");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            for (var part : parts.entrySet()) {
                zip.putNextEntry(new java.util.zip.ZipEntry(part.getKey()));
                zip.write(part.getKey().equals("xl/worksheets/sheet1.xml") ? sheetXml
                        : part.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] indexBytes(XlsxReadIndex indexer, byte[] file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        indexer.write(new ByteArrayInputStream(file), out);
        return out.toByteArray();
    }

    private static WorkbookIndexer.Index open(byte[] index) throws IOException {
        return new XlsxReadIndex().open((offset, length) -> new ByteArrayInputStream(index, (int) offset,
                (int) Math.min(length, index.length - offset)));
    }

    /** What a handler is told, text joined between element events (SAX may cut it anywhere). */
    private static final class Recorder extends DefaultHandler {
        final List<String> events = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            flush();
            StringBuilder e = new StringBuilder("<" + localName + " (" + qName + ")");
            for (String name : List.of("r", "t", "s", "ref", "hidden", "customHeight", "custom", "a", "spans",
                    "xml:space", "x14ac:dyDescent", "mc:Ignorable")) {
                if (attributes.getValue(name) != null) {
                    e.append(' ').append(name).append("=[").append(attributes.getValue(name)).append(']');
                }
            }
            events.add(e.toString());
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            flush();
            events.add("</" + localName + " (" + qName + ")");
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            text.append(ch, start, length);
        }

        private void flush() {
            if (text.length() > 0) {
                events.add("text[" + text + "]");
                text.setLength(0);
            }
        }
    }
}
