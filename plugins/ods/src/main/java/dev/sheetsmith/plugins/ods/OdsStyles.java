package dev.sheetsmith.plugins.ods;

import dev.sheetsmith.spi.CellStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The styles of an .ods file (OpenDocument 1.3, part 3, chapters 16 and 20): cell styles, named
 * (styles.xml) and automatic (either file), with their parents; column and row styles; and the
 * data styles (number:*-style) turned into Excel number format codes. What an xlsx cell cannot
 * hold, or what has no exact Excel form (an era, a week number, a colour Excel cannot name in a
 * format), is left out: the cell keeps its value and the rest of its style.
 */
final class OdsStyles {

    static final String STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0";
    static final String NUMBER = "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0";
    static final String FO = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0";
    static final String TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";

    /** LibreOffice's root cell style: what every cell looks like without a style of its own. */
    private static final String DEFAULT = "Default";

    /** Points per character of column width, as LibreOffice converts widths between xlsx and ods. */
    static final double POINTS_PER_CHARACTER = 7.0;

    /** A style:style: its parent, its data style, and the properties of its *-properties children. */
    private record Raw(String parent, String dataStyle, Map<String, String> properties) {
    }

    /** One part of a data style, in order. */
    private record Part(String element, Map<String, String> attributes, String text) {
    }

    /** A number:*-style: its kind (number, currency, percentage, date, time, text, boolean) and parts. */
    private record DataStyle(String kind, List<Part> parts, String color, List<String[]> maps, boolean elapsed) {
    }

    private final Map<String, Raw> automatic = new HashMap<>();
    private final Map<String, Raw> named = new HashMap<>();
    private final Map<String, Raw> columns = new HashMap<>();
    private final Map<String, Raw> rows = new HashMap<>();
    private final Map<String, DataStyle> dataStyles = new HashMap<>();
    private final Map<String, Optional<CellStyle>> resolved = new HashMap<>();
    private final Map<String, Optional<String>> codes = new HashMap<>();

    /**
     * Reads the style definitions inside the current element (office:styles, office:automatic-styles,
     * or a whole styles.xml document) up to its end tag.
     *
     * @param namedStyles whether style:style elements here are named (office:styles) ones
     */
    void read(XMLStreamReader xml, boolean namedStyles) throws XMLStreamException {
        int depth = 1;
        boolean inNamed = namedStyles;
        while (depth > 0 && xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
                if ("styles".equals(xml.getLocalName())) {
                    inNamed = namedStyles;
                }
            } else if (event == XMLStreamConstants.START_ELEMENT) {
                String local = xml.getLocalName();
                String ns = xml.getNamespaceURI();
                if (STYLE.equals(ns) && local.equals("style")) {
                    style(xml, inNamed);
                } else if (NUMBER.equals(ns) && local.endsWith("-style")) {
                    dataStyle(xml, local.substring(0, local.length() - "-style".length()));
                } else if ("urn:oasis:names:tc:opendocument:xmlns:office:1.0".equals(ns) && local.equals("styles")) {
                    inNamed = true;
                    depth++;
                } else if ("urn:oasis:names:tc:opendocument:xmlns:office:1.0".equals(ns)
                        && (local.equals("automatic-styles") || local.equals("document-styles"))) {
                    depth++;
                } else {
                    skip(xml);
                }
            }
        }
    }

    private void style(XMLStreamReader xml, boolean inNamed) throws XMLStreamException {
        String name = xml.getAttributeValue(STYLE, "name");
        String family = xml.getAttributeValue(STYLE, "family");
        String parent = xml.getAttributeValue(STYLE, "parent-style-name");
        String data = xml.getAttributeValue(STYLE, "data-style-name");
        Map<String, String> properties = new HashMap<>();
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
                if (xml.getLocalName().endsWith("-properties")) {
                    for (int i = 0; i < xml.getAttributeCount(); i++) {
                        properties.putIfAbsent(xml.getAttributeLocalName(i), xml.getAttributeValue(i));
                    }
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
        if (name == null || family == null) {
            return;
        }
        Raw raw = new Raw(parent, data, properties);
        switch (family) {
            case "table-cell" -> (inNamed ? named : automatic).put(name, raw);
            case "table-column" -> columns.put(name, raw);
            case "table-row" -> rows.put(name, raw);
            default -> {
                // table, graphic, paragraph, text styles: nothing an xlsx cell takes
            }
        }
    }

    private void dataStyle(XMLStreamReader xml, String kind) throws XMLStreamException {
        String name = xml.getAttributeValue(STYLE, "name");
        boolean elapsed = "false".equals(xml.getAttributeValue(NUMBER, "truncate-on-overflow"));
        List<Part> parts = new ArrayList<>();
        List<String[]> maps = new ArrayList<>();
        String color = null;
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                String local = xml.getLocalName();
                if (STYLE.equals(xml.getNamespaceURI()) && local.equals("map")) {
                    maps.add(new String[] {xml.getAttributeValue(STYLE, "condition"),
                        xml.getAttributeValue(STYLE, "apply-style-name")});
                    skip(xml);
                } else if (STYLE.equals(xml.getNamespaceURI()) && local.equals("text-properties")) {
                    color = xml.getAttributeValue(FO, "color");
                    skip(xml);
                } else if (NUMBER.equals(xml.getNamespaceURI())) {
                    Map<String, String> attributes = new HashMap<>();
                    for (int i = 0; i < xml.getAttributeCount(); i++) {
                        attributes.put(xml.getAttributeLocalName(i), xml.getAttributeValue(i));
                    }
                    parts.add(new Part(local, attributes, text(xml)));
                } else {
                    skip(xml);
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
        if (name != null) {
            dataStyles.put(name, new DataStyle(kind, parts, color, maps, elapsed));
        }
    }

    /** A cell style by name as an xlsx cell can hold it; empty when it changes nothing there. */
    Optional<CellStyle> cell(String name) {
        if (name == null || name.equals(DEFAULT)) {
            return Optional.empty();
        }
        Optional<CellStyle> known = resolved.get(name);
        if (known != null) {
            return known;
        }
        Map<String, String> properties = new HashMap<>();
        String data = null;
        Set<String> seen = new HashSet<>();
        // the style, then its parents up to (not including) Default, the nearest setting winning
        for (String at = name; at != null && !at.equals(DEFAULT) && seen.add(at); ) {
            Raw raw = automatic.containsKey(at) && seen.size() == 1 ? automatic.get(at) : named.get(at);
            if (raw == null) {
                break;
            }
            raw.properties().forEach(properties::putIfAbsent);
            if (data == null) {
                data = raw.dataStyle();
            }
            at = raw.parent();
        }
        CellStyle style = style(properties, data == null ? null : numberFormat(data).orElse(null));
        Optional<CellStyle> result = style.isEmpty() ? Optional.empty() : Optional.of(style);
        resolved.put(name, result);
        return result;
    }

    /** A column style's width in characters, or empty. */
    Optional<Double> columnWidth(String name) {
        Raw raw = name == null ? null : columns.get(name);
        Double points = raw == null ? null : points(raw.properties().get("column-width"));
        if (points == null || points < 0) {
            return Optional.empty();
        }
        return Optional.of(Math.min(255, Math.round(points / POINTS_PER_CHARACTER * 100) / 100.0));
    }

    /** A row style's height in points, or empty when the row fits its contents (use-optimal-row-height). */
    Optional<Double> rowHeight(String name) {
        Raw raw = name == null ? null : rows.get(name);
        if (raw == null || "true".equals(raw.properties().get("use-optimal-row-height"))) {
            return Optional.empty();
        }
        Double points = points(raw.properties().get("row-height"));
        if (points == null || points < 0) {
            return Optional.empty();
        }
        return Optional.of(Math.min(409, Math.round(points * 100) / 100.0));
    }

    private static CellStyle style(Map<String, String> p, String numberFormat) {
        Boolean bold = null;
        String weight = p.get("font-weight");
        if (weight != null) {
            bold = weight.equals("bold") || (weight.matches("[0-9]+") && Integer.parseInt(weight) >= 600);
        }
        Boolean italic = null;
        String fontStyle = p.get("font-style");
        if (fontStyle != null) {
            italic = fontStyle.equals("italic") || fontStyle.equals("oblique");
        }
        String underline = null;
        String line = p.get("text-underline-style");
        if (line != null && !line.equals("none")) {
            underline = "double".equals(p.get("text-underline-type")) ? "double" : "single";
        }
        Double size = points(p.get("font-size"));
        if (size != null && (size < 1 || size > 409)) {
            size = null;
        }
        String color = "true".equals(p.get("use-window-font-color")) ? null : color(p.get("color"));
        String font = p.getOrDefault("font-name", p.get("font-family"));
        if (font != null) {
            font = font.replace("'", "").replace("\"", "").strip();
            if (font.isEmpty() || font.length() > 31) {
                font = null;
            }
        }
        String fill = color(p.get("background-color"));
        String horizontal = null;
        if (!"value-type".equals(p.get("text-align-source"))) {
            horizontal = switch (p.getOrDefault("text-align", "")) {
                case "start", "left" -> "left";
                case "end", "right" -> "right";
                case "center" -> "center";
                case "justify" -> "justify";
                default -> null;
            };
        }
        String vertical = switch (p.getOrDefault("vertical-align", "")) {
            case "top" -> "top";
            case "middle" -> "center";
            case "bottom" -> "bottom";
            default -> null;
        };
        Boolean wrap = switch (p.getOrDefault("wrap-option", "")) {
            case "wrap" -> true;
            case "no-wrap" -> false;
            default -> null;
        };
        String all = p.get("border");
        return new CellStyle(bold, italic, underline, size, color, font, fill, horizontal, vertical, wrap,
                line(p.getOrDefault("border-top", all)), line(p.getOrDefault("border-bottom", all)),
                line(p.getOrDefault("border-left", all)), line(p.getOrDefault("border-right", all)), numberFormat);
    }

    /** "0.74pt solid #000000" as an Excel line; null for none or a line Excel has no like of. */
    static CellStyle.Line line(String border) {
        if (border == null || border.isBlank() || border.strip().equals("none")) {
            return null;
        }
        Double width = null;
        String kind = null;
        String color = null;
        for (String token : border.strip().split("\\s+")) {
            if (token.startsWith("#")) {
                color = color(token);
            } else if (Character.isDigit(token.charAt(0)) || token.charAt(0) == '.') {
                width = points(token);
            } else {
                kind = token;
            }
        }
        if (kind == null || kind.equals("none") || kind.equals("hidden")) {
            return null;
        }
        double w = width == null ? 0.75 : width;
        String style = switch (kind) {
            case "solid" -> w <= 1.0 ? "thin" : w <= 2.0 ? "medium" : "thick";
            case "dashed" -> "dashed";
            case "dotted" -> w < 0.5 ? "hair" : "dotted";
            case "double" -> "double";
            default -> null;
        };
        return style == null ? null : new CellStyle.Line(style, color);
    }

    /** "#ff0000" as "FF0000"; null for "transparent" or anything else. */
    static String color(String value) {
        if (value == null || !value.matches("#[0-9A-Fa-f]{6}")) {
            return null;
        }
        return value.substring(1).toUpperCase(Locale.ROOT);
    }

    /** A length ("14pt", "2.9165in", "0.5cm", "3mm") in points; null when it is none of these. */
    static Double points(String length) {
        if (length == null) {
            return null;
        }
        String s = length.strip();
        double factor;
        if (s.endsWith("pt")) {
            factor = 1;
        } else if (s.endsWith("in")) {
            factor = 72;
        } else if (s.endsWith("cm")) {
            factor = 72 / 2.54;
        } else if (s.endsWith("mm")) {
            factor = 72 / 25.4;
        } else if (s.endsWith("pc")) {
            factor = 12;
        } else {
            return null;
        }
        try {
            return Double.parseDouble(s.substring(0, s.length() - 2)) * factor;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A data style as an Excel number format code; empty for the general format or what has no Excel form. */
    Optional<String> numberFormat(String name) {
        Optional<String> known = codes.get(name);
        if (known != null) {
            return known;
        }
        codes.put(name, Optional.empty()); // a map that refers back to its own style ends here
        Optional<String> code = Optional.ofNullable(code(name));
        codes.put(name, code);
        return code;
    }

    private String code(String name) {
        DataStyle data = dataStyles.get(name);
        if (data == null) {
            return null;
        }
        String own = section(data);
        if (own == null) {
            return null;
        }
        // LibreOffice keeps "positive;negative" as a style with a map to its positive part
        for (String[] map : data.maps()) {
            String condition = map[0] == null ? "" : map[0].replace(" ", "");
            if (condition.equals("value()>=0") && map[1] != null) {
                DataStyle positive = dataStyles.get(map[1]);
                String first = positive == null ? null : section(positive);
                if (first == null) {
                    return null;
                }
                own = first + ";" + own;
            } else {
                return null; // other conditions have no exact two-section form
            }
        }
        return own;
    }

    /** One section of a format code; null when a part has no Excel form. */
    private static String section(DataStyle data) {
        StringBuilder code = new StringBuilder();
        if (data.color() != null) {
            String named = switch (data.color().toLowerCase(Locale.ROOT)) {
                case "#ff0000" -> "[Red]";
                case "#0000ff" -> "[Blue]";
                case "#00ff00" -> "[Green]";
                case "#000000" -> "";
                default -> null;
            };
            if (named == null) {
                return null;
            }
            code.append(named);
        }
        boolean dateLike = data.kind().equals("date") || data.kind().equals("time");
        boolean elapsed = data.elapsed();
        for (Part part : data.parts()) {
            Map<String, String> a = part.attributes();
            boolean longForm = "long".equals(a.get("style"));
            switch (part.element()) {
                case "number" -> {
                    if (!a.containsKey("decimal-places") && data.kind().equals("number")) {
                        return null; // as many decimals as the value has: Excel's General
                    }
                    int decimals = integer(a.get("decimal-places"), 0);
                    int minDecimals = Math.min(decimals, integer(a.get("min-decimal-places"), decimals));
                    int minInteger = integer(a.get("min-integer-digits"), 1);
                    if ("true".equals(a.get("grouping"))) {
                        code.append(minInteger == 0 ? "#,###" : "#,##0");
                    } else {
                        code.append(minInteger == 0 ? "#" : "0".repeat(Math.min(minInteger, 30)));
                    }
                    if (decimals > 0) {
                        code.append('.').append("0".repeat(Math.min(minDecimals, 30)))
                                .append("#".repeat(Math.min(decimals - minDecimals, 30)));
                    }
                    if (a.containsKey("display-factor") && !"1".equals(a.get("display-factor"))) {
                        return null;
                    }
                }
                case "scientific-number" -> {
                    int decimals = integer(a.get("decimal-places"), 2);
                    code.append("0");
                    if (decimals > 0) {
                        code.append('.').append("0".repeat(Math.min(decimals, 30)));
                    }
                    code.append("E+").append("0".repeat(Math.max(1, Math.min(integer(a.get("min-exponent-digits"), 2),
                            5))));
                }
                case "fraction" -> {
                    int digits = Math.max(1, Math.min(integer(a.get("min-denominator-digits"), 1), 5));
                    code.append("# ").append("?".repeat(digits)).append('/').append("?".repeat(digits));
                }
                case "text" -> code.append(literal(part.text(), dateLike, data.kind()));
                case "currency-symbol" -> code.append(quoted(part.text()));
                case "text-content" -> code.append('@');
                case "boolean" -> code.append("\"TRUE\";\"TRUE\";\"FALSE\"");
                case "year" -> code.append(longForm ? "yyyy" : "yy");
                case "month" -> code.append("true".equals(a.get("textual")) ? (longForm ? "mmmm" : "mmm")
                        : (longForm ? "mm" : "m"));
                case "day" -> code.append(longForm ? "dd" : "d");
                case "day-of-week" -> code.append(longForm ? "dddd" : "ddd");
                case "hours" -> {
                    code.append(elapsed ? (longForm ? "[hh]" : "[h]") : longForm ? "hh" : "h");
                    elapsed = false;
                }
                case "minutes" -> code.append(longForm ? "mm" : "m");
                case "seconds" -> {
                    code.append(longForm ? "ss" : "s");
                    int decimals = integer(a.get("decimal-places"), 0);
                    if (decimals > 0) {
                        code.append('.').append("0".repeat(Math.min(decimals, 3)));
                    }
                }
                case "am-pm" -> code.append("AM/PM");
                default -> {
                    return null; // era, quarter, week of year, embedded text: no exact Excel form
                }
            }
        }
        String result = code.toString();
        return result.isEmpty() ? null : result;
    }

    /** Literal text of a format: plain where Excel shows the character as it is, else in quotes. */
    private static String literal(String text, boolean dateLike, String kind) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        if (kind.equals("percentage") && text.strip().equals("%")) {
            return text;
        }
        String plain = dateLike ? " -/:.,()$" : " -/:()$";
        for (char c : text.toCharArray()) {
            if (plain.indexOf(c) < 0) {
                return quoted(text);
            }
        }
        return text;
    }

    private static String quoted(String text) {
        return text == null || text.isEmpty() ? "" : "\"" + text.replace("\"", "") + "\"";
    }

    private static int integer(String value, int otherwise) {
        if (value == null) {
            return otherwise;
        }
        try {
            return Math.max(0, Integer.parseInt(value.strip()));
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    /** The text inside the current element; the reader ends on its end tag. */
    private static String text(XMLStreamReader xml) throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                    || event == XMLStreamConstants.SPACE) {
                if (text.length() < 200) {
                    text.append(xml.getText());
                }
            }
        }
        return text.toString();
    }

    private static void skip(XMLStreamReader xml) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }
}
