package dev.sheetsmith.engine.xlsx.edit.stream;

import dev.sheetsmith.engine.xlsx.poi.XmlBytes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A worksheet part read as bytes, a buffer at a time, for {@link SheetRewrite}: the rows an edit
 * does not touch are copied as they are, only their start tags are read. The markup it meets is
 * what spreadsheet writers produce (elements, attributes, text); anything else (a comment, a
 * CDATA section, a processing instruction inside the sheet) makes the edit go through the user
 * model instead ({@link NotStreamable}). Its buffer, tag scan and text copy are {@link XmlBytes}', shared
 * with the read index's scanner.
 */
final class Bytes extends XmlBytes {

    Bytes(InputStream in) {
        super(in);
    }

    @Override
    protected RuntimeException endsInsideTag() {
        return new NotStreamable("the sheet's XML ends inside a tag");
    }

    /** The byte {@code k} places ahead, or -1 past the end. */
    int peek(int k) throws IOException {
        return fill(k + 1) ? buf[pos + k] & 0xff : -1;
    }

    /** The tag at the current position ('&lt;' up to its '&gt;', quotes respected), consumed. */
    String tag() throws IOException {
        int length = tagLength();
        String tag = new String(buf, pos, length, StandardCharsets.UTF_8);
        pos += length;
        return tag;
    }

    /**
     * Copies the rest of a row (after its start tag) through its end tag, as it is.
     *
     * @return whether the row holds a formula ({@code <f>})
     */
    boolean copyRow(OutputStream out) throws IOException {
        boolean formula = false;
        while (true) {
            if (!copyText(out)) {
                throw new NotStreamable("the sheet's XML ends inside a row");
            }
            fill(8);
            int next = peek(1);
            if (next == '/' && at("</row") && (peek(5) == '>' || isSpace(peek(5)))) {
                String end = tag();
                out.write(end.getBytes(StandardCharsets.UTF_8));
                return formula;
            }
            if (next == '!' || next == '?') {
                throw new NotStreamable("the sheet holds a comment, CDATA or processing instruction in a row");
            }
            if (next == 'f' && (peek(2) == '>' || peek(2) == '/' || isSpace(peek(2)))) {
                formula = true;
            }
            out.write('<');
            pos++;
        }
    }

    /**
     * Reads the rest of a row (after its start tag) through its end tag, at the byte level: each
     * child must be a cell ({@code <c>}) with an A1 reference, in column order; the cells are not
     * parsed, only their start tags' {@code r} read. Copies the row to {@code out} (null: skips it),
     * each cell's reference with its row digits set to {@code digits} and its letters in upper case
     * (null: the start tags as they are).
     *
     * @param span the first and last column seen so far, widened by the row's cells
     * @return whether the row holds a formula ({@code <f>})
     */
    boolean moveRow(OutputStream out, byte[] digits, int[] span) throws IOException {
        return moveRow(out, digits, span, Integer.MAX_VALUE, -1, null, null);
    }

    /**
     * As {@link #moveRow(OutputStream, byte[], int[])} for columns inserted or deleted: each cell
     * goes to the column {@code columnTo} gives (its letters written again, its row digits kept),
     * or, where it gives -1, is left out with its content. {@code span} is widened by the new columns.
     */
    boolean shiftCells(OutputStream out, java.util.function.IntUnaryOperator columnTo, int[] span) throws IOException {
        return moveRow(out, null, span, Integer.MAX_VALUE, -1, null, columnTo);
    }

    /** A cell handed whole to its rewrite: its column, start tag, XML (start tag first), whether the row has had a formula so far. */
    interface Picker {
        void cell(int column, String startTag, byte[] xml, boolean formula) throws IOException;
    }

    private final java.io.ByteArrayOutputStream picked = new java.io.ByteArrayOutputStream(256);

    /**
     * As {@link #moveRow(OutputStream, byte[], int[])}, but the cells of the columns {@code from} to
     * {@code to} are not copied: each is read whole (its start tag as it was) and handed to
     * {@code picker}, which writes it.
     */
    boolean moveRow(OutputStream out, byte[] digits, int[] span, int from, int to, Picker picker) throws IOException {
        return moveRow(out, digits, span, from, to, picker, null);
    }

    private boolean moveRow(OutputStream out, byte[] digits, int[] span, int from, int to, Picker picker,
            java.util.function.IntUnaryOperator columnTo) throws IOException {
        OutputStream rowOut = out;
        boolean formula = false;
        int last = -1;
        while (true) {
            if (!copyText(out)) {
                throw new NotStreamable("the sheet's XML ends inside a row");
            }
            fill(8);
            int next = peek(1);
            if (next == '/' && at("</row") && (peek(5) == '>' || isSpace(peek(5)))) {
                copyTag(out);
                return formula;
            }
            if (next != 'c' || !(peek(2) == '>' || peek(2) == '/' || isSpace(peek(2)))) {
                throw new NotStreamable("a row holds something other than cells");
            }
            int length = tagLength();
            int end = pos + length; // past '>'
            int i = pos + 2;
            int refStart = -1;
            int refEnd = -1;
            while (i < end) { // the attributes: name = "value"
                byte b = buf[i];
                if (isSpace(b) || b == '/' || b == '>') {
                    i++;
                    continue;
                }
                int nameStart = i;
                while (i < end && buf[i] != '=' && !isSpace(buf[i])) {
                    i++;
                }
                int nameEnd = i;
                while (i < end && isSpace(buf[i])) {
                    i++;
                }
                if (i >= end || buf[i] != '=') {
                    throw new NotStreamable("a cell's start tag that does not read");
                }
                i++;
                while (i < end && isSpace(buf[i])) {
                    i++;
                }
                if (i >= end || (buf[i] != '"' && buf[i] != '\'')) {
                    throw new NotStreamable("a cell's start tag that does not read");
                }
                byte quote = buf[i++];
                int valueStart = i;
                while (i < end && buf[i] != quote) {
                    i++;
                }
                if (nameEnd - nameStart == 1 && buf[nameStart] == 'r' && refStart < 0) {
                    refStart = valueStart;
                    refEnd = i;
                }
                i++;
            }
            if (refStart < 0) {
                throw new NotStreamable("a cell without its reference (r)");
            }
            int column = 0;
            int letters = refStart;
            while (letters < refEnd && isAsciiLetter(buf[letters])) {
                column = column * 26 + ((buf[letters] & 0xdf) - 'A' + 1);
                letters++;
            }
            if (letters == refStart || letters - refStart > 3) {
                throw new NotStreamable("a cell reference that is not A1-style");
            }
            column--;
            if (column <= last) {
                throw new NotStreamable("cells out of order");
            }
            last = column;
            int target = columnTo == null ? column : columnTo.applyAsInt(column);
            boolean empty = buf[end - 2] == '/';
            if (target < 0) { // a deleted column's cell: left out with its content
                pos = end;
                if (!empty) {
                    formula |= cellContent(null);
                }
                continue;
            }
            span[0] = Math.min(span[0], target);
            span[1] = Math.max(span[1], target);
            boolean pick = column >= from && column <= to;
            String startTag = null;
            if (target != column) { // moved: its letters written again, in upper case (as POI sets them)
                if (out != null) {
                    out.write(buf, pos, refStart - pos);
                    out.write(letters(target));
                    out.write(buf, letters, end - letters);
                }
            } else if (pick) {
                startTag = new String(buf, pos, length, java.nio.charset.StandardCharsets.UTF_8);
                picked.reset();
                picked.write(buf, pos, length);
                out = picked;
            } else if (out != null) {
                if (digits == null) {
                    out.write(buf, pos, length);
                } else {
                    out.write(buf, pos, refStart - pos);
                    for (int k = refStart; k < letters; k++) {
                        out.write(buf[k] & 0xdf);
                    }
                    out.write(digits);
                    out.write(buf, refEnd, end - refEnd);
                }
            }
            pos = end;
            boolean cellFormula = false;
            if (!empty) {
                cellFormula = cellContent(out);
                formula |= cellFormula;
            }
            if (pick) {
                out = rowOut;
                picker.cell(column, startTag, picked.toByteArray(), formula);
            }
        }
    }

    /**
     * Copies (out null: skips) a cell's content through its end tag, in one write when it is
     * buffered whole; whether it holds a formula.
     */
    private boolean cellContent(OutputStream out) throws IOException {
        boolean formula = false;
        int k = 0; // bytes scanned from pos, not yet written
        while (true) {
            int i = pos + k;
            while (i < lim && buf[i] != '<') {
                i++;
            }
            k = i - pos;
            if (!fill(k + 4)) {
                throw new NotStreamable("the sheet part ends inside a cell");
            }
            i = pos + k;
            if (buf[i] != '<') {
                continue; // more was read: scan on
            }
            byte n = buf[i + 1];
            if (n == '!' || n == '?') {
                throw new NotStreamable("a comment or CDATA inside a cell");
            }
            if (n == 'f' && (buf[i + 2] == '>' || buf[i + 2] == '/' || isSpace(buf[i + 2]))) {
                formula = true;
            }
            if (n == '/' && buf[i + 2] == 'c' && (buf[i + 3] == '>' || isSpace(buf[i + 3]))) {
                int end = k + 3;
                while (true) {
                    if (!fill(end + 1)) {
                        throw new NotStreamable("the sheet's XML ends inside a tag");
                    }
                    if (buf[pos + end] == '>') {
                        break;
                    }
                    end++;
                }
                if (out != null) {
                    out.write(buf, pos, end + 1);
                }
                pos += end + 1;
                return formula;
            }
            k++;
        }
    }

    /** The A1 letters of a 0-based column, as bytes. */
    private static byte[] letters(int column) {
        byte[] tmp = new byte[3];
        int n = 0;
        for (int c = column + 1; c > 0; c = (c - 1) / 26) {
            tmp[2 - n++] = (byte) ('A' + (c - 1) % 26);
        }
        return java.util.Arrays.copyOfRange(tmp, 3 - n, 3);
    }

    private static boolean isAsciiLetter(byte b) {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z');
    }

    /** Copies (out null: skips) the tag at the current position. */
    private void copyTag(OutputStream out) throws IOException {
        int length = tagLength();
        if (out != null) {
            out.write(buf, pos, length);
        }
        pos += length;
    }

    static boolean isSpace(int b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }
}
