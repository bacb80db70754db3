package dev.sheetsmith.engine.xlsx.poi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The tag scan and text copy the byte scanners share, on the bytes that trip a naive scan. */
class XmlBytesTest {

    @Test
    void aTagEndsAtItsFirstGreaterThanOutsideQuotesOfEitherKind() throws IOException {
        String xml = "text > here<c a=\"x>'y\" b='p>\"q' c=\"\"/>after<d e='>'>";
        for (int chunk : new int[] {1, 2, 5, Integer.MAX_VALUE}) {
            XmlBytes bytes = new XmlBytes(trickle(xml, chunk));
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            assertThat(bytes.copyText(text)).isTrue();
            assertThat(text.toString(StandardCharsets.UTF_8)).isEqualTo("text > here");
            assertThat(bytes.at("<c ")).isTrue();
            int length = bytes.tagLength();
            assertThat(new String(bytes.buffer(), bytes.position(), length, StandardCharsets.UTF_8))
                    .as("reads of %d bytes", chunk).isEqualTo("<c a=\"x>'y\" b='p>\"q' c=\"\"/>");
            bytes.position(bytes.position() + length);
            assertThat(bytes.copyText(null)).isTrue();
            assertThat(bytes.tagLength()).isEqualTo("<d e='>'>".length());
            bytes.position(bytes.position() + "<d e='>'>".length());
            assertThat(bytes.copyText(null)).isFalse();
        }
    }

    @Test
    void aTagLongerThanTheBufferIsBufferedWhole() throws IOException {
        String value = "v>'".repeat(70_000);
        String tag = "<row a=\"" + value + "\">";
        XmlBytes bytes = new XmlBytes(trickle(tag + "<c/>", 1000));
        assertThat(bytes.tagLength()).isEqualTo(tag.length());
        assertThat(new String(bytes.buffer(), bytes.position(), tag.length(), StandardCharsets.UTF_8)).isEqualTo(tag);
    }

    @Test
    void aPartEndingInsideQuotesEndsInsideTheTag() {
        XmlBytes bytes = new XmlBytes(trickle("<c a='x>\">", 3));
        assertThatThrownBy(bytes::tagLength).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ends inside a tag");
    }

    private static InputStream trickle(String xml, int chunk) {
        return new FilterInputStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }
}
