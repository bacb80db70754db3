package dev.sheetsmith.engine.xlsx.edit.stream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rewrites one worksheet part as a stream: the rows an edit does not touch are copied byte for
 * byte (only their start tags are read), the rows it touches are read cell by cell and written
 * again, new rows go in their place, so rows stay in order. The {@code <dimension>} is set from
 * the old one and what the edit adds. Subclasses say which rows they touch and what they write.
 */
abstract class SheetRewrite {

    /** One cell of a touched row: its column, its start tag's attributes and its whole XML. */
    record RawCell(int column, Map<String, String> attributes, byte[] xml, boolean formula) {

        String style() {
            return attributes.get("s");
        }

        /** Not blank as POI's user model sees it (a number cell without a value is blank). */
        boolean holdsSomething() {
            String type = attributes.getOrDefault("t", "n");
            return formula || !type.equals("n") || new String(xml, StandardCharsets.UTF_8).contains("<v");
        }
    }

    protected final String sheetName;
    /** Rows seen, the last row's 0-based number, the first row's. */
    protected int rowCount;
    protected int lastRow = -1;
    protected int firstRow = -1;
    /** Whether a formula was met in the part. */
    protected boolean formulaSeen;

    /**
     * Stops the stream once a formula was seen in the sheet: the user model then makes the edit
     * (it recomputes, or moves, what the formulas hold).
     *
     * @param why what the user model does with the formulas that the stream cannot
     */
    protected final void stopAtFormulas(String why) {
        if (formulaSeen) {
            throw new NotStreamable("the sheet holds formulas, which the user model " + why);
        }
    }

    SheetRewrite(String sheetName) {
        this.sheetName = sheetName;
    }

    /** The new dimension reference, from the old one (null when the part has none). */
    abstract String dimension(String old);

    /** Whether an existing row (0-based) is read cell by cell and handed to {@link #rewrite}. */
    abstract boolean touches(int row);

    /** Writes the rows the edit creates that come before existing row {@code row} (0-based). */
    abstract void before(int row, Out out) throws IOException;

    /** Writes a touched row again, from its start tag and cells. */
    abstract void rewrite(int row, String startTag, List<RawCell> cells, Out out) throws IOException;

    /**
     * Whether the rewrite only moves rows: each row goes through {@link #move} (its cells are not
     * parsed), not through {@link #touches} and {@link #rewrite}.
     */
    boolean moves() {
        return false;
    }

    /** Writes (or leaves out) an existing row, from its start tag; the rest of it is read from {@code bytes}. */
    void move(int row, String startTag, boolean empty, Bytes bytes, Out out) throws IOException {
        throw new UnsupportedOperationException();
    }

    /** Writes the rows the edit creates after the last existing one. */
    abstract void atEnd(Out out) throws IOException;

    /** Whether conditional formats or validations on the sheet stop the stream (the user model rewrites them). */
    boolean rulesStopIt() {
        return false;
    }

    /** What follows sheetData, read when {@link #rulesStopIt} does: a rewrite may refuse it. */
    void checkTail(String rest) {
    }

    /** Sees each tag before sheetData but the dimension (e.g. a {@code <col>}): a rewrite may refuse it. */
    void checkHead(String tag) {
    }

    /** Called after the part's end, to check what was assumed (e.g. the dimension). */
    void finish() {
    }

    /** The output, as bytes and text. */
    static final class Out {
        final OutputStream out;

        Out(OutputStream out) {
            this.out = out;
        }

        void write(CharSequence text) throws IOException {
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        }

        void write(byte[] bytes) throws IOException {
            out.write(bytes);
        }
    }

    /** Reads the part from {@code in}, writes the edited part to {@code sink}. */
    final void run(InputStream in, OutputStream sink) throws IOException {
        Bytes bytes = new Bytes(in);
        Out out = new Out(sink);
        // the prolog: the XML declaration (UTF-8 only), then the root
        String root;
        while (true) {
            if (!bytes.copyText(sink)) {
                throw new NotStreamable("the sheet part has no root element");
            }
            String tag = bytes.tag();
            if (tag.startsWith("<?xml")) {
                String encoding = CellXml.attributes(tag).get("encoding");
                if (encoding != null && !encoding.equalsIgnoreCase("UTF-8")) {
                    throw new NotStreamable("the sheet part is in " + encoding);
                }
                out.write(tag);
            } else if (tag.startsWith("<?") || tag.startsWith("<!")) {
                throw new NotStreamable("the sheet part opens with a comment or instruction");
            } else {
                root = tag;
                break;
            }
        }
        if (!CellXml.isStart(root, "worksheet")) {
            throw new NotStreamable("the sheet's root is not a worksheet in the default namespace");
        }
        out.write(root);
        // up to sheetData: copied, the dimension set
        String sheetData;
        while (true) {
            if (!bytes.copyText(sink)) {
                throw new NotStreamable("the sheet part has no sheetData");
            }
            String tag = bytes.tag();
            if (tag.startsWith("<!") || tag.startsWith("<?")) {
                throw new NotStreamable("a comment or instruction in the sheet part");
            }
            if (CellXml.isStart(tag, "dimension")) {
                String old = CellXml.attributes(tag).get("ref");
                String ref = dimension(old);
                out.write(ref == null ? tag : "<dimension ref=\"" + ref + "\"/>");
                if (!tag.endsWith("/>")) {
                    throw new NotStreamable("a dimension with content");
                }
            } else if (CellXml.isStart(tag, "sheetData")) {
                sheetData = tag;
                break;
            } else {
                checkHead(tag);
                out.write(tag);
            }
        }
        if (sheetData.endsWith("/>")) {
            out.write(sheetData.substring(0, sheetData.length() - 2).stripTrailing() + ">");
        } else {
            out.write(sheetData);
            rows(bytes, out);
        }
        atEnd(out);
        out.write("</sheetData>");
        if (rulesStopIt()) {
            ByteArrayOutputStream tail = new ByteArrayOutputStream();
            bytes.copyRest(tail);
            String rest = tail.toString(StandardCharsets.UTF_8);
            if (rest.contains("<conditionalFormatting") || rest.contains("<dataValidations")) {
                throw new NotStreamable("rules on the sheet, whose formulas the user model rewrites after the edit");
            }
            checkTail(rest);
            tail.writeTo(sink);
        } else {
            bytes.copyRest(sink);
        }
        finish();
    }

    private void rows(Bytes bytes, Out out) throws IOException {
        while (true) {
            if (!bytes.copyText(out.out)) {
                throw new NotStreamable("the sheet part ends inside sheetData");
            }
            String tag = bytes.tag();
            if (CellXml.isEnd(tag, "sheetData")) {
                return;
            }
            if (!CellXml.isStart(tag, "row")) {
                throw new NotStreamable("sheetData holds " + (tag.length() > 20 ? tag.substring(0, 20) : tag));
            }
            int row = CellXml.rowNumber(tag) - 1;
            if (row <= lastRow) {
                throw new NotStreamable("rows out of order");
            }
            if (firstRow < 0) {
                firstRow = row;
            }
            lastRow = row;
            rowCount++;
            before(row, out);
            boolean empty = tag.endsWith("/>");
            if (moves()) {
                move(row, tag, empty, bytes, out);
            } else if (touches(row)) {
                List<RawCell> cells = empty ? List.of() : cells(bytes);
                for (RawCell cell : cells) {
                    formulaSeen |= cell.formula();
                }
                rewrite(row, tag, cells, out);
            } else {
                out.write(tag);
                if (!empty) {
                    formulaSeen |= bytes.copyRow(out.out);
                }
            }
        }
    }

    /** The cells of a row, up to and with its end tag. */
    private static List<RawCell> cells(Bytes bytes) throws IOException {
        List<RawCell> cells = new ArrayList<>();
        while (true) {
            if (!bytes.copyText(null)) {
                throw new NotStreamable("the sheet part ends inside a row");
            }
            String tag = bytes.tag();
            if (CellXml.isEnd(tag, "row")) {
                return cells;
            }
            if (!CellXml.isStart(tag, "c")) {
                throw new NotStreamable("a row holds " + (tag.length() > 20 ? tag.substring(0, 20) : tag));
            }
            Map<String, String> attributes = CellXml.attributes(tag);
            int column = CellXml.column(attributes.get("r"));
            if (!cells.isEmpty() && cells.get(cells.size() - 1).column() >= column) {
                throw new NotStreamable("cells out of order");
            }
            ByteArrayOutputStream xml = new ByteArrayOutputStream();
            xml.write(tag.getBytes(StandardCharsets.UTF_8));
            boolean formula = false;
            if (!tag.endsWith("/>")) {
                while (true) {
                    if (!bytes.copyText(xml)) {
                        throw new NotStreamable("the sheet part ends inside a cell");
                    }
                    String inner = bytes.tag();
                    if (inner.startsWith("<!") || inner.startsWith("<?")) {
                        throw new NotStreamable("a comment or CDATA inside a cell");
                    }
                    xml.write(inner.getBytes(StandardCharsets.UTF_8));
                    if (CellXml.isStart(inner, "f")) {
                        formula = true;
                    }
                    if (CellXml.isEnd(inner, "c")) {
                        break;
                    }
                }
            }
            cells.add(new RawCell(column, attributes, xml.toByteArray(), formula));
        }
    }
}
