package dev.sheetsmith.engine.xlsx.edit.pivot;

import dev.sheetsmith.domain.CellRange;
import dev.sheetsmith.domain.InvalidInputException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.namespace.QName;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.AreaReference;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.ooxml.POIXMLDocumentPart;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFFactory;
import org.apache.poi.xssf.usermodel.XSSFPivotCacheRecords;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.apache.poi.xssf.usermodel.XSSFPivotTable;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.xmlbeans.XmlCursor;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTCacheField;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTDataField;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTField;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTLocation;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTPivotCacheDefinition;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTPivotCacheRecords;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTPivotField;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTPivotTableDefinition;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTSharedItems;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTWorksheetSource;

/**
 * Refreshes a pivot table the way Excel does: reads its source range, fills the cache records,
 * and writes the rendered table into the sheet's cells, so every reader (read_range, previews,
 * models, LibreOffice and Excel before they refresh) sees the numbers. The options are read back
 * from the pivot's own definition, so a pivot is computed the same way when it is made and every
 * time its source is edited.
 */
public final class PivotRefresh {

    /** Marks the pivots Sheetsmith made and keeps computed; others are Excel's to refresh. */
    public static final String TAG = "sheetsmith";

    private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT);

    private PivotRefresh() {
    }

    public static boolean ours(XSSFPivotTable pivot) {
        return TAG.equals(pivot.getCTPivotTableDefinition().getTag());
    }

    /** Refreshes every pivot Sheetsmith made in the workbook; returns how many. */
    public static int all(XSSFWorkbook wb) {
        int n = 0;
        for (int i = 0; i < wb.getNumberOfSheets(); i++) {
            XSSFSheet sheet = wb.getSheetAt(i);
            for (XSSFPivotTable pivot : sheet.getPivotTables()) {
                if (ours(pivot) && refresh(wb, sheet, pivot) != null) {
                    n++;
                }
            }
        }
        return n;
    }

    /** As Excel does: a pivot whose source sheet is renamed keeps reading it under its new name. */
    public static void sheetRenamed(XSSFWorkbook wb, String old, String now) {
        for (int i = 0; i < wb.getNumberOfSheets(); i++) {
            for (XSSFPivotTable pivot : wb.getSheetAt(i).getPivotTables()) {
                CTWorksheetSource ws = pivot.getPivotCacheDefinition().getCTPivotCacheDefinition().getCacheSource()
                        .getWorksheetSource();
                if (ws != null && ws.isSetSheet() && ws.getSheet().equalsIgnoreCase(old)) {
                    ws.setSheet(now);
                }
            }
        }
    }

    /**
     * As Excel does when rows or columns are inserted or deleted: a pivot's source range and its
     * own place move and stretch with the lines (0-based {@code at}), so a refresh reads the same
     * data and writes where the table now is.
     */
    public static void linesShifted(XSSFWorkbook wb, String sheet, boolean rows, boolean insert, int at, int count) {
        for (int i = 0; i < wb.getNumberOfSheets(); i++) {
            XSSFSheet holder = wb.getSheetAt(i);
            for (XSSFPivotTable pivot : holder.getPivotTables()) {
                CTWorksheetSource ws = pivot.getPivotCacheDefinition().getCTPivotCacheDefinition().getCacheSource()
                        .getWorksheetSource();
                if (ws != null && ws.isSetSheet() && ws.isSetRef() && ws.getSheet().equalsIgnoreCase(sheet)) {
                    CellRange moved = shift(CellRange.parse(ws.getRef()), rows, insert, at, count);
                    if (moved != null) {
                        ws.setRef(moved.toA1());
                    }
                }
                CTLocation location = pivot.getCTPivotTableDefinition().getLocation();
                if (holder.getSheetName().equalsIgnoreCase(sheet) && location != null) {
                    CellRange moved = shift(CellRange.parse(location.getRef()), rows, insert, at, count);
                    if (moved != null) {
                        location.setRef(moved.toA1());
                    }
                }
            }
        }
    }

    private static CellRange shift(CellRange r, boolean rows, boolean insert, int at, int count) {
        int first = rows ? r.firstRow() : r.firstColumn();
        int last = rows ? r.lastRow() : r.lastColumn();
        if (insert) {
            if (at <= first) {
                first += count;
                last += count;
            } else if (at <= last) {
                last += count;
            }
        } else {
            int end = at + count - 1;
            first = first > end ? first - count : first >= at ? at : first;
            last = last > end ? last - count : last >= at ? at - 1 : last;
            if (last < first) {
                return null;
            }
        }
        return rows ? new CellRange(first, r.firstColumn(), last, r.lastColumn())
                : new CellRange(r.firstRow(), first, r.lastRow(), last);
    }

    /**
     * Recomputes one pivot; returns the range its cells now cover, or null when its source sheet
     * is gone (the cells are left as they were).
     */
    public static CellRange refresh(XSSFWorkbook wb, XSSFSheet sheet, XSSFPivotTable pivot) {
        CTPivotCacheDefinition cache = pivot.getPivotCacheDefinition().getCTPivotCacheDefinition();
        CTWorksheetSource ws = cache.getCacheSource().getWorksheetSource();
        XSSFSheet source = ws == null || !ws.isSetSheet() ? null : wb.getSheet(ws.getSheet());
        if (source == null || !ws.isSetRef()) {
            return null;
        }
        AreaReference area = new AreaReference(ws.getRef(), wb.getSpreadsheetVersion());
        CellReference first = area.getFirstCell();
        CellReference last = area.getLastCell();
        int width = last.getCol() - first.getCol() + 1;
        List<String> names = new ArrayList<>();
        DataFormatter formatter = new DataFormatter(Locale.ROOT);
        Row header = source.getRow(first.getRow());
        for (int c = 0; c < width; c++) {
            Cell cell = header == null ? null : header.getCell(first.getCol() + c);
            names.add(cell == null ? "" : formatter.formatCellValue(cell).strip());
        }
        List<Object[]> records = new ArrayList<>();
        String[] formats = new String[width];
        boolean[] dates = new boolean[width];
        boolean[] notDates = new boolean[width];
        for (int r = first.getRow() + 1; r <= last.getRow(); r++) {
            Row row = source.getRow(r);
            Object[] record = new Object[width];
            for (int c = 0; c < width; c++) {
                Cell cell = row == null ? null : row.getCell(first.getCol() + c);
                record[c] = value(cell);
                if (record[c] instanceof Double) {
                    if (DateUtil.isCellDateFormatted(cell)) {
                        dates[c] = true;
                        formats[c] = formats[c] == null ? cell.getCellStyle().getDataFormatString() : formats[c];
                    } else {
                        notDates[c] = true;
                    }
                } else if (record[c] != null) {
                    notDates[c] = true;
                }
            }
            records.add(record);
        }
        CTPivotTableDefinition def = pivot.getCTPivotTableDefinition();
        List<String> dateFormats = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            dateFormats.add(dates[c] && !notDates[c] ? formats[c] : null);
        }
        PivotModel model = model(wb, def, names, dateFormats);
        PivotGrid.Grid grid = PivotGrid.compute(model, records);
        CellRange at = CellRange.parse(def.getLocation().getRef());
        CellRange needs = new CellRange(at.firstRow(), at.firstColumn(), at.firstRow() + grid.height() - 1,
                at.firstColumn() + grid.width() - 1);
        CellRange from = new CellRange(first.getRow(), first.getCol(), last.getRow(), last.getCol());
        if (sheet == source && overlaps(needs, from)) {
            throw new InvalidInputException("pivot table '" + def.getName() + "' would need " + needs.toA1()
                    + " on sheet '" + sheet.getSheetName() + "', over its own source " + from.toA1()
                    + "; put it elsewhere (target_sheet, target_cell)");
        }
        writeRecords(pivot, cache, records, dates, notDates);
        return writeCells(wb, sheet, def, model, grid);
    }

    private static boolean overlaps(CellRange a, CellRange b) {
        return a.firstRow() <= b.lastRow() && b.firstRow() <= a.lastRow() && a.firstColumn() <= b.lastColumn()
                && b.firstColumn() <= a.lastColumn();
    }

    /** The options as the definition holds them (see {@link #define}). */
    static PivotModel model(XSSFWorkbook wb, CTPivotTableDefinition def, List<String> names,
            List<String> dateFormats) {
        List<Integer> rows = new ArrayList<>();
        if (def.isSetRowFields()) {
            for (CTField f : def.getRowFields().getFieldArray()) {
                rows.add(f.getX());
            }
        }
        List<Integer> columns = new ArrayList<>();
        if (def.isSetColFields()) {
            for (CTField f : def.getColFields().getFieldArray()) {
                columns.add(f.getX());
            }
        }
        List<PivotModel.DataField> data = new ArrayList<>();
        if (def.isSetDataFields()) {
            for (CTDataField f : def.getDataFields().getDataFieldArray()) {
                String function = f.isSetSubtotal() ? f.getSubtotal().toString() : "sum";
                String format = f.isSetNumFmtId() && f.getNumFmtId() != 0
                        ? wb.createDataFormat().getFormat((short) f.getNumFmtId()) : null;
                data.add(new PivotModel.DataField((int) f.getFld(), function,
                        f.isSetName() ? f.getName() : PivotModel.caption(function, names.get((int) f.getFld())), format));
            }
        }
        // A single value has no Values field on an axis, whatever POI left there.
        if (data.size() < 2) {
            rows.remove(Integer.valueOf(PivotModel.VALUES));
            columns.remove(Integer.valueOf(PivotModel.VALUES));
        }
        List<Integer> axis = new ArrayList<>(rows);
        axis.addAll(columns);
        axis.remove(Integer.valueOf(PivotModel.VALUES));
        CTPivotField lead = axis.isEmpty() ? null : def.getPivotFields().getPivotFieldArray(axis.get(0));
        boolean compact = lead == null || !lead.isSetCompact() || lead.getCompact();
        boolean outline = lead == null || !lead.isSetOutline() || lead.getOutline();
        PivotModel.Layout layout = compact ? PivotModel.Layout.COMPACT
                : outline ? PivotModel.Layout.OUTLINE : PivotModel.Layout.TABULAR;
        boolean subtotals = lead == null || !lead.isSetDefaultSubtotal() || lead.getDefaultSubtotal();
        boolean grandRow = !def.isSetColGrandTotals() || def.getColGrandTotals();
        boolean grandColumn = !def.isSetRowGrandTotals() || def.getRowGrandTotals();
        return new PivotModel(names, rows, columns, data, layout, subtotals, grandRow, grandColumn, dateFormats);
    }

    /** Writes the layout options into the definition, where Excel and LibreOffice read them too. */
    public static void define(CTPivotTableDefinition def, PivotModel.Layout layout, boolean subtotals,
            boolean grandTotalRow, boolean grandTotalColumn) {
        boolean compact = layout == PivotModel.Layout.COMPACT;
        boolean outline = layout != PivotModel.Layout.TABULAR;
        def.setCompact(compact);
        def.setCompactData(compact);
        def.setOutline(outline);
        def.setOutlineData(outline);
        def.setGridDropZones(false);
        def.setColGrandTotals(grandTotalRow);
        def.setRowGrandTotals(grandTotalColumn);
        for (CTPivotField field : def.getPivotFields().getPivotFieldArray()) {
            field.setCompact(compact);
            field.setOutline(outline);
            field.setDefaultSubtotal(subtotals);
            if (!subtotals && field.isSetItems()) {
                // Without a subtotal a field lists no "default" item.
                var items = field.getItems();
                for (int i = items.sizeOfItemArray() - 1; i >= 0; i--) {
                    if (items.getItemArray(i).isSetT()) {
                        items.removeItem(i);
                    }
                }
                if (items.sizeOfItemArray() == 0) {
                    field.unsetItems();
                } else {
                    items.setCount(items.sizeOfItemArray());
                }
            }
        }
        def.setTag(TAG);
    }

    static Object value(Cell cell) {
        if (cell == null) {
            return null;
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case NUMERIC -> cell.getNumericCellValue();
            case STRING -> {
                String s = cell.getStringCellValue();
                yield s.isEmpty() ? null : s;
            }
            case BOOLEAN -> cell.getBooleanCellValue();
            case ERROR -> new PivotGrid.ErrorValue(FormulaError.forInt(cell.getErrorCellValue()).getString());
            default -> null;
        };
    }

    // ---- the cache

    private static void writeRecords(XSSFPivotTable pivot, CTPivotCacheDefinition cache, List<Object[]> records,
            boolean[] dates, boolean[] notDates) {
        int width = dates.length;
        for (int c = 0; c < width && c < cache.getCacheFields().sizeOfCacheFieldArray(); c++) {
            CTCacheField field = cache.getCacheFields().getCacheFieldArray(c);
            CTSharedItems shared = field.isSetSharedItems() ? field.getSharedItems() : field.addNewSharedItems();
            describe(shared, records, c, dates[c] && !notDates[c]);
        }
        cache.setRecordCount(records.size());
        CTPivotCacheRecords ct = recordsPart(pivot).getCtPivotCacheRecords();
        try (XmlCursor clear = ct.newCursor()) {
            if (clear.toFirstChild()) {
                while (clear.removeXml()) {
                    // removeXml moves to the next sibling
                }
            }
        }
        try (XmlCursor cursor = ct.newCursor()) {
            cursor.toEndToken();
            for (Object[] record : records) {
                cursor.beginElement(new QName(MAIN, "r"));
                for (int c = 0; c < width; c++) {
                    Object v = record[c];
                    boolean date = dates[c] && !notDates[c];
                    if (v == null) {
                        cursor.insertElement(new QName(MAIN, "m"));
                    } else {
                        String tag = v instanceof Double ? (date ? "d" : "n") : v instanceof Boolean ? "b"
                                : v instanceof PivotGrid.ErrorValue ? "e" : "s";
                        String text = v instanceof Double d && date ? ISO.format(DateUtil.getLocalDateTime(d))
                                : v instanceof Double d ? number(d) : v instanceof Boolean b ? (b ? "1" : "0")
                                        : v instanceof PivotGrid.ErrorValue e ? e.text() : v.toString();
                        cursor.beginElement(new QName(MAIN, tag));
                        cursor.insertAttributeWithValue("v", text);
                        cursor.toEndToken();
                        cursor.toNextToken();
                    }
                }
                cursor.toEndToken();
                cursor.toNextToken();
            }
        }
        ct.setCount(records.size());
    }

    /** POI links the records to a pivot it made, not to one it read: find them under the cache definition. */
    private static XSSFPivotCacheRecords recordsPart(XSSFPivotTable pivot) {
        for (POIXMLDocumentPart part : pivot.getPivotCacheDefinition().getRelations()) {
            if (part instanceof XSSFPivotCacheRecords records) {
                return records;
            }
        }
        XSSFPivotCacheRecords made = (XSSFPivotCacheRecords) pivot.getPivotCacheDefinition().createRelationship(
                XSSFRelation.PIVOT_CACHE_RECORDS, XSSFFactory.getInstance(), pivot.getPivotCacheDefinition()
                        .getPackagePart().getPartName().getName().replaceAll("\\D", "").isEmpty() ? 1
                        : Integer.parseInt(pivot.getPivotCacheDefinition().getPackagePart().getPartName().getName()
                                .replaceAll("\\D", "")));
        return made;
    }

    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    /** What kinds of value a cache field holds; Excel checks the records against it. */
    private static void describe(CTSharedItems shared, List<Object[]> records, int c, boolean date) {
        boolean blank = false;
        boolean string = false;
        boolean number = false;
        boolean integer = true;
        boolean other = false;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Object[] record : records) {
            Object v = record[c];
            if (v == null) {
                blank = true;
            } else if (v instanceof Double d) {
                number = true;
                integer &= d == Math.rint(d);
                min = Math.min(min, d);
                max = Math.max(max, d);
            } else if (v instanceof String) {
                string = true;
            } else {
                other = true;
            }
        }
        for (String attribute : List.of("containsBlank", "containsString", "containsNumber", "containsInteger",
                "containsSemiMixedTypes", "containsNonDate", "containsDate", "containsMixedTypes", "minValue",
                "maxValue", "minDate", "maxDate")) {
            try (XmlCursor cursor = shared.newCursor()) {
                cursor.removeAttribute(new QName("", attribute));
            }
        }
        int kinds = (string ? 1 : 0) + (number ? 1 : 0) + (other ? 1 : 0);
        if (!string && !other) {
            shared.setContainsSemiMixedTypes(blank);
            shared.setContainsString(false);
        }
        if (number && date) {
            shared.setContainsNonDate(false);
            shared.setContainsDate(true);
            shared.setMinDate(calendar(min));
            shared.setMaxDate(calendar(max));
        } else if (number) {
            shared.setContainsNumber(true);
            if (integer) {
                shared.setContainsInteger(true);
            }
            shared.setMinValue(min);
            shared.setMaxValue(max);
        }
        if (kinds > 1) {
            shared.setContainsMixedTypes(true);
        }
        if (blank) {
            shared.setContainsBlank(true);
        }
    }

    private static java.util.Calendar calendar(double serial) {
        LocalDateTime at = DateUtil.getLocalDateTime(serial);
        java.util.GregorianCalendar cal = new java.util.GregorianCalendar(java.util.TimeZone.getTimeZone("UTC"),
                Locale.ROOT);
        cal.clear();
        cal.set(at.getYear(), at.getMonthValue() - 1, at.getDayOfMonth(), at.getHour(), at.getMinute(),
                at.getSecond());
        return cal;
    }

    // ---- the cells

    private static CellRange writeCells(XSSFWorkbook wb, XSSFSheet sheet, CTPivotTableDefinition def,
            PivotModel model, PivotGrid.Grid grid) {
        CTLocation location = def.getLocation();
        CellRange old = CellRange.parse(location.getRef());
        int top = old.firstRow();
        int left = old.firstColumn();
        for (int r = old.firstRow(); r <= old.lastRow(); r++) {
            Row row = sheet.getRow(r);
            for (int c = old.firstColumn(); row != null && c <= old.lastColumn(); c++) {
                Cell cell = row.getCell(c);
                if (cell != null) {
                    row.removeCell(cell);
                }
            }
        }
        Map<String, XSSFCellStyle> styles = new HashMap<>();
        for (int r = 0; r < grid.height(); r++) {
            Row row = sheet.getRow(top + r) == null ? sheet.createRow(top + r) : sheet.getRow(top + r);
            for (int c = 0; c < grid.width(); c++) {
                Object v = grid.cells()[r][c];
                if (v == null) {
                    continue;
                }
                Cell cell = row.createCell(left + c);
                if (v instanceof Double d) {
                    cell.setCellValue(d);
                } else if (v instanceof PivotGrid.DateLabel date) {
                    cell.setCellValue(date.serial());
                    cell.setCellStyle(styles.computeIfAbsent(date.format(), f -> {
                        XSSFCellStyle style = wb.createCellStyle();
                        style.setDataFormat(wb.createDataFormat().getFormat(f));
                        return style;
                    }));
                } else if (v instanceof Boolean b) {
                    cell.setCellValue(b);
                } else if (v instanceof PivotGrid.ErrorValue e) {
                    cell.setCellErrorValue(FormulaError.forString(e.text()).getCode());
                } else {
                    cell.setCellValue(v.toString());
                }
                int df = grid.dataField()[r][c];
                String format = df < 0 ? null : model.dataFields().get(df).numberFormat();
                if (format != null) {
                    cell.setCellStyle(styles.computeIfAbsent(format, f -> {
                        XSSFCellStyle style = wb.createCellStyle();
                        style.setDataFormat(wb.createDataFormat().getFormat(f));
                        return style;
                    }));
                }
            }
        }
        // Report filters sit above the table, one per row, then a blank row: "Channel | (All)".
        int filters = def.isSetPageFields() ? def.getPageFields().sizeOfPageFieldArray() : 0;
        for (int i = 0; i < filters && top - 1 - filters >= 0; i++) {
            int field = def.getPageFields().getPageFieldArray(i).getFld();
            Row row = sheet.getRow(top - 1 - filters + i) == null ? sheet.createRow(top - 1 - filters + i)
                    : sheet.getRow(top - 1 - filters + i);
            row.createCell(left).setCellValue(model.fieldNames().get(field));
            row.createCell(left + 1).setCellValue("(All)");
        }
        CellRange now = new CellRange(top, left, top + Math.max(1, grid.height()) - 1,
                left + Math.max(1, grid.width()) - 1);
        location.setRef(now.toA1());
        location.setFirstHeaderRow(1);
        location.setFirstDataRow(Math.max(1, grid.headerRows()));
        location.setFirstDataCol(grid.labelColumns());
        return now;
    }
}
