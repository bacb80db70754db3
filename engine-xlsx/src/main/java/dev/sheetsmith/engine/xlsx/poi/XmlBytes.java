package dev.sheetsmith.engine.xlsx.poi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * An XML part read as bytes, a buffer at a time, for the scanners that read a worksheet without a
 * parser: the streamed edits' {@code Bytes} (which copies the rows an edit does not touch) and the
 * read index's {@code SheetScanner}, and the copy without cells ({@code LightPackage}). It holds what
 * they share: the buffer, filled on demand, the quote-aware length of the tag at the position, and
 * the runs of text between tags copied or skipped a buffer at a time.
 */
public class XmlBytes {

    private final InputStream in;
    protected byte[] buf = new byte[1 << 16];
    protected int pos;
    protected int lim;
    private boolean eof;

    public XmlBytes(InputStream in) {
        this.in = in;
    }

    /**
     * Whether at least {@code n} bytes are buffered from the current position (false at the end).
     * The buffer's bytes may move (and the array change): ask for {@link #buffer()} and {@link #position()} again.
     */
    public boolean fill(int n) throws IOException {
        while (lim - pos < n && !eof) {
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, lim - pos);
                lim -= pos;
                pos = 0;
            }
            if (lim == buf.length) {
                byte[] bigger = new byte[buf.length * 2];
                System.arraycopy(buf, 0, bigger, 0, lim);
                buf = bigger;
            }
            int read = in.read(buf, lim, buf.length - lim);
            if (read < 0) {
                eof = true;
            } else {
                lim += read;
            }
        }
        return lim - pos >= n;
    }

    /**
     * The length of the tag at the current position, through its '&gt;' (quotes respected), buffered.
     *
     * @throws RuntimeException {@link #endsInsideTag()}'s, when the part ends first
     */
    public int tagLength() throws IOException {
        int i = 0;
        byte quote = 0;
        while (true) {
            if (pos + i >= lim && !fill(i + 1)) {
                throw endsInsideTag();
            }
            for (int k = pos + i, end = lim; k < end; k++) { // the buffered bytes, without a fill() per byte
                byte b = buf[k];
                if (quote != 0) {
                    if (b == quote) {
                        quote = 0;
                    }
                } else if (b == '"' || b == '\'') {
                    quote = b;
                } else if (b == '>') {
                    return k - pos + 1;
                }
            }
            i = lim - pos;
        }
    }

    /** Whether the bytes at the current position spell {@code ascii}. */
    public final boolean at(String ascii) throws IOException {
        if (!fill(ascii.length())) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (buf[pos + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Copies (when {@code out} is not null) the bytes up to the next '&lt;', which stays unread.
     *
     * @return false when the part ended first
     */
    public final boolean copyText(OutputStream out) throws IOException {
        while (true) {
            for (int i = pos; i < lim; i++) {
                if (buf[i] == '<') {
                    if (out != null) {
                        out.write(buf, pos, i - pos);
                    }
                    pos = i;
                    return true;
                }
            }
            if (out != null) {
                out.write(buf, pos, lim - pos);
            }
            pos = lim;
            if (!fill(1)) {
                return false;
            }
        }
    }

    /** Copies everything left, as it is. */
    public final void copyRest(OutputStream out) throws IOException {
        do {
            out.write(buf, pos, lim - pos);
            pos = lim;
        } while (fill(1));
    }

    /** What {@link #tagLength()} throws when the part ends inside the tag. */
    protected RuntimeException endsInsideTag() {
        return new IllegalStateException("the XML ends inside a tag");
    }

    /** The buffer: the bytes from {@link #position()} to {@link #limit()} are the part's next ones. */
    public final byte[] buffer() {
        return buf;
    }

    public final int position() {
        return pos;
    }

    public final int limit() {
        return lim;
    }

    /** Moves the position (at most to the limit): the bytes before it are consumed. */
    public final void position(int position) {
        if (position < 0 || position > lim) {
            throw new IllegalArgumentException("position " + position + " outside 0.." + lim);
        }
        pos = position;
    }
}
