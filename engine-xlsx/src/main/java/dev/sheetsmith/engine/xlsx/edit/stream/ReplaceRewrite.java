package dev.sheetsmith.engine.xlsx.edit.stream;

import dev.sheetsmith.domain.CellRange;
import dev.sheetsmith.domain.CellValue;
import dev.sheetsmith.engine.xlsx.poi.CellStrings;
import java.io.Closeable;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.BufferedOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * replace_cells on the stream: the rows of the range are read cell by cell; a text cell of the
 * range (shared or inline string) whose text holds what is looked for gets the replaced text as
 * an inline string, its style kept, as CellWriter writes it; every other cell is copied as it was.
 * Any formula in the sheet stops the stream, as for write_range: after the edit the user model
 * recomputes them.
 *
 * <p>Shared strings are looked up by index: the shared strings part is read once, as a stream,
 * on the first shared string of the range, and only the strings that change are kept, with their
 * new text, in a scratch file (mapped), so memory does not grow with the part.
 */
final class ReplaceRewrite extends SheetRewrite implements Closeable {

    /** Opens the shared strings part when it is first needed. */
    interface Part {
        InputStream open() throws IOException;
    }

    private final CellRange area;
    private final UnaryOperator<String> replacer;
    private final Part sharedStrings;
    private Replaced replaced;
    /** The cells whose text changed. */
    int changed;

    ReplaceRewrite(String sheetName, CellRange range, UnaryOperator<String> replacer, Part sharedStrings) {
        super(sheetName);
        this.area = range == null ? new CellRange(0, 0, CellRange.MAX_ROW, CellRange.MAX_COLUMN) : range;
        this.replacer = replacer;
        this.sharedStrings = sharedStrings;
    }

    @Override
    String dimension(String old) {
        return null;
    }

    @Override
    boolean touches(int row) {
        check();
        return row >= area.firstRow() && row <= area.lastRow();
    }

    private void check() {
        stopAtFormulas("recomputes after the edit");
    }

    @Override
    void before(int row, Out out) {
    }

    @Override
    boolean moves() {
        return true;
    }

    /**
     * A row of the range at the byte level: only its cells in the range's columns are read whole
     * (and their text looked at), the others copied as they are; a row outside it copied.
     */
    @Override
    void move(int row, String startTag, boolean empty, Bytes bytes, Out out) throws IOException {
        check();
        out.write(startTag);
        if (empty) {
            return;
        }
        if (row < area.firstRow() || row > area.lastRow()) {
            formulaSeen |= bytes.copyRow(out.out);
        } else {
            formulaSeen |= bytes.moveRow(out.out, null, new int[] {Integer.MAX_VALUE, -1}, area.firstColumn(),
                    area.lastColumn(), (column, tag, xml, formula) -> {
                        formulaSeen |= formula;
                        check();
                        RawCell cell = new RawCell(column, CellXml.attributes(tag), xml, false);
                        String text = text(cell);
                        String now = text == null ? null : replacer.apply(text);
                        if (now == null) {
                            out.write(xml);
                        } else {
                            StringBuilder b = new StringBuilder(64 + now.length());
                            CellXml.cell(b, sheetName, row, column, cell.style(), new CellValue.Text(now));
                            out.write(b);
                            changed++;
                        }
                    });
        }
        check();
    }

    @Override
    void rewrite(int row, String startTag, List<RawCell> cells, Out out) {
        throw new UnsupportedOperationException("rows go through move()");
    }

    /** The text of a text cell as POI's user model reads it; null for any other cell. */
    private String text(RawCell cell) throws IOException {
        String type = cell.attributes().getOrDefault("t", "n");
        switch (type) {
            case "s" -> {
                String xml = new String(cell.xml(), StandardCharsets.UTF_8);
                int index;
                try {
                    index = Integer.parseInt(SharedStrings.between(xml, "v").strip());
                } catch (NumberFormatException e) {
                    throw new NotStreamable("a shared string cell without its index");
                }
                return replaced().original(index);
            }
            case "inlineStr" -> {
                String xml = new String(cell.xml(), StandardCharsets.UTF_8);
                String plain = plainInline(xml);
                return plain != null ? CellStrings.read(plain) : SharedStrings.text(xml);
            }
            case "str" -> throw new NotStreamable("a formula-text cell (t=\"str\")");
            default -> {
                return null;
            }
        }
    }

    /**
     * The text of an inline string written as one plain {@code <t>} (as our writers and POI's write
     * it), without entities or carriage returns, which a parser would change; else null (parsed).
     */
    static String plainInline(String xml) {
        int is = xml.indexOf("<is><t");
        if (is < 0) {
            return null;
        }
        int open = xml.indexOf('>', is + 6);
        int close = xml.indexOf("</t></is>", open);
        if (open < 0 || close < 0 || (xml.charAt(is + 6) != '>' && !xml.startsWith(" xml:space=\"preserve\">",
                is + 6))) {
            return null;
        }
        String text = xml.substring(open + 1, close);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '&' || c == '<' || c == '\r') {
                return null;
            }
        }
        return text;
    }

    private Replaced replaced() throws IOException {
        if (replaced == null) {
            replaced = new Replaced();
            try (InputStream in = sharedStrings.open()) {
                replaced.read(in, replacer);
            }
        }
        return replaced;
    }

    @Override
    void atEnd(Out out) {
        check();
    }

    @Override
    boolean rulesStopIt() {
        return true;
    }

    @Override
    void finish() {
        check();
    }

    @Override
    public void close() throws IOException {
        if (replaced != null) {
            replaced.close();
        }
    }

    /**
     * The shared strings that hold what is looked for: their indexes in order and, in a scratch
     * file, their texts (the replacer is asked again when a cell meets one, so the new text is
     * its answer, as the user model's).
     */
    private static final class Replaced implements Closeable {
        private int[] indexes = new int[64];
        private long[] offsets = new long[64];
        private int count;
        private int total = -1;
        private Path file;
        private ByteBuffer mapped;

        void read(InputStream part, UnaryOperator<String> replacer) throws IOException {
            file = Files.createTempFile("sheetsmith-replace-", ".bin");
            long[] at = {0};
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file),
                    1 << 16))) {
                int[] seen = {0};
                SharedStrings.each(part, (text, index) -> {
                    seen[0] = index + 1;
                    if (replacer.apply(text) == null) {
                        return;
                    }
                    if (count == indexes.length) {
                        indexes = Arrays.copyOf(indexes, count * 2);
                        offsets = Arrays.copyOf(offsets, count * 2);
                    }
                    indexes[count] = index;
                    offsets[count++] = at[0];
                    try {
                        out.writeInt(text.length());
                        out.writeChars(text);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    at[0] += 4 + 2L * text.length();
                });
                total = seen[0];
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            }
            if (at[0] > Integer.MAX_VALUE) {
                throw new NotStreamable("more text to replace than a scratch map holds");
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, at[0]);
            }
        }

        /** The text of shared string {@code index} when it holds what is looked for, else null. */
        String original(int index) {
            if (index < 0 || index >= total) {
                throw new NotStreamable("a shared string index past the end");
            }
            int i = Arrays.binarySearch(indexes, 0, count, index);
            if (i < 0) {
                return null;
            }
            int at = (int) offsets[i];
            int length = mapped.getInt(at);
            char[] chars = new char[length];
            for (int c = 0; c < length; c++) {
                chars[c] = mapped.getChar(at + 4 + 2 * c);
            }
            return new String(chars);
        }

        @Override
        public void close() throws IOException {
            mapped = null;
            if (file != null) {
                Files.deleteIfExists(file);
            }
        }
    }
}
