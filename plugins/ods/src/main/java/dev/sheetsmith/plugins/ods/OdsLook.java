package dev.sheetsmith.plugins.ods;

import dev.sheetsmith.spi.CellStyle;
import dev.sheetsmith.spi.SheetFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a sheet read from an .ods looks, as {@link SheetFormat}: each cell's style (its own, else its
 * row's default, else its column's), gathered into areas (runs of equal styles along a row, then
 * runs of equal rows down the sheet), so a styled table becomes a few areas, not one per cell;
 * merged areas; column widths and row heights. Only the sheet's used extent (the rows and columns
 * that hold values) is styled: LibreOffice gives whole columns a style down to row 1,048,576.
 */
final class OdsLook {

    /** One run of equal styles along a row, columns first to last. */
    private record Segment(int first, int last, CellStyle style) {
    }

    private OdsLook() {
    }

    static SheetFormat of(OdsReader.Parsed sheet, OdsStyles styles) {
        int height = sheet.rows.size();
        int width = 0;
        for (var row : sheet.rows) {
            width = Math.max(width, row.size());
        }
        if (height == 0 || width == 0) {
            return SheetFormat.NONE;
        }
        String[] columnStyles = new String[width];
        String[] columnCells = new String[width];
        for (OdsReader.Run run : sheet.columns) {
            for (long c = run.first(); c < Math.min(width, run.first() + run.count()); c++) {
                columnStyles[(int) c] = run.style();
                columnCells[(int) c] = run.cellStyle();
            }
        }
        // areas still growing down the sheet, by their run; closed ones in order
        List<SheetFormat.Styled> styled = new ArrayList<>();
        Map<Segment, int[]> open = new HashMap<>();
        Map<List<OdsReader.Run>, List<Segment>> seen = new IdentityHashMap<>();
        for (int r = 0; r < height; r++) {
            List<Segment> segments = seen.computeIfAbsent(sheet.runs.get(r), runs -> segments(runs, columnCells,
                    styles));
            Map<Segment, int[]> next = new HashMap<>();
            for (Segment segment : segments) {
                int[] area = open.remove(segment);
                if (area == null) {
                    area = new int[] {r, r};
                }
                area[1] = r;
                next.put(segment, area);
            }
            close(open, styled);
            open = next;
        }
        close(open, styled);
        Map<Integer, Double> widths = new HashMap<>();
        for (int c = 0; c < width; c++) {
            Optional<Double> w = styles.columnWidth(columnStyles[c]);
            if (w.isPresent()) {
                widths.put(c, w.get());
            }
        }
        Map<Integer, Double> heights = new HashMap<>();
        for (int r = 0; r < height; r++) {
            Optional<Double> h = styles.rowHeight(sheet.rowStyles.get(r));
            if (h.isPresent()) {
                heights.put(r, h.get());
            }
        }
        return new SheetFormat(styled, sheet.merged, widths, heights);
    }

    private static void close(Map<Segment, int[]> open, List<SheetFormat.Styled> styled) {
        for (Map.Entry<Segment, int[]> done : open.entrySet()) {
            Segment s = done.getKey();
            styled.add(new SheetFormat.Styled(new SheetFormat.Area(done.getValue()[0], s.first(), done.getValue()[1],
                    s.last()), s.style()));
        }
    }

    /** A row's runs as segments of equal styles within the used columns; unstyled cells left out. */
    private static List<Segment> segments(List<OdsReader.Run> runs, String[] columnCells, OdsStyles styles) {
        int width = columnCells.length;
        CellStyle[] cells = new CellStyle[width];
        int c = 0;
        for (OdsReader.Run run : runs) {
            for (long i = run.first(); i < Math.min(width, run.first() + run.count()); i++) {
                c = (int) i;
                cells[c] = styles.cell(run.style()).orElse(null);
            }
        }
        boolean[] named = new boolean[width];
        for (OdsReader.Run run : runs) {
            for (long i = run.first(); i < Math.min(width, run.first() + run.count()); i++) {
                named[(int) i] = run.style() != null;
            }
        }
        for (int i = 0; i < width; i++) {
            if (!named[i]) {
                cells[i] = styles.cell(columnCells[i]).orElse(null);
            }
        }
        List<Segment> segments = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= width; i++) {
            if (i == width || !Objects.equals(cells[i], cells[start])) {
                if (cells[start] != null) {
                    segments.add(new Segment(start, i - 1, cells[start]));
                }
                start = i;
            }
        }
        return segments;
    }
}
