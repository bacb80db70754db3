package dev.sheetsmith.engine.xlsx.write;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * XML written as UTF-8 bytes into one reused buffer, handed to a sink whenever it fills: the cells of
 * a large sheet become bytes once, with no String or Writer per cell. Text content is escaped as a
 * worksheet needs it ({@code & < >}, and carriage return, which XML would otherwise read as a line feed).
 */
final class XmlOut {

    private static final int FLUSH_AT = 1 << 16;
    private static final byte[] DIGITS = "0123456789".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream sink;
    private byte[] buf = new byte[FLUSH_AT + 1024];
    private int n;

    XmlOut(OutputStream sink) {
        this.sink = sink;
    }

    /** Text known to be ASCII and to need no escaping: tags, attributes the writer makes, numbers. */
    XmlOut ascii(String s) throws IOException {
        int length = s.length();
        ensure(length);
        for (int i = 0; i < length; i++) {
            buf[n++] = (byte) s.charAt(i);
        }
        return maybeFlush();
    }

    XmlOut raw(byte[] bytes) throws IOException {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, n, bytes.length);
        n += bytes.length;
        return maybeFlush();
    }

    XmlOut digits(long value) throws IOException {
        if (value < 0) {
            ensure(1);
            buf[n++] = '-';
            value = -value;
        }
        ensure(20);
        int start = n;
        do {
            buf[n++] = DIGITS[(int) (value % 10)];
            value /= 10;
        } while (value != 0);
        for (int i = start, j = n - 1; i < j; i++, j--) {
            byte t = buf[i];
            buf[i] = buf[j];
            buf[j] = t;
        }
        return maybeFlush();
    }

    /** Any text as escaped UTF-8 (element content or a double-quoted attribute value). */
    XmlOut text(String s) throws IOException {
        int length = s.length();
        // at most 6 bytes per char (an escape such as &quot;), checked once for the common short text
        ensure(Math.min(length, FLUSH_AT) * 6);
        for (int i = 0; i < length; i++) {
            if (n > FLUSH_AT) {
                flush();
                ensure(Math.min(length - i, FLUSH_AT) * 6);
            }
            char c = s.charAt(i);
            if (c < 0x80) {
                switch (c) {
                    case '&' -> put("&amp;");
                    case '<' -> put("&lt;");
                    case '>' -> put("&gt;");
                    case '"' -> put("&quot;");
                    case '\r' -> put("&#13;");
                    default -> buf[n++] = (byte) c;
                }
            } else if (c < 0x800) {
                buf[n++] = (byte) (0xC0 | (c >> 6));
                buf[n++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                buf[n++] = (byte) (0xF0 | (cp >> 18));
                buf[n++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                buf[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                buf[n++] = (byte) (0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                // checked before text is written (ExcelText); never written as a broken byte sequence
                throw new IllegalArgumentException("half of a surrogate pair at " + i);
            } else {
                buf[n++] = (byte) (0xE0 | (c >> 12));
                buf[n++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                buf[n++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return maybeFlush();
    }

    private void put(String escape) {
        for (int i = 0; i < escape.length(); i++) {
            buf[n++] = (byte) escape.charAt(i);
        }
    }

    private void ensure(int more) throws IOException {
        if (n + more > buf.length) {
            flush();
            if (more > buf.length) {
                buf = new byte[more];
            }
        }
    }

    private XmlOut maybeFlush() throws IOException {
        if (n >= FLUSH_AT) {
            flush();
        }
        return this;
    }

    /** Hands what is buffered to the sink. */
    void flush() throws IOException {
        if (n > 0) {
            sink.write(buf, 0, n);
            n = 0;
        }
    }
}
