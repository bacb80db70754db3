package dev.sheetsmith.engine.xlsx.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.junit.jupiter.api.Test;

/** The index's shared strings read as POI's read-only table reads them, entry for entry. */
class SharedTextsTest {

    @Test
    void eachEntryReadsAsPoisReadOnlyTableReadsIt() throws Exception {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
                + "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"12\" uniqueCount=\"9\">"
                + "<si><t>plain</t></si>"
                + "<si><t xml:space=\"preserve\">  spaced \r\n lines\t</t></si>"
                + "<si><r><rPr><b/></rPr><t>rich</t></r><r><t xml:space=\"preserve\"> runs</t></r>"
                + "<rPh sb=\"0\" eb=\"1\"><t>PHONETIC</t></rPh><phoneticPr fontId=\"1\"/></si>"
                + "<si><t>_x000D_ _x005F_x0041_ _x0041_ _xZZZZ_</t></si>"
                + "<si><t/></si>"
                + "<si/>"
                + "<si><t>a &amp; &lt;b&gt; &#x1F600; \u00e9t\u00e9 \u65e5\u672c</t></si>"
                + "<si><other xmlns=\"urn:else\"><t>not main</t></other><t>main</t></si>"
                + "<si><t>last</t></si></sst>";
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        ReadOnlySharedStringsTable poi = new ReadOnlySharedStringsTable(new ByteArrayInputStream(bytes), false);
        int saxReads = SharedTexts.SAX_READS.get();
        SharedTexts ours = new SharedTexts(new ByteArrayInputStream(bytes));
        assertThat(SharedTexts.SAX_READS.get()).as("read by the byte scanner").isEqualTo(saxReads);
        assertThat(ours.getCount()).isEqualTo(poi.getCount()).isEqualTo(12);
        assertThat(ours.getUniqueCount()).isEqualTo(poi.getUniqueCount()).isEqualTo(9);
        for (int i = 0; i < 9; i++) {
            assertThat(ours.text(i)).as("entry " + i).isEqualTo(poi.getItemAt(i).getString());
            assertThat(ours.text(i)).as("entry " + i + " again").isEqualTo(poi.getItemAt(i).getString());
            assertThat(ours.getItemAt(i).getString()).isEqualTo(poi.getItemAt(i).getString());
        }
        assertThat(ours.text(3)).isEqualTo("\r _x0041_ A _xZZZZ_");
        assertThatThrownBy(() -> poi.getItemAt(9)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ours.text(9)).isInstanceOf(IllegalStateException.class);
        SharedTexts none = new SharedTexts(new ByteArrayInputStream(new byte[0]));
        assertThatThrownBy(() -> none.text(0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aTableTheScannerDoesNotReadExactlyIsReadWithSax() throws Exception {
        String main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        List<String> tables = List.of(
                // prefixed: SAX tells the namespace of each element
                "<x:sst xmlns:x=\"" + main + "\" count=\"2\" uniqueCount=\"2\"><x:si><x:t>one</x:t></x:si>"
                        + "<x:si><x:t>two</x:t></x:si></x:sst>",
                "<sst xmlns=\"" + main + "\" xmlns:o=\"urn:other\"><si><t>one</t><o:t>not this</o:t></si></sst>",
                "<sst xmlns=\"" + main + "\"><si><t><![CDATA[a <b>]]></t></si><!-- c --><si><t>two</t></si></sst>",
                "<?xml version=\"1.0\" encoding=\"UTF-16\"?><sst xmlns=\"" + main + "\"><si><t>wide</t></si></sst>");
        for (String xml : tables) {
            byte[] bytes = xml.getBytes(xml.contains("UTF-16") ? StandardCharsets.UTF_16 : StandardCharsets.UTF_8);
            ReadOnlySharedStringsTable poi = new ReadOnlySharedStringsTable(new ByteArrayInputStream(bytes), false);
            int saxReads = SharedTexts.SAX_READS.get();
            SharedTexts ours = new SharedTexts(new ByteArrayInputStream(bytes));
            assertThat(SharedTexts.SAX_READS.get()).as(xml).isEqualTo(saxReads + 1);
            assertThat(ours.getCount()).isEqualTo(poi.getCount());
            assertThat(ours.getUniqueCount()).isEqualTo(poi.getUniqueCount());
            for (int i = 0; ; i++) {
                String expected;
                try {
                    expected = poi.getItemAt(i).getString();
                } catch (IllegalStateException e) {
                    int at = i;
                    assertThatThrownBy(() -> ours.text(at)).isInstanceOf(IllegalStateException.class);
                    assertThat(i).as(xml).isGreaterThan(0);
                    break;
                }
                assertThat(ours.text(i)).as(xml).isEqualTo(expected);
            }
        }
    }
}
