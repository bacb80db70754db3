package dev.sheetsmith.engine.xlsx.edit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sheetsmith.domain.WorkbookEdit;
import dev.sheetsmith.engine.xlsx.LibreOffice;
import dev.sheetsmith.engine.xlsx.RawSheet;
import dev.sheetsmith.engine.xlsx.edit.stream.StreamedEdits;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import dev.sheetsmith.domain.CellRange;
import org.apache.poi.ss.util.CellReference;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * One edit through both of the editor's paths, the streamed one ({@link StreamedEdits}, where the
 * package allows it) and the user model's, compared at the cell level with a second reader: the
 * package XML read with java.util.zip and the JDK's DOM ({@link RawSheet}). Every sheet's cells
 * (value, formula, style), every sheet's dimension and the workbook's calculation flag must be
 * equal, and so must the answer text, or the error when the edit is refused.
 */
public final class BothPaths {

    /** The result of the editor's path and whether it streamed. */
    public record Edited(byte[] bytes, String summary, boolean streamed) {
    }

    private BothPaths() {
    }

    /** The edit through both paths, checked equal; the result of the editor's own path. */
    public static Edited edit(byte[] xlsx, WorkbookEdit edit) {
        XlsxWorkbookEditor editor = new XlsxWorkbookEditor();
        long before = StreamedEdits.streamedCount();
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        ByteArrayOutputStream loaded = new ByteArrayOutputStream();
        RuntimeException streamedError = null;
        RuntimeException loadedError = null;
        String streamedSummary = null;
        String loadedSummary = null;
        try {
            streamedSummary = editor.apply(new ByteArrayInputStream(xlsx), edit, streamed);
        } catch (RuntimeException e) {
            streamedError = e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean wasStreamed = StreamedEdits.streamedCount() > before;
        try {
            loadedSummary = editor.applyLoaded(new ByteArrayInputStream(xlsx), edit, loaded);
        } catch (RuntimeException e) {
            loadedError = e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (loadedError != null || streamedError != null) {
            assertThat(streamedError).as("the streamed path refuses what the user model refuses: " + loadedError)
                    .isNotNull();
            assertThat(loadedError).as("the user model refuses what the streamed path refuses: " + streamedError)
                    .isNotNull();
            assertThat(streamedError).hasMessage(loadedError.getMessage()).isInstanceOf(loadedError.getClass());
            assertThat(streamed.size()).as("a refused edit writes nothing").isZero();
            throw streamedError;
        }
        assertThat(streamedSummary).isEqualTo(loadedSummary);
        Map<String, String> mine = snapshot(streamed.toByteArray());
        Map<String, String> theirs = snapshot(loaded.toByteArray());
        if (edit instanceof WorkbookEdit.AppendRows) {
            // POI's streaming writer on a loaded workbook sets the dimension to the appended rows
            // alone (A4:D4 after three rows); the streamed path gives the range of every cell.
            mine.entrySet().removeIf(e -> e.getKey().endsWith("!dimension"));
            theirs.entrySet().removeIf(e -> e.getKey().endsWith("!dimension"));
        }
        if (edit instanceof WorkbookEdit.ShiftLines) {
            // rows or columns moved: the col ranges (widths, hidden, style) must be where the user model puts them
            mine.putAll(columns(streamed.toByteArray()));
            theirs.putAll(columns(loaded.toByteArray()));
        }
        assertThat(mine).as(edit.describe() + (wasStreamed ? " (streamed)" : "")).isEqualTo(theirs);
        // Rows moved: POI sets the dimension from the first to the last row, empty ones too (equal above)
        if (wasStreamed && dimensionProblem(xlsx) == null && !(edit instanceof WorkbookEdit.ShiftLines)) {
            assertThat(dimensionProblem(streamed.toByteArray())).isNull();
        }
        return new Edited(streamed.toByteArray(), streamedSummary, wasStreamed);
    }

    /**
     * Null when each sheet's dimension is the range from its first to its last cell (rows and
     * columns), else what differs. A streamed edit keeps that true, given a source where it was.
     */
    public static String dimensionProblem(byte[] xlsx) {
        Map<String, String> parts = LibreOffice.entries(xlsx);
        for (Element sheet : elements(parse(parts.get("xl/workbook.xml")).getDocumentElement(), "sheet")) {
            Document part = parse(parts.get(RawSheet.sheetPart(parts, sheet.getAttribute("name"))));
            List<Element> dims = elements(part.getDocumentElement(), "dimension");
            List<Element> cells = elements(part.getDocumentElement(), "c");
            if (dims.isEmpty() || cells.isEmpty()) {
                continue;
            }
            int r1 = Integer.MAX_VALUE, c1 = Integer.MAX_VALUE, r2 = -1, c2 = -1;
            for (Element c : cells) {
                CellReference ref = new CellReference(c.getAttribute("r"));
                r1 = Math.min(r1, ref.getRow());
                r2 = Math.max(r2, ref.getRow());
                c1 = Math.min(c1, ref.getCol());
                c2 = Math.max(c2, ref.getCol());
            }
            String cellsRange = new CellRange(r1, c1, r2, c2).toA1();
            if (!dims.get(0).getAttribute("ref").equals(cellsRange)) {
                return sheet.getAttribute("name") + " has dimension " + dims.get(0).getAttribute("ref") + ", cells "
                        + cellsRange;
            }
        }
        return null;
    }

    /** Every sheet's cells (value, formula, style), dimension, and the calculation flag, by name. */
    public static Map<String, String> snapshot(byte[] xlsx) {
        Map<String, String> parts = LibreOffice.entries(xlsx);
        Map<String, String> all = new LinkedHashMap<>();
        Document workbook = parse(parts.get("xl/workbook.xml"));
        for (Element sheet : elements(workbook.getDocumentElement(), "sheet")) {
            String name = sheet.getAttribute("name");
            RawSheet.cells(xlsx, name).forEach((ref, value) -> all.put(name + "!" + ref, shortened(number(value))));
            Document part = parse(parts.get(RawSheet.sheetPart(parts, name)));
            for (Element c : elements(part.getDocumentElement(), "c")) {
                String style = c.getAttribute("s");
                String key = name + "!" + c.getAttribute("r");
                all.merge(key, " s=" + (style.isEmpty() ? "0" : style), String::concat);
            }
            for (Element d : elements(part.getDocumentElement(), "dimension")) {
                all.put(name + "!dimension", d.getAttribute("ref"));
            }
        }
        for (Element calc : elements(workbook.getDocumentElement(), "calcPr")) {
            String full = calc.getAttribute("fullCalcOnLoad");
            all.put("calcPr", "fullCalcOnLoad=" + (full.equals("true") ? "1" : full.equals("false") ? "0" : full)
                    + " calcMode=" + calc.getAttribute("calcMode"));
        }
        return all;
    }

    /** Every sheet's col ranges, read as raw XML: "min:max width hidden style", numbers compared as numbers. */
    public static Map<String, String> columns(byte[] xlsx) {
        Map<String, String> parts = LibreOffice.entries(xlsx);
        Map<String, String> all = new LinkedHashMap<>();
        for (Element sheet : elements(parse(parts.get("xl/workbook.xml")).getDocumentElement(), "sheet")) {
            String name = sheet.getAttribute("name");
            StringBuilder cols = new StringBuilder();
            for (Element col : elements(parse(parts.get(RawSheet.sheetPart(parts, name))).getDocumentElement(), "col")) {
                String width = col.getAttribute("width");
                String hidden = col.getAttribute("hidden");
                cols.append(col.getAttribute("min")).append(':').append(col.getAttribute("max")).append(" w=")
                        .append(width.isEmpty() ? "-" : new BigDecimal(width).stripTrailingZeros().toPlainString())
                        .append(" hidden=").append(hidden.equals("1") || hidden.equals("true"))
                        .append(" s=").append(col.getAttribute("style").isEmpty() ? "0" : col.getAttribute("style"))
                        .append("; ");
            }
            all.put(name + "!cols", cols.toString());
        }
        return all;
    }

    /** Long text as its length and hash, so a failure stays readable. */
    private static String shortened(String value) {
        return value.length() <= 200 ? value : value.substring(0, 40) + "...(" + value.length() + " chars, hash "
                + value.hashCode() + ")";
    }

    /** Numbers compared as numbers: one writer saves "5", another "5.0". */
    private static String number(String value) {
        int at = value.indexOf("n:");
        if (at < 0 || (at > 0 && value.charAt(at - 1) != ' ')) {
            return value;
        }
        return value.substring(0, at) + "n:" + new BigDecimal(value.substring(at + 2)).stripTrailingZeros()
                .toPlainString();
    }

    private static Document parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static java.util.List<Element> elements(Element root, String localName) {
        java.util.List<Element> found = new java.util.ArrayList<>();
        NodeList nodes = root.getElementsByTagNameNS("*", localName);
        for (int i = 0; i < nodes.getLength(); i++) {
            found.add((Element) nodes.item(i));
        }
        return found;
    }
}
