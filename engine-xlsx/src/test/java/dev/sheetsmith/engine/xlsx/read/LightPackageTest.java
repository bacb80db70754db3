package dev.sheetsmith.engine.xlsx.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The copy of a sheet without its cells, cut from the bytes on the path where the read index's scanner
 * left the sheet to SAX (no rows known ahead): the tags are found with the quote-aware scan the
 * scanner and the streamed edits share, whatever the reads hand over at a time.
 */
class LightPackageTest {

    private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

    /** '>' inside attribute values of both quote kinds (each holding the other kind), comments and CDATA that look like rows. */
    private static final String SHEET = HEAD + "<worksheet xmlns=\"" + MAIN + "\" xmlns:x=\"" + MAIN + "\">"
            + "<sheetPr codeName='a>\"b'/><!-- <sheetData> > --><dimension ref=\"A1:B3\"/>"
            + "<sheetData><row r=\"1\" note='it\"s > x' hidden=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>1 &gt; 0</t>"
            + "</is></c></row><!-- <row r=\"9\" hidden=\"1\"> --><row r=\"2\" a=\"b>'c\" d='hidden=\"1\"'>"
            + "<c r=\"A2\" t=\"str\" e=\"&quot;>\"><v>caf\u00e9 > 2</v></c></row>"
            + "<x:row r=\"3\" customHeight=\"1\" ht=\"30\" w=\"x>y\"/><row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t>"
            + "<![CDATA[<row r=\"8\" hidden=\"1\"> ]]]]></t></is></c></row>"
            + "<row r=\"5\" hidden=\"true\" t=\"\u00e9>\"/></sheetData><mergeCells count=\"1\"><mergeCell ref=\"A1:B1\"/>"
            + "</mergeCells><!-- after > --></worksheet>";

    private static final String STRIPPED = HEAD + "<worksheet xmlns=\"" + MAIN + "\" xmlns:x=\"" + MAIN + "\">"
            + "<sheetPr codeName='a>\"b'/><!-- <sheetData> > --><dimension ref=\"A1:B3\"/>"
            + "<sheetData><row r=\"1\" note='it\"s > x' hidden=\"1\"/>"
            + "<x:row r=\"3\" customHeight=\"1\" ht=\"30\" w=\"x>y\"/>"
            + "<row r=\"5\" hidden=\"true\" t=\"\u00e9>\"/></sheetData><mergeCells count=\"1\"><mergeCell ref=\"A1:B1\"/>"
            + "</mergeCells><!-- after > --></worksheet>";

    @Test
    void quotedGreaterThanCommentsAndCdataAreSteppedOverWhateverTheReadsHandOver() throws Exception {
        byte[] sheet = SHEET.getBytes(StandardCharsets.UTF_8);
        for (int chunk : new int[] {1, 2, 3, 7, 64, Integer.MAX_VALUE}) {
            String out = strip(new Trickle(new ByteArrayInputStream(sheet), chunk));
            assertThat(out).as("reads of %d bytes", chunk).isEqualTo(STRIPPED);
        }
        // a second reader: the copy is XML with the three rows describe_sheet reports
        Document doc = parse(STRIPPED);
        NodeList rows = doc.getElementsByTagNameNS(MAIN, "row");
        assertThat(rows.getLength()).isEqualTo(3);
        assertThat(rows.item(0).getAttributes().getNamedItem("note").getNodeValue()).isEqualTo("it\"s > x");
        assertThat(doc.getElementsByTagNameNS(MAIN, "c").getLength()).isZero();
    }

    @Test
    void aTagAcrossTheBufferEndIsReadWhole() throws Exception {
        // rows of quoted '>' pushed along, so that one of the kept tags, its quotes or a comment's end
        // straddles the 64 KiB the buffer reads at a time, whichever the padding
        for (int pad = 0; pad < 40; pad += 3) {
            StringBuilder sb = new StringBuilder(HEAD).append("<worksheet xmlns=\"").append(MAIN).append("\"><sheetData>");
            StringBuilder expected = new StringBuilder(HEAD).append("<worksheet xmlns=\"").append(MAIN)
                    .append("\"><sheetData>");
            sb.append("<row r=\"1\" pad=\"").append("p".repeat(pad)).append("\"/>");
            for (int r = 2; r < 1500; r++) {
                String open = "<row r=\"" + r + "\" x='q\">' hidden=\"" + (r % 7 == 0 ? 1 : 0) + "\" y=\"'>\"";
                sb.append(open).append("><c r=\"A").append(r).append("\"><v>").append(r).append("</v></c></row>")
                        .append("<!-- > -- ").append(r).append(" -->");
                if (r % 7 == 0) {
                    expected.append(open).append("/>");
                }
            }
            sb.append("</sheetData></worksheet>");
            expected.append("</sheetData></worksheet>");
            assertThat(sb.length()).isGreaterThan(2 * 65536);
            String out = strip(new ByteArrayInputStream(sb.toString().getBytes(StandardCharsets.UTF_8)));
            assertThat(out).as("padding %d", pad).isEqualTo(expected.toString());
            assertThat(parse(out).getElementsByTagNameNS(MAIN, "row").getLength()).isEqualTo(1499 / 7);
        }
    }

    @Test
    void aSheetThatEndsInsideATagOrCommentIsRefused() {
        String open = HEAD + "<worksheet xmlns=\"" + MAIN + "\"><sheetData><row r=\"1\" a='x>";
        assertThatThrownBy(() -> strip(new ByteArrayInputStream(open.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("ends inside a tag");
        String comment = HEAD + "<worksheet xmlns=\"" + MAIN + "\"><sheetData><!-- <row> ->";
        assertThatThrownBy(() -> strip(new ByteArrayInputStream(comment.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IOException.class).hasMessageContaining("comment or CDATA");
    }

    private static String strip(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LightPackage.stripCells(in, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    /** Hands over at most {@code chunk} bytes a read, so that tags are split across the scanner's refills. */
    static final class Trickle extends FilterInputStream {
        private final int chunk;

        Trickle(InputStream in, int chunk) {
            super(in);
            this.chunk = chunk;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, chunk));
        }
    }
}
