package dev.sheetsmith.engine.xlsx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * A second reader for tests: the cells of one sheet straight from the package's XML (java.util.zip
 * and the JDK's DOM parser, not POI), each as "kind:value" — "s:text" for any string (shared,
 * inline or a formula's text result), "n:5.0", "b:1", "e:#DIV/0!", with "=formula " in front of a
 * formula cell's result. It also checks each cell is well formed: an inline string only in a
 * cell typed inlineStr, and such a cell with no second value beside it.
 */
public final class RawSheet {

    private static final Pattern ESCAPE = Pattern.compile("_x([0-9A-Fa-f]{4})_");

    private RawSheet() {
    }

    /** The cells of the sheet named {@code sheet}, by A1 reference, in document order. */
    public static Map<String, String> cells(byte[] xlsx, String sheet) {
        Map<String, String> parts = LibreOffice.entries(xlsx);
        List<String> strings = new ArrayList<>();
        if (parts.containsKey("xl/sharedStrings.xml")) {
            for (Element si : elements(parse(parts.get("xl/sharedStrings.xml")).getDocumentElement(), "si")) {
                strings.add(text(si));
            }
        }
        Map<String, String> cells = new LinkedHashMap<>();
        for (Element c : elements(parse(parts.get(sheetPart(parts, sheet))).getDocumentElement(), "c")) {
            String ref = c.getAttribute("r");
            String type = c.getAttribute("t");
            Element f = child(c, "f");
            Element v = child(c, "v");
            Element is = child(c, "is");
            if (is != null) {
                assertThat(type).as(ref + " holds an inline string, so must be typed inlineStr").isEqualTo("inlineStr");
                assertThat(v).as(ref + " is an inline string with a second value beside it").isNull();
            }
            String value;
            if ("inlineStr".equals(type)) {
                value = is == null ? null : "s:" + text(is);
            } else if (v == null) {
                value = null;
            } else if ("s".equals(type)) {
                value = "s:" + strings.get(Integer.parseInt(v.getTextContent()));
            } else if ("str".equals(type)) {
                value = "s:" + decode(v.getTextContent());
            } else {
                value = (type.isEmpty() ? "n" : type) + ":" + v.getTextContent();
            }
            String formula = f == null || f.getTextContent().isEmpty() ? null : "=" + f.getTextContent() + " ";
            if (value != null || formula != null) {
                cells.put(ref, (formula == null ? "" : formula) + (value == null ? "" : value));
            }
        }
        return cells;
    }

    /** The worksheet part of a sheet, found through workbook.xml and its relationships. */
    public static String sheetPart(Map<String, String> parts, String sheet) {
        String rid = null;
        for (Element s : elements(parse(parts.get("xl/workbook.xml")).getDocumentElement(), "sheet")) {
            if (s.getAttribute("name").equals(sheet)) {
                rid = s.getAttributeNS("http://schemas.openxmlformats.org/officeDocument/2006/relationships", "id");
            }
        }
        assertThat(rid).as("sheet " + sheet).isNotNull();
        for (Element rel : elements(parse(parts.get("xl/_rels/workbook.xml.rels")).getDocumentElement(),
                "Relationship")) {
            if (rel.getAttribute("Id").equals(rid)) {
                String target = rel.getAttribute("Target");
                return target.startsWith("/") ? target.substring(1) : "xl/" + target;
            }
        }
        throw new AssertionError("no part for sheet " + sheet);
    }

    /** The text of a string item: its t elements, rich runs joined, phonetic runs left out, escapes read. */
    private static String text(Element item) {
        StringBuilder out = new StringBuilder();
        for (Element t : elements(item, "t")) {
            if (!"rPh".equals(((Element) t.getParentNode()).getLocalName())) {
                out.append(t.getTextContent());
            }
        }
        return decode(out.toString());
    }

    private static String decode(String xml) {
        Matcher m = ESCAPE.matcher(xml);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        }
        return m.appendTail(out).toString();
    }

    private static Document parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(
                    java.nio.charset.StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("unreadable XML", e);
        }
    }

    private static List<Element> elements(Element root, String localName) {
        NodeList list = root.getElementsByTagNameNS("*", localName);
        List<Element> out = new ArrayList<>(list.getLength());
        for (int i = 0; i < list.getLength(); i++) {
            out.add((Element) list.item(i));
        }
        return out;
    }

    private static Element child(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }
}
