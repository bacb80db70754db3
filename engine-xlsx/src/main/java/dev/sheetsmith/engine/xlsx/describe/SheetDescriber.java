package dev.sheetsmith.engine.xlsx.describe;

import dev.sheetsmith.engine.xlsx.poi.ExcelFormulaText;

import dev.sheetsmith.domain.CellRange;
import dev.sheetsmith.domain.SheetDetails;
import dev.sheetsmith.domain.SheetInput;
import dev.sheetsmith.engine.xlsx.poi.ChartFrames;
import dev.sheetsmith.engine.xlsx.poi.Extensions;
import dev.sheetsmith.engine.xlsx.poi.Ranges;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFClientAnchor;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFPivotTable;
import org.apache.poi.xssf.usermodel.XSSFShape;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFTable;
import org.apache.poi.xssf.usermodel.XSSFTableColumn;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTCfRule;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTCol;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTConditionalFormatting;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTDataValidation;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTExtension;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTWorksheet;

/** describe_sheet: what a sheet holds beyond values, read with POI's user model. */
public final class SheetDescriber {

    private SheetDescriber() {
    }

    public static SheetDetails describe(XSSFWorkbook wb, XSSFSheet sheet) {
        CTWorksheet ws = sheet.getCTWorksheet();
        CellRange used = Ranges.usedRange(sheet);
        PaneInformation pane = sheet.getPaneInformation();
        String frozen = pane != null && pane.isFreezePane()
                ? new CellReference(pane.getHorizontalSplitPosition(), pane.getVerticalSplitPosition()).formatAsString()
                : null;
        List<String> merged = new ArrayList<>();
        sheet.getMergedRegions().forEach(m -> merged.add(m.formatAsString()));
        Map<String, Double> widths = new LinkedHashMap<>();
        List<String> hiddenColumns = new ArrayList<>();
        if (ws.sizeOfColsArray() > 0) {
            for (CTCol col : ws.getColsArray(0).getColArray()) {
                for (long c = col.getMin(); c <= Math.min(col.getMax(), col.getMin() + 200); c++) {
                    String letter = SheetInput.columnLetter((int) c - 1);
                    if (col.isSetWidth() && col.getCustomWidth()) {
                        widths.put(letter, Math.round(col.getWidth() * 100) / 100.0);
                    }
                    if (col.getHidden()) {
                        hiddenColumns.add(letter);
                    }
                }
            }
        }
        Map<String, Double> heights = new LinkedHashMap<>();
        List<String> hiddenRows = new ArrayList<>();
        for (var row : sheet) {
            if (row.getZeroHeight()) {
                hiddenRows.add(String.valueOf(row.getRowNum() + 1));
            } else if (((org.apache.poi.xssf.usermodel.XSSFRow) row).getCTRow().getCustomHeight()
                    && heights.size() < 200) {
                heights.put(String.valueOf(row.getRowNum() + 1), (double) row.getHeightInPoints());
            }
        }
        String filter = ws.isSetAutoFilter() ? ws.getAutoFilter().getRef() : null;
        String tab = sheet.getTabColor() == null ? null : hex(sheet.getTabColor().getARGBHex());
        String print = wb.getPrintArea(wb.getSheetIndex(sheet));
        String orientation = ws.isSetPageSetup() && ws.getPageSetup().isSetOrientation()
                ? ws.getPageSetup().getOrientation().toString() : null;
        List<SheetDetails.Table> tables = tables(sheet);
        List<SheetDetails.Chart> charts = charts(sheet);
        List<SheetDetails.Pivot> pivots = pivots(sheet);
        List<SheetDetails.Validation> validations = validations(ws);
        List<SheetDetails.Conditional> conditionals = conditionals(ws);
        List<SheetDetails.Note> notes = notes(sheet);
        List<String> others = others(sheet, ws);
        return new SheetDetails(sheet.getSheetName(), used == null ? null : used.toA1(), frozen, merged, widths, heights,
                hiddenRows, hiddenColumns, filter, tab, print, orientation, tables, charts, pivots, validations,
                conditionals, notes, others);
    }

    /** The tables: name, range, column names, style, totals row. */
    private static List<SheetDetails.Table> tables(XSSFSheet sheet) {
        List<SheetDetails.Table> tables = new ArrayList<>();
        for (XSSFTable table : sheet.getTables()) {
            List<String> columns = new ArrayList<>();
            for (XSSFTableColumn column : table.getColumns()) {
                columns.add(column.getName());
            }
            tables.add(new SheetDetails.Table(table.getName(), table.getCTTable().getRef(), columns,
                    table.getStyleName(), table.getTotalsRowCount() > 0));
        }
        return tables;
    }

    /** The charts in drawing order, numbered as the chart tools number them. */
    private static List<SheetDetails.Chart> charts(XSSFSheet sheet) {
        List<SheetDetails.Chart> charts = new ArrayList<>();
        List<XSSFChart> sheetCharts = ChartFrames.charts(sheet);
        for (int i = 0; i < sheetCharts.size(); i++) {
            charts.add(chart(i + 1, sheet.getDrawingPatriarch(), sheetCharts.get(i)));
        }
        return charts;
    }

    /** The pivot tables placed on this sheet. */
    private static List<SheetDetails.Pivot> pivots(XSSFSheet sheet) {
        List<SheetDetails.Pivot> pivots = new ArrayList<>();
        for (XSSFPivotTable pivot : sheet.getPivotTables()) {
            pivots.add(pivot(pivot));
        }
        return pivots;
    }

    /** Data validations: where, type, and their limits or list. */
    private static List<SheetDetails.Validation> validations(CTWorksheet ws) {
        List<SheetDetails.Validation> validations = new ArrayList<>();
        if (ws.isSetDataValidations()) {
            for (CTDataValidation v : ws.getDataValidations().getDataValidationArray()) {
                String type = v.isSetType() ? v.getType().toString() : "any";
                String detail = v.isSetFormula1() ? "=" + ExcelFormulaText.toDisplay(v.getFormula1()) : "";
                if (v.isSetFormula2()) {
                    detail += " and =" + ExcelFormulaText.toDisplay(v.getFormula2());
                }
                if (v.isSetOperator() && !type.equals("list")) {
                    detail = v.getOperator() + " " + detail;
                }
                validations.add(new SheetDetails.Validation(String.join(" ", Ranges.stringList(v.getSqref())), type,
                        detail.strip()));
            }
        }
        return validations;
    }

    /** Conditional formats: where, and each rule in a few words. */
    private static List<SheetDetails.Conditional> conditionals(CTWorksheet ws) {
        List<SheetDetails.Conditional> conditionals = new ArrayList<>();
        for (CTConditionalFormatting cf : ws.getConditionalFormattingArray()) {
            List<String> rules = new ArrayList<>();
            for (CTCfRule rule : cf.getCfRuleArray()) {
                StringBuilder text = new StringBuilder(rule.getType().toString());
                if (rule.isSetOperator()) {
                    text.append(' ').append(rule.getOperator());
                }
                for (String f : rule.getFormulaArray()) {
                    text.append(" =").append(f);
                }
                if (rule.isSetRank()) {
                    text.append(rule.getBottom() ? " bottom " : " top ").append(rule.getRank())
                            .append(rule.getPercent() ? "%" : "");
                }
                if (rule.isSetIconSet()) {
                    text.append(' ').append(rule.getIconSet().getIconSet());
                }
                rules.add(text.toString());
            }
            conditionals.add(new SheetDetails.Conditional(String.join(" ", Ranges.stringList(cf.getSqref())), rules));
        }
        return conditionals;
    }

    /** Cell notes, the first 200. */
    private static List<SheetDetails.Note> notes(XSSFSheet sheet) {
        List<SheetDetails.Note> notes = new ArrayList<>();
        for (var entry : sheet.getCellComments().entrySet()) {
            XSSFComment comment = entry.getValue();
            if (notes.size() < 200) {
                notes.add(new SheetDetails.Note(entry.getKey().formatAsString(), comment.getAuthor(),
                        comment.getString() == null ? "" : comment.getString().getString()));
            }
        }
        return notes;
    }

    /** Pictures, shapes and extensions Sheetsmith keeps but does not edit. */
    private static List<String> others(XSSFSheet sheet, CTWorksheet ws) {
        List<String> others = new ArrayList<>();
        XSSFDrawing drawing = sheet.getDrawingPatriarch();
        if (drawing != null) {
            for (XSSFShape shape : drawing.getShapes()) {
                if (shape instanceof org.apache.poi.xssf.usermodel.XSSFGraphicFrame) {
                    continue;
                }
                String kind = shape.getClass().getSimpleName().replaceFirst("^XSSF", "").toLowerCase(java.util.Locale.ROOT);
                String at = shape.getAnchor() instanceof XSSFClientAnchor a
                        ? " at " + new CellReference(a.getRow1(), a.getCol1()).formatAsString() : "";
                others.add(kind + (shape.getShapeName() == null ? "" : " '" + shape.getShapeName() + "'") + at);
            }
        }
        if (ws.isSetExtLst()) {
            for (CTExtension ext : ws.getExtLst().getExtArray()) {
                String kind = Extensions.BY_URI.getOrDefault(ext.getUri(), "an Excel extension " + ext.getUri());
                others.add(kind + " (kept as they are; Sheetsmith does not edit them)");
            }
        }
        return others;
    }

    private static String hex(String argb) {
        return argb == null ? null : argb.length() == 8 ? argb.substring(2) : argb;
    }

    private static SheetDetails.Chart chart(int number, XSSFDrawing drawing, XSSFChart chart) {
        List<String> types = new ArrayList<>();
        List<String> series = new ArrayList<>();
        for (XDDFChartData data : chart.getChartSeries()) {
            String type = data.getClass().getSimpleName().replaceFirst("^XDDF", "").replaceFirst("ChartData$", "")
                    .toLowerCase(java.util.Locale.ROOT);
            if (data instanceof XDDFBarChartData bar) {
                type = bar.getBarDirection() == org.apache.poi.xddf.usermodel.chart.BarDirection.BAR ? "bar" : "column";
            }
            types.add(type);
            for (int i = 0; i < data.getSeriesCount(); i++) {
                var s = data.getSeries(i);
                String values = s.getValuesData() == null ? "?" : s.getValuesData().getDataRangeReference();
                String categories = s.getCategoryData() == null || !s.getCategoryData().isReference() ? null
                        : s.getCategoryData().getDataRangeReference();
                series.add(values + (categories == null ? "" : " by " + categories));
            }
        }
        String anchor = ChartFrames.anchor(drawing, chart);
        var title = chart.getTitleText();
        return new SheetDetails.Chart(number, ChartFrames.name(drawing, chart), String.join("+", types),
                title == null ? null : title.getString(), anchor, series);
    }

    private static SheetDetails.Pivot pivot(XSSFPivotTable pivot) {
        var def = pivot.getCTPivotTableDefinition();
        var cache = pivot.getPivotCacheDefinition() == null ? null
                : pivot.getPivotCacheDefinition().getCTPivotCacheDefinition();
        List<String> names = new ArrayList<>();
        String source = null;
        if (cache != null) {
            cache.getCacheFields().getCacheFieldList().forEach(f -> names.add(f.getName()));
            var ws = cache.getCacheSource().getWorksheetSource();
            if (ws != null) {
                source = (ws.isSetSheet() ? ws.getSheet() + "!" : "") + (ws.isSetRef() ? ws.getRef() : ws.getName());
            }
        }
        List<String> rows = new ArrayList<>();
        if (def.isSetRowFields()) {
            def.getRowFields().getFieldList().forEach(f -> rows.add(field(names, f.getX())));
        }
        List<String> columns = new ArrayList<>();
        if (def.isSetColFields()) {
            def.getColFields().getFieldList().forEach(f -> {
                if (f.getX() >= 0) {
                    columns.add(field(names, f.getX()));
                }
            });
        }
        List<String> values = new ArrayList<>();
        if (def.isSetDataFields()) {
            def.getDataFields().getDataFieldList().forEach(f -> values.add(f.getName()));
        }
        List<String> filters = new ArrayList<>();
        if (def.isSetPageFields()) {
            def.getPageFields().getPageFieldList().forEach(f -> filters.add(field(names, f.getFld())));
        }
        return new SheetDetails.Pivot(def.getName(), def.getLocation().getRef(), source, rows, columns, values,
                filters);
    }

    private static String field(List<String> names, int index) {
        return index >= 0 && index < names.size() ? names.get(index) : "#" + index;
    }

}
