package dev.sheetsmith.engine.xlsx.edit;

import dev.sheetsmith.domain.CellRange;
import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.PivotSpec;
import dev.sheetsmith.domain.SheetInput;
import dev.sheetsmith.engine.xlsx.edit.pivot.PivotModel;
import dev.sheetsmith.engine.xlsx.edit.pivot.PivotRefresh;
import dev.sheetsmith.engine.xlsx.poi.Ranges;
import dev.sheetsmith.engine.xlsx.poi.Sheets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataConsolidateFunction;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.AreaReference;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFPivotTable;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTColFields;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTItem;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTItems;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTPageField;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTPageFields;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTPivotField;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTPivotTableDefinition;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTRowFields;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.STAxis;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.STItemType;

/**
 * create_pivot_table. POI writes the pivot's definition and cache definition; {@link PivotRefresh}
 * computes its cells and cache records as Excel does on refresh, so readers see the numbers before
 * Excel or LibreOffice ever opened the file (they refresh it again on open: refreshOnLoad).
 */
final class Pivots {

    private static final Map<String, DataConsolidateFunction> FUNCTIONS = Map.ofEntries(
            Map.entry("sum", DataConsolidateFunction.SUM), Map.entry("count", DataConsolidateFunction.COUNT),
            Map.entry("average", DataConsolidateFunction.AVERAGE), Map.entry("min", DataConsolidateFunction.MIN),
            Map.entry("max", DataConsolidateFunction.MAX), Map.entry("product", DataConsolidateFunction.PRODUCT),
            Map.entry("count_numbers", DataConsolidateFunction.COUNT_NUMS),
            Map.entry("stddev", DataConsolidateFunction.STD_DEV), Map.entry("stddevp", DataConsolidateFunction.STD_DEVP),
            Map.entry("var", DataConsolidateFunction.VAR), Map.entry("varp", DataConsolidateFunction.VARP));
    /** The domain's function names as the file (and Excel's captions) spell them. */
    private static final Map<String, String> OOXML = Map.ofEntries(Map.entry("sum", "sum"),
            Map.entry("count", "count"), Map.entry("average", "average"), Map.entry("min", "min"),
            Map.entry("max", "max"), Map.entry("product", "product"), Map.entry("count_numbers", "countNums"),
            Map.entry("stddev", "stdDev"), Map.entry("stddevp", "stdDevp"), Map.entry("var", "var"),
            Map.entry("varp", "varp"));

    private Pivots() {
    }

    static String create(XSSFWorkbook wb, XSSFSheet source, PivotSpec spec) {
        CellRange range = spec.source() != null ? spec.source() : Ranges.usedRange(source);
        if (spec.source() == null && range != null) {
            // A table's totals row at the bottom of the used range is not data.
            for (var table : source.getTables()) {
                if (table.getTotalsRowCount() > 0 && table.getEndRowIndex() == range.lastRow() && range.rowCount() > 2) {
                    range = new CellRange(range.firstRow(), range.firstColumn(), range.lastRow() - 1, range.lastColumn());
                }
            }
        }
        if (range == null || range.rowCount() < 2) {
            throw new InvalidInputException("sheet '" + source.getSheetName() + "' has no data under a header row to"
                    + " pivot" + (spec.source() == null ? "" : " in " + spec.source().toA1()));
        }
        Map<String, Integer> fields = headers(source, range);
        XSSFSheet target;
        boolean newSheet;
        if (spec.targetSheet() != null && wb.getSheet(spec.targetSheet()) == null
                && !exists(wb, spec.targetSheet())) {
            target = null;
            newSheet = true;
        } else if (spec.targetSheet() != null) {
            target = (XSSFSheet) Sheets.sheet(wb, spec.targetSheet());
            newSheet = false;
        } else {
            target = null;
            newSheet = true;
        }
        CellRange at = spec.targetCell() != null ? spec.targetCell() : CellRange.cell("A3");
        if (target == source && range.contains(at.firstRow(), at.firstColumn())) {
            throw new InvalidInputException("the pivot table cannot start at " + at.toA1() + ", inside its own source "
                    + range.toA1());
        }
        List<Integer> rows = fields(spec.rows(), fields, "rows");
        List<Integer> columns = fields(spec.columns(), fields, "columns");
        List<Integer> filters = fields(spec.filters(), fields, "filters");
        List<Integer> values = new ArrayList<>();
        for (PivotSpec.Value value : spec.values()) {
            values.add(fields(List.of(value.column()), fields, "values").get(0));
        }
        if (spec.name() != null) {
            for (XSSFSheet sheet : Sheets.all(wb)) {
                for (XSSFPivotTable pivot : sheet.getPivotTables()) {
                    if (spec.name().equalsIgnoreCase(pivot.getCTPivotTableDefinition().getName())) {
                        throw new InvalidInputException("a pivot table named '" + spec.name() + "' already exists on"
                                + " sheet '" + sheet.getSheetName() + "'");
                    }
                }
            }
        }
        if (target != null && !target.getPivotTables().isEmpty()) {
            throw new InvalidInputException("sheet '" + target.getSheetName() + "' already holds a pivot table; put"
                    + " this one on a new sheet (leave out target_sheet)");
        }
        // Checked; now build.
        if (newSheet) {
            target = wb.createSheet(spec.targetSheet() != null ? spec.targetSheet() : freeSheetName(wb));
        }
        AreaReference area = new AreaReference(new CellReference(source.getSheetName(), range.firstRow(),
                range.firstColumn(), true, true), new CellReference(source.getSheetName(), range.lastRow(),
                range.lastColumn(), true, true), SpreadsheetVersion.EXCEL2007);
        XSSFPivotTable pivot = target.createPivotTable(area, new CellReference(at.firstRow(), at.firstColumn()), source);
        for (int field : rows) {
            axis(pivot, field, STAxis.AXIS_ROW);
        }
        for (int field : columns) {
            axis(pivot, field, STAxis.AXIS_COL);
        }
        Set<String> captions = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            PivotSpec.Value value = spec.values().get(i);
            String label = value.label() != null ? value.label()
                    : PivotModel.caption(OOXML.get(value.function()), fieldName(fields, values.get(i)));
            // Excel numbers a repeated caption: "Sum of Units", "Sum of Units2".
            String unique = label;
            for (int n = 2; !captions.add(unique.toLowerCase(Locale.ROOT)); n++) {
                unique = label + n;
            }
            pivot.addColumnLabel(FUNCTIONS.get(value.function()), values.get(i), unique);
            if (value.numberFormat() != null) {
                pivot.getCTPivotTableDefinition().getDataFields().getDataFieldArray(i)
                        .setNumFmtId(wb.createDataFormat().getFormat(value.numberFormat()));
            }
        }
        for (int field : filters) {
            axis(pivot, field, STAxis.AXIS_PAGE);
        }
        PivotSpec.Options options = spec.options();
        placeValues(pivot.getCTPivotTableDefinition(), values.size(), options.valuesIn().equals("rows"));
        PivotRefresh.define(pivot.getCTPivotTableDefinition(), PivotModel.Layout.valueOf(options.layout()
                .toUpperCase(Locale.ROOT)), options.subtotals(), options.grandTotalRow(), options.grandTotalColumn());
        String name = spec.name() != null ? spec.name() : "PivotTable" + countPivots(wb);
        pivot.getCTPivotTableDefinition().setName(name);
        pivot.getPivotCacheDefinition().getCTPivotCacheDefinition().setRefreshOnLoad(true);
        CellRange cells = PivotRefresh.refresh(wb, target, pivot);
        return "made pivot table '" + name + "' at " + cells.toA1() + " on sheet '" + target.getSheetName()
                + "' from " + source.getSheetName() + "!" + range.toA1() + " (" + options.layout() + " form); its cells"
                + " hold the computed numbers and are recomputed when the source is edited here";
    }

    private static String fieldName(Map<String, Integer> fields, int index) {
        return fields.entrySet().stream().filter(e -> e.getValue() == index).findFirst().orElseThrow().getKey();
    }

    /**
     * With two or more values Excel puts a "Values" field (x=-2) last on the rows or the columns;
     * POI puts it on the columns as the values are added. One value has no Values field.
     */
    private static void placeValues(CTPivotTableDefinition def, int values, boolean onRows) {
        if (def.isSetColFields()) {
            CTColFields cols = def.getColFields();
            for (int i = cols.sizeOfFieldArray() - 1; i >= 0; i--) {
                if (cols.getFieldArray(i).getX() == PivotModel.VALUES) {
                    cols.removeField(i);
                }
            }
            cols.setCount(cols.sizeOfFieldArray());
        }
        if (def.isSetRowFields()) {
            CTRowFields rowFields = def.getRowFields();
            for (int i = rowFields.sizeOfFieldArray() - 1; i >= 0; i--) {
                if (rowFields.getFieldArray(i).getX() == PivotModel.VALUES) {
                    rowFields.removeField(i);
                }
            }
            rowFields.setCount(rowFields.sizeOfFieldArray());
        }
        if (values > 1) {
            if (onRows) {
                CTRowFields rowFields = def.isSetRowFields() ? def.getRowFields() : def.addNewRowFields();
                rowFields.addNewField().setX(PivotModel.VALUES);
                rowFields.setCount(rowFields.sizeOfFieldArray());
            } else {
                CTColFields cols = def.isSetColFields() ? def.getColFields() : def.addNewColFields();
                cols.addNewField().setX(PivotModel.VALUES);
                cols.setCount(cols.sizeOfFieldArray());
            }
            def.setDataOnRows(onRows);
        }
        if (def.isSetColFields() && def.getColFields().sizeOfFieldArray() == 0) {
            def.unsetColFields();
        }
    }

    /**
     * Puts a field on the rows, columns or report filter. POI's own addRowLabel writes one item per
     * source row (slow, and a part so repetitive it looks like a zip bomb); Excel and LibreOffice
     * build the items when they refresh (refreshOnLoad), so the field gets just its default item.
     */
    private static void axis(XSSFPivotTable pivot, int field, STAxis.Enum axis) {
        CTPivotTableDefinition def = pivot.getCTPivotTableDefinition();
        CTPivotField pivotField = def.getPivotFields().getPivotFieldArray(field);
        pivotField.setAxis(axis);
        pivotField.setShowAll(false);
        CTItems items = pivotField.isSetItems() ? pivotField.getItems() : pivotField.addNewItems();
        items.setItemArray(new CTItem[0]);
        items.addNewItem().setT(STItemType.DEFAULT);
        items.setCount(1);
        if (axis == STAxis.AXIS_ROW) {
            CTRowFields fields = def.isSetRowFields() ? def.getRowFields() : def.addNewRowFields();
            fields.addNewField().setX(field);
            fields.setCount(fields.sizeOfFieldArray());
        } else if (axis == STAxis.AXIS_COL) {
            CTColFields fields = def.isSetColFields() ? def.getColFields() : def.addNewColFields();
            fields.addNewField().setX(field);
            fields.setCount(fields.sizeOfFieldArray());
        } else {
            CTPageFields fields = def.isSetPageFields() ? def.getPageFields() : def.addNewPageFields();
            CTPageField page = fields.addNewPageField();
            page.setFld(field);
            page.setHier(-1);
            fields.setCount(fields.sizeOfPageFieldArray());
        }
    }

    private static boolean exists(XSSFWorkbook wb, String name) {
        for (int i = 0; i < wb.getNumberOfSheets(); i++) {
            if (wb.getSheetName(i).equalsIgnoreCase(name.strip())) {
                return true;
            }
        }
        return false;
    }

    private static int countPivots(XSSFWorkbook wb) {
        int n = 0;
        for (XSSFSheet sheet : Sheets.all(wb)) {
            n += sheet.getPivotTables().size();
        }
        return n;
    }

    private static String freeSheetName(XSSFWorkbook wb) {
        String name = "Pivot";
        for (int n = 2; exists(wb, name); n++) {
            name = "Pivot " + n;
        }
        return name;
    }

    private static List<Integer> fields(List<String> names, Map<String, Integer> fields, String argument) {
        List<Integer> found = new ArrayList<>();
        for (String name : names) {
            Integer index = null;
            for (Map.Entry<String, Integer> field : fields.entrySet()) {
                if (field.getKey().equalsIgnoreCase(name.strip())) {
                    index = field.getValue();
                }
            }
            if (index == null) {
                throw new InvalidInputException("'" + argument + "' names '" + name + "', which is not a column of the"
                        + " source; its columns are " + fields.keySet().stream().toList());
            }
            found.add(index);
        }
        return found;
    }

    private static Map<String, Integer> headers(XSSFSheet sheet, CellRange range) {
        DataFormatter formatter = new DataFormatter(Locale.ROOT);
        Row header = sheet.getRow(range.firstRow());
        Map<String, Integer> fields = new java.util.LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (int c = range.firstColumn(); c <= range.lastColumn(); c++) {
            Cell cell = header == null ? null : header.getCell(c);
            String label = cell == null ? "" : formatter.formatCellValue(cell).strip();
            String at = SheetInput.columnLetter(c) + (range.firstRow() + 1);
            if (label.isEmpty()) {
                throw new InvalidInputException("a pivot table's source needs a label on every column; " + at
                        + " is empty");
            }
            if (!seen.add(label.toLowerCase(Locale.ROOT))) {
                throw new InvalidInputException("a pivot table's source needs unique column labels; " + at
                        + " repeats '" + label + "'");
            }
            fields.put(label, c - range.firstColumn());
        }
        return fields;
    }
}
