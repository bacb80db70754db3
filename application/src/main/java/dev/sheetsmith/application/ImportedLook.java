package dev.sheetsmith.application;

import dev.sheetsmith.domain.CellFormat;
import dev.sheetsmith.domain.CellRange;
import dev.sheetsmith.domain.CellValue;
import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.SheetData;
import dev.sheetsmith.domain.SheetInput;
import dev.sheetsmith.domain.SheetLayout;
import dev.sheetsmith.domain.WorkbookData;
import dev.sheetsmith.domain.WorkbookEdit;
import dev.sheetsmith.spi.CellStyle;
import dev.sheetsmith.spi.SheetFormat;
import dev.sheetsmith.spi.SheetView;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the sheets a plugin read look ({@link SheetFormat}: styles, merges, widths, heights), as the
 * edits that give a new xlsx that look (format_range, merge_cells, set_sheet_layout), applied in
 * one pass before the file is stored. The xlsx editor shares one style among equal changes, so a
 * file's distinct styles, not its cells, decide how many styles the xlsx gets; past
 * {@link #MAX_STYLES} distinct ones (Excel holds about 64,000) the rest are left out, and said.
 * What a plugin hands over that an xlsx cannot take (a colour that is not RRGGBB, a size out of
 * range) is dropped; the values stay.
 */
final class ImportedLook {

    /** Distinct styles one import keeps. */
    static final int MAX_STYLES = 4_000;
    /** Edits one import makes for its look; a sheet styled cell by cell past this keeps the first ones. */
    static final int MAX_EDITS = 200_000;
    /** Merged areas one sheet keeps. */
    static final int MAX_MERGES = 2_000;

    private final List<WorkbookEdit> edits = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<CellStyle, CellFormat> formats = new HashMap<>();
    private int styledAreasLeftOut;
    private int stylesLeftOut;
    /** The styles kept: those that cover the most cells when a file has more than {@link #MAX_STYLES}. */
    private final Set<CellStyle> kept = new HashSet<>();

    private ImportedLook() {
    }

    /** The edits, and notes on what was left out. */
    record Result(List<WorkbookEdit> edits, List<String> notes) {
    }

    static Result of(List<SheetView> views, WorkbookData data) {
        ImportedLook look = new ImportedLook();
        Map<String, SheetData> sheets = new HashMap<>();
        data.sheets().forEach(s -> sheets.put(s.name(), s));
        Map<CellStyle, Long> cells = new LinkedHashMap<>();
        for (SheetView view : views) {
            if (view.format() != null) {
                for (SheetFormat.Styled styled : view.format().styles()) {
                    SheetFormat.Area a = styled.area();
                    cells.merge(styled.style(), (long) (a.lastRow() - a.firstRow() + 1)
                            * (a.lastColumn() - a.firstColumn() + 1), Long::sum);
                }
            }
        }
        cells.entrySet().stream().sorted(Map.Entry.<CellStyle, Long>comparingByValue().reversed()).limit(MAX_STYLES)
                .forEach(e -> look.kept.add(e.getKey()));
        look.stylesLeftOut = cells.size() - look.kept.size();
        for (SheetView view : views) {
            SheetFormat format = view.format();
            SheetData sheet = sheets.get(view.name());
            if (format == null || sheet == null || sheet.rowCount() == 0 || sheet.columnCount() == 0) {
                continue;
            }
            look.sheet(sheet, format);
        }
        if (look.stylesLeftOut > 0) {
            look.notes.add("the file has " + (look.stylesLeftOut + MAX_STYLES) + " distinct cell styles; the "
                    + MAX_STYLES + " that cover the most cells were kept, " + look.stylesLeftOut + " cell style(s) past"
                    + " the first " + MAX_STYLES + " distinct ones were left out (the cells keep their values)");
        }
        if (look.styledAreasLeftOut > 0) {
            look.notes.add(look.styledAreasLeftOut + " styled area(s) past the first " + MAX_EDITS + " were left out"
                    + " (the cells keep their values)");
        }
        return new Result(List.copyOf(look.edits), List.copyOf(look.notes));
    }

    private void sheet(SheetData sheet, SheetFormat format) {
        int lastRow = Math.min(sheet.rowCount(), SheetInput.MAX_ROWS) - 1;
        int lastColumn = Math.min(sheet.columnCount(), SheetInput.MAX_COLUMNS) - 1;
        if (sheet.hasHeaderRow() && !format.styles().isEmpty()) {
            // the writer makes a header row bold; a file that tells its look is bold only where it says so
            edits.add(new WorkbookEdit.FormatRange(sheet.name(), new CellRange(0, 0, 0, sheet.headers().size() - 1),
                    new CellFormat(new CellFormat.Font(false, null, null, null, null, null), null, null, null, null)));
        }
        for (SheetFormat.Styled styled : format.styles()) {
            SheetFormat.Area a = styled.area();
            if (a.firstRow() > lastRow || a.firstColumn() > lastColumn) {
                continue;
            }
            CellRange range = new CellRange(a.firstRow(), a.firstColumn(), Math.min(a.lastRow(), lastRow),
                    Math.min(a.lastColumn(), lastColumn));
            style(sheet.name(), range, styled.style());
        }
        List<CellRange> merged = new ArrayList<>();
        for (SheetFormat.Area a : format.merged()) {
            if (merged.size() >= MAX_MERGES || a.firstRow() > SheetInput.MAX_ROWS - 1
                    || a.lastColumn() > SheetInput.MAX_COLUMNS - 1 || a.lastRow() > SheetInput.MAX_ROWS - 1) {
                continue;
            }
            CellRange range = new CellRange(a.firstRow(), a.firstColumn(), a.lastRow(), a.lastColumn());
            if (range.cellCount() < 2 || merged.stream().anyMatch(m -> m.intersect(range) != null)) {
                continue;
            }
            String holding = otherValue(sheet, range);
            if (holding != null) {
                notes.add("sheet '" + sheet.name() + "', " + range.toA1() + ": not merged, since " + holding
                        + " holds a value too (all values kept)");
                continue;
            }
            merged.add(range);
            edits.add(new WorkbookEdit.MergeCells(sheet.name(), range, false));
        }
        Map<SheetLayout.Span, Double> widths = spans(format.columnWidths(), lastColumn, 255);
        Map<SheetLayout.Span, Double> heights = spans(format.rowHeights(), lastRow, 409);
        if (!widths.isEmpty() || !heights.isEmpty()) {
            edits.add(new WorkbookEdit.SetLayout(sheet.name(), new SheetLayout(widths, heights, null, null, null,
                    null, null, null, null, null, null, null, null, null, null)));
        }
    }

    /** Runs of equal sizes as spans; sizes outside 0..max, or past the used extent, left out. */
    private static Map<SheetLayout.Span, Double> spans(Map<Integer, Double> sizes, int last, double max) {
        Map<SheetLayout.Span, Double> spans = new LinkedHashMap<>();
        int start = -1;
        Double size = null;
        for (int i = 0; i <= last + 1; i++) {
            Double here = i <= last ? sizes.get(i) : null;
            if (here != null && (here.isNaN() || here < 0 || here > max)) {
                here = null;
            }
            if (size != null && !size.equals(here)) {
                spans.put(new SheetLayout.Span(start, i - 1), size);
                size = null;
            }
            if (here != null && size == null) {
                start = i;
                size = here;
            }
        }
        return spans;
    }

    /** The first cell inside {@code range} other than its top-left that holds a value, or null. */
    private static String otherValue(SheetData sheet, CellRange range) {
        for (int r = range.firstRow(); r <= Math.min(range.lastRow(), sheet.rowCount() - 1); r++) {
            for (int c = range.firstColumn(); c <= range.lastColumn(); c++) {
                if (r == range.firstRow() && c == range.firstColumn()) {
                    continue;
                }
                boolean holds;
                if (sheet.hasHeaderRow() && r == 0) {
                    holds = c < sheet.headers().size() && !sheet.headers().get(c).isEmpty();
                } else {
                    List<CellValue> row = sheet.rows().get(r - (sheet.hasHeaderRow() ? 1 : 0));
                    holds = c < row.size() && !(row.get(c) instanceof CellValue.Empty);
                }
                if (holds) {
                    return SheetInput.columnLetter(c) + (r + 1);
                }
            }
        }
        return null;
    }

    private void style(String sheet, CellRange range, CellStyle style) {
        if (!kept.contains(style)) {
            return;
        }
        CellFormat base = formats.computeIfAbsent(style, ImportedLook::format);
        List<WorkbookEdit> these = new ArrayList<>();
        if (base != null) {
            these.add(new WorkbookEdit.FormatRange(sheet, range, base));
        }
        // a border line per distinct line, on the sides that have it
        Map<CellStyle.Line, Set<CellFormat.Side>> lines = new LinkedHashMap<>();
        side(lines, style.top(), CellFormat.Side.TOP);
        side(lines, style.bottom(), CellFormat.Side.BOTTOM);
        side(lines, style.left(), CellFormat.Side.LEFT);
        side(lines, style.right(), CellFormat.Side.RIGHT);
        for (Map.Entry<CellStyle.Line, Set<CellFormat.Side>> line : lines.entrySet()) {
            String color = hex(line.getKey().color());
            borders(sheet, range, line.getKey().style(), color, line.getValue(), these);
        }
        if (edits.size() + these.size() > MAX_EDITS) {
            styledAreasLeftOut++;
            return;
        }
        edits.addAll(these);
    }

    private static void side(Map<CellStyle.Line, Set<CellFormat.Side>> lines, CellStyle.Line line,
            CellFormat.Side side) {
        if (line != null && CellFormat.BORDER_STYLES.contains(line.style())) {
            lines.computeIfAbsent(line, l -> EnumSet.noneOf(CellFormat.Side.class)).add(side);
        }
    }

    /**
     * Every cell of the range gets the line on {@code sides}: a side and its opposite together reach
     * the inner edges too; a side alone is given row by row (or column by column).
     */
    private static void borders(String sheet, CellRange range, String style, String color, Set<CellFormat.Side> sides,
            List<WorkbookEdit> out) {
        Set<CellFormat.Side> all = EnumSet.copyOf(sides);
        boolean rows = sides.contains(CellFormat.Side.TOP) != sides.contains(CellFormat.Side.BOTTOM)
                && range.rowCount() > 1;
        boolean columns = sides.contains(CellFormat.Side.LEFT) != sides.contains(CellFormat.Side.RIGHT)
                && range.columnCount() > 1;
        if (sides.contains(CellFormat.Side.TOP) && sides.contains(CellFormat.Side.BOTTOM)) {
            all.add(CellFormat.Side.INSIDE_HORIZONTAL);
        }
        if (sides.contains(CellFormat.Side.LEFT) && sides.contains(CellFormat.Side.RIGHT)) {
            all.add(CellFormat.Side.INSIDE_VERTICAL);
        }
        CellFormat.Border border = new CellFormat.Border(style, color, all);
        CellFormat format = new CellFormat(null, null, border, null, null);
        for (int r = range.firstRow(); r <= (rows ? range.lastRow() : range.firstRow()); r++) {
            for (int c = range.firstColumn(); c <= (columns ? range.lastColumn() : range.firstColumn()); c++) {
                out.add(new WorkbookEdit.FormatRange(sheet, new CellRange(r, c, rows ? r : range.lastRow(),
                        columns ? c : range.lastColumn()), format));
            }
        }
    }

    /** Font, fill, alignment and number format of a style; null when it has none an xlsx takes. */
    private static CellFormat format(CellStyle s) {
        CellFormat.Font font = null;
        String fontColor = hex(s.fontColor());
        String underline = s.underline() == null ? null : switch (s.underline()) {
            case "single", "double", "none" -> s.underline();
            default -> null;
        };
        Double size = s.fontSize() != null && s.fontSize() >= 1 && s.fontSize() <= 409 ? s.fontSize() : null;
        String name = s.fontName() != null && !s.fontName().isBlank() && s.fontName().length() <= 31 ? s.fontName()
                : null;
        if (s.bold() != null || s.italic() != null || underline != null || size != null || fontColor != null
                || name != null) {
            font = new CellFormat.Font(s.bold(), s.italic(), underline, size, fontColor, name);
        }
        CellFormat.Alignment alignment = null;
        String horizontal = s.horizontal() != null && CellFormat.HORIZONTAL.contains(s.horizontal()) ? s.horizontal()
                : null;
        String vertical = s.vertical() != null && CellFormat.VERTICAL.contains(s.vertical()) ? s.vertical() : null;
        if (horizontal != null || vertical != null || s.wrap() != null) {
            alignment = new CellFormat.Alignment(horizontal, vertical, s.wrap(), null, null);
        }
        String numberFormat = s.numberFormat() != null && !s.numberFormat().isBlank()
                && s.numberFormat().length() <= 255 ? s.numberFormat() : null;
        String fill = hex(s.fillColor());
        if (font == null && fill == null && alignment == null && numberFormat == null) {
            return null;
        }
        try {
            return new CellFormat(font, fill, null, alignment, numberFormat);
        } catch (InvalidInputException e) {
            return null;
        }
    }

    /** RRGGBB in capitals, or null for anything else. */
    private static String hex(String color) {
        return color != null && color.matches("[0-9A-Fa-f]{6}") ? color.toUpperCase(java.util.Locale.ROOT) : null;
    }
}
