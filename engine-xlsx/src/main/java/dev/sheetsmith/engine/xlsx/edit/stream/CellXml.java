package dev.sheetsmith.engine.xlsx.edit.stream;

import dev.sheetsmith.domain.CellRange;
import dev.sheetsmith.domain.CellValue;
import dev.sheetsmith.domain.ExcelText;
import dev.sheetsmith.domain.SheetInput;
import dev.sheetsmith.engine.xlsx.poi.CellStrings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cells and tags as worksheet XML, as the streamed edits write and read them. Text is written as
 * an inline string ({@code t="inlineStr"}), as POI's streaming writer (and so append_rows through
 * the user model) writes it: the sheet part alone changes, and sharedStrings.xml, which can be as
 * large as the sheet, is copied as it is. Excel reads inline strings and turns them into shared
 * ones when it saves.
 */
final class CellXml {

    private static final Pattern ATTRIBUTE = Pattern.compile("([\\w:.-]+)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')");
    private static final Pattern SPANS = Pattern.compile("\\sspans\\s*=\\s*(\"[^\"]*\"|'[^']*')");

    private CellXml() {
    }

    /** The attributes of a start tag, by name, values as written (entities not resolved). */
    static Map<String, String> attributes(String tag) {
        Map<String, String> attributes = new LinkedHashMap<>();
        Matcher m = ATTRIBUTE.matcher(tag);
        while (m.find()) {
            attributes.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3));
        }
        return attributes;
    }

    /** Whether {@code tag} is a start or empty tag of element {@code name} (no prefix). */
    static boolean isStart(String tag, String name) {
        if (!tag.startsWith("<" + name) || tag.length() <= name.length() + 1) {
            return false;
        }
        char next = tag.charAt(name.length() + 1);
        return next == '>' || next == '/' || Bytes.isSpace(next);
    }

    static boolean isEnd(String tag, String name) {
        return tag.startsWith("</" + name) && (tag.charAt(name.length() + 2) == '>'
                || Bytes.isSpace(tag.charAt(name.length() + 2)));
    }

    /** A row's start tag without its spans (an optimisation hint, wrong once cells are added). */
    static String withoutSpans(String rowTag) {
        return SPANS.matcher(rowTag).replaceAll("");
    }

    /** The 1-based row number in a row's r attribute; none is not streamable. */
    static int rowNumber(String rowTag) {
        // the common form, <row r="123" ...> with no other attribute ending in r, read without a map
        if (rowTag.startsWith("<row r=\"")) {
            int i = 8;
            int number = 0;
            while (i < rowTag.length() && i < 16 && rowTag.charAt(i) >= '0' && rowTag.charAt(i) <= '9') {
                number = number * 10 + (rowTag.charAt(i) - '0');
                i++;
            }
            if (i > 8 && i < rowTag.length() && rowTag.charAt(i) == '"' && rowTag.indexOf('r', i) < 0) {
                return number;
            }
        }
        String r = attributes(rowTag).get("r");
        if (r == null) {
            throw new NotStreamable("a row without its number (r)");
        }
        try {
            return Integer.parseInt(r.strip());
        } catch (NumberFormatException e) {
            throw new NotStreamable("a row number that is not a number");
        }
    }

    /** The 0-based column of a cell reference such as "AB12"; none is not streamable. */
    static int column(String ref) {
        if (ref == null) {
            throw new NotStreamable("a cell without its reference (r)");
        }
        int column = 0;
        int i = 0;
        while (i < ref.length() && Character.isLetter(ref.charAt(i))) {
            column = column * 26 + (Character.toUpperCase(ref.charAt(i)) - 'A' + 1);
            i++;
        }
        if (i == 0 || i > 3) {
            throw new NotStreamable("a cell reference that is not A1-style");
        }
        return column - 1;
    }

    static String ref(int row, int column) {
        return SheetInput.columnLetter(column) + (row + 1);
    }

    static String where(String sheetName, int row, int column) {
        return "sheet '" + sheetName + "', cell " + new CellRange(row, column, row, column).toA1();
    }

    /**
     * One cell holding {@code value} (empty: a blank cell) with {@code style} (null: none), checked
     * as CellWriter checks it.
     */
    static void cell(StringBuilder b, String sheetName, int row, int column, String style, CellValue value) {
        b.append("<c r=\"").append(ref(row, column)).append('"');
        if (style != null) {
            b.append(" s=\"").append(style).append('"');
        }
        if (value instanceof CellValue.Empty) {
            b.append("/>");
        } else if (value instanceof CellValue.Text t) {
            String text = t.value();
            if (!ExcelText.isCellText(text)) {
                ExcelText.requireCellText(text, where(sheetName, row, column));
            }
            b.append(" t=\"inlineStr\"><is><t");
            if (!text.isEmpty() && (text.charAt(0) <= ' ' || text.charAt(text.length() - 1) <= ' ')) {
                b.append(" xml:space=\"preserve\"");
            }
            b.append('>');
            escape(b, CellStrings.stored(text));
            b.append("</t></is></c>");
        } else if (value instanceof CellValue.Number n) {
            b.append("><v>").append(n.value()).append("</v></c>");
        } else if (value instanceof CellValue.Bool bool) {
            b.append(" t=\"b\"><v>").append(bool.value() ? '1' : '0').append("</v></c>");
        } else {
            throw new NotStreamable("a " + value.getClass().getSimpleName() + " value needs the user model");
        }
    }

    /** Whether the streamed path writes {@code value} exactly as CellWriter does. */
    static boolean writable(CellValue value) {
        return value instanceof CellValue.Empty || value instanceof CellValue.Text || value instanceof CellValue.Number
                || value instanceof CellValue.Bool;
    }

    private static void escape(StringBuilder b, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '\r' -> b.append("&#13;");
                default -> b.append(c);
            }
        }
    }
}
