package dev.sheetsmith.engine.xlsx.edit;

import dev.sheetsmith.domain.CellRange;
import dev.sheetsmith.domain.ChartSpec;
import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.engine.xlsx.poi.ChartFrames;
import dev.sheetsmith.engine.xlsx.poi.Ranges;
import dev.sheetsmith.engine.xlsx.poi.Sheets;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xddf.usermodel.chart.AxisCrosses;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.BarDirection;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.LegendPosition;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFChartAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFNumericalDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xddf.usermodel.XDDFColor;
import org.apache.poi.xddf.usermodel.XDDFLineProperties;
import org.apache.poi.xddf.usermodel.XDDFSolidFillProperties;
import org.apache.poi.xddf.usermodel.chart.MarkerStyle;
import org.apache.poi.xddf.usermodel.chart.ScatterStyle;
import org.apache.poi.xddf.usermodel.chart.XDDFLineChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFScatterChartData;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.xmlbeans.XmlObject;
import org.openxmlformats.schemas.drawingml.x2006.spreadsheetDrawing.CTDrawing;

/** create_chart and delete_chart, with POI's XDDF charts (DrawingML, as Excel writes them). */
final class Charts {

    private Charts() {
    }

    static String create(XSSFWorkbook wb, XSSFSheet sheet, ChartSpec spec) {
        Sources sources = check(wb, sheet, spec);
        CellRange anchor = spec.anchor() != null ? spec.anchor() : defaultAnchor(sheet);
        int col = anchor.firstColumn();
        int row = anchor.firstRow();
        XSSFDrawing drawing = sheet.createDrawingPatriarch();
        XSSFChart chart = drawing.createChart(drawing.createAnchor(0, 0, 0, 0, col, row,
                Math.min(col + spec.width(), CellRange.MAX_COLUMN), Math.min(row + spec.height(), CellRange.MAX_ROW)));
        titleAndLegend(chart, spec);
        XDDFChartData data = plotData(chart, spec);
        addSeries(wb, sheet, spec, sources, data);
        paint(spec, data);
        chart.plot(data);
        String name = spec.name() != null ? spec.name() : freeName(drawing, chart);
        chart.getGraphicFrame().setName(name);
        return "made " + spec.type() + " chart '" + name + "' with " + spec.series().size() + " series at "
                + new CellReference(row, col).formatAsString() + " on sheet '" + sheet.getSheetName() + "'";
    }

    /** The sheets a chart's categories and each series' values come from. */
    private record Sources(XSSFSheet categories, List<XSSFSheet> values) {
    }

    /** Everything that can refuse the chart, before anything is touched: its sources, numbers, its name. */
    private static Sources check(XSSFWorkbook wb, XSSFSheet sheet, ChartSpec spec) {
        XSSFSheet categorySheet = spec.categories() == null ? null : source(wb, sheet, spec.categories());
        List<XSSFSheet> valueSheets = new ArrayList<>();
        for (int i = 0; i < spec.series().size(); i++) {
            ChartSpec.Series series = spec.series().get(i);
            XSSFSheet valueSheet = source(wb, sheet, series.values());
            if (!holdsNumbers(valueSheet, series.values().range())) {
                throw new InvalidInputException("series " + (i + 1) + " values " + series.values().toA1()
                        + " hold no numbers on sheet '" + valueSheet.getSheetName() + "'; a chart plots numbers");
            }
            if (series.nameCell() != null) {
                source(wb, sheet, series.nameCell());
            }
            valueSheets.add(valueSheet);
        }
        if (spec.type().equals("scatter") && !holdsNumbers(categorySheet, spec.categories().range())) {
            throw new InvalidInputException("the x values " + spec.categories().toA1() + " of a scatter chart hold no"
                    + " numbers; use a line or column chart for text categories");
        }
        if (spec.name() != null && sheet.getDrawingPatriarch() != null) {
            for (XSSFChart other : sheet.getDrawingPatriarch().getCharts()) {
                if (spec.name().equalsIgnoreCase(ChartFrames.name(sheet.getDrawingPatriarch(), other))) {
                    throw new InvalidInputException("sheet '" + sheet.getSheetName() + "' already has a chart named '"
                            + spec.name() + "'; choose another name, or delete_chart it first");
                }
            }
        }
        return new Sources(categorySheet, valueSheets);
    }

    private static void titleAndLegend(XSSFChart chart, ChartSpec spec) {
        if (spec.title() != null && !spec.title().isBlank()) {
            chart.setTitleText(spec.title());
            chart.setTitleOverlay(false);
        } else {
            chart.setAutoTitleDeleted(true);
        }
        String legend = spec.legend() == null ? (spec.series().size() > 1 || isRound(spec.type()) ? "right" : "none")
                : spec.legend();
        if (!legend.equals("none")) {
            chart.getOrAddLegend().setPosition(switch (legend) {
                case "left" -> LegendPosition.LEFT;
                case "top" -> LegendPosition.TOP;
                case "bottom" -> LegendPosition.BOTTOM;
                default -> LegendPosition.RIGHT;
            });
        }
    }

    /** The chart's plot: pie or doughnut, or axes (gridlines, titles) and a bar, line, area or scatter plot. */
    private static XDDFChartData plotData(XSSFChart chart, ChartSpec spec) {
        XDDFChartData data;
        if (isRound(spec.type())) {
            data = chart.createData(spec.type().equals("pie") ? ChartTypes.PIE : ChartTypes.DOUGHNUT, null, null);
            data.setVaryColors(true);
        } else {
            boolean horizontal = spec.type().equals("bar");
            XDDFChartAxis x = spec.type().equals("scatter")
                    ? chart.createValueAxis(horizontal ? AxisPosition.LEFT : AxisPosition.BOTTOM)
                    : chart.createCategoryAxis(horizontal ? AxisPosition.LEFT : AxisPosition.BOTTOM);
            XDDFValueAxis y = chart.createValueAxis(horizontal ? AxisPosition.BOTTOM : AxisPosition.LEFT);
            y.setCrosses(AxisCrosses.AUTO_ZERO);
            y.getOrAddMajorGridProperties().setLineProperties(new XDDFLineProperties(solid(0xD9D9D9)));
            if (spec.xAxisTitle() != null) {
                x.setTitle(spec.xAxisTitle());
            }
            if (spec.yAxisTitle() != null) {
                y.setTitle(spec.yAxisTitle());
            }
            data = chart.createData(switch (spec.type()) {
                case "line" -> ChartTypes.LINE;
                case "area" -> ChartTypes.AREA;
                case "scatter" -> ChartTypes.SCATTER;
                default -> ChartTypes.BAR;
            }, x, y);
            if (data instanceof XDDFBarChartData bar) {
                bar.setBarDirection(horizontal ? BarDirection.BAR : BarDirection.COL);
            }
            data.setVaryColors(false);
        }
        return data;
    }

    private static void addSeries(XSSFWorkbook wb, XSSFSheet sheet, ChartSpec spec, Sources sources,
            XDDFChartData data) {
        for (int i = 0; i < spec.series().size(); i++) {
            ChartSpec.Series s = spec.series().get(i);
            XDDFNumericalDataSource<Double> values = XDDFDataSourcesFactory.fromNumericCellRange(sources.values().get(i),
                    Ranges.address(s.values().range()));
            XDDFDataSource<?> categories = categories(spec, sources.categories(), s.values().range().cellCount());
            XDDFChartData.Series added = data.addSeries(categories, values);
            if (s.nameCell() != null) {
                XSSFSheet nameSheet = source(wb, sheet, s.nameCell());
                String name = text(nameSheet, s.nameCell().range());
                added.setTitle(s.name() != null ? s.name() : name, new CellReference(nameSheet.getSheetName(),
                        s.nameCell().range().firstRow(), s.nameCell().range().firstColumn(), true, true));
            } else {
                added.setTitle(s.name() != null ? s.name() : "Series " + (i + 1), null);
            }
        }
    }

    /** "Chart N" with the lowest N no other chart on the sheet is named (numbers are not reused after a delete). */
    private static String freeName(XSSFDrawing drawing, XSSFChart made) {
        java.util.Set<String> used = new java.util.HashSet<>();
        for (XSSFChart other : drawing.getCharts()) {
            String name = other == made ? null : ChartFrames.name(drawing, other);
            if (name != null) {
                used.add(name.toLowerCase(java.util.Locale.ROOT));
            }
        }
        int n = drawing.getCharts().size();
        while (used.contains("chart " + n)) {
            n++;
        }
        return "Chart " + n;
    }

    /** Excel's default palette, series by series (or slice by slice). */
    static final int[] PALETTE = {0x4472C4, 0xED7D31, 0xA5A5A5, 0xFFC000, 0x5B9BD5, 0x70AD47, 0x264478, 0x9E480E,
        0x636363, 0x997300};

    private static XDDFSolidFillProperties fill(int index) {
        int rgb = PALETTE[index % PALETTE.length];
        return solid(rgb);
    }

    /** An sRGB fill (XDDFColor.from(int, int, int) would be percentages, not 0-255). */
    private static XDDFSolidFillProperties solid(int rgb) {
        return new XDDFSolidFillProperties(XDDFColor.from(new byte[] {(byte) (rgb >> 16), (byte) (rgb >> 8),
            (byte) rgb}));
    }

    /**
     * Colours written into the chart: without them Excel picks its theme's colours, but other
     * readers (LibreOffice among them) draw bars, lines and slices with no fill at all.
     */
    private static void paint(ChartSpec spec, XDDFChartData data) {
        for (int i = 0; i < data.getSeriesCount(); i++) {
            XDDFChartData.Series series = data.getSeries(i);
            if (isRound(spec.type())) {
                long points = spec.series().get(i).values().range().cellCount();
                for (int p = 0; p < points; p++) {
                    series.getDataPoint(p).setFillProperties(fill(p));
                }
            } else if (spec.type().equals("line") || spec.type().equals("scatter")) {
                XDDFLineProperties line = new XDDFLineProperties(fill(i));
                line.setWidth(2.25);
                series.setLineProperties(line);
                if (series instanceof XDDFLineChartData.Series l) {
                    l.setMarkerStyle(MarkerStyle.CIRCLE);
                    l.setSmooth(false);
                } else if (series instanceof XDDFScatterChartData.Series sc) {
                    sc.setMarkerStyle(MarkerStyle.CIRCLE);
                    sc.setSmooth(false);
                }
            } else {
                series.setFillProperties(fill(i));
            }
        }
        if (data instanceof XDDFScatterChartData scatter) {
            scatter.setStyle(ScatterStyle.LINE_MARKER);
        }
    }

    private static boolean isRound(String type) {
        return type.equals("pie") || type.equals("doughnut");
    }

    private static XDDFDataSource<?> categories(ChartSpec spec, XSSFSheet sheet, long count) {
        if (spec.categories() == null) {
            String[] numbers = new String[(int) count];
            for (int i = 0; i < numbers.length; i++) {
                numbers[i] = String.valueOf(i + 1);
            }
            return XDDFDataSourcesFactory.fromArray(numbers);
        }
        CellRangeAddress area = Ranges.address(spec.categories().range());
        return holdsOnlyNumbers(sheet, spec.categories().range())
                ? XDDFDataSourcesFactory.fromNumericCellRange(sheet, area)
                : XDDFDataSourcesFactory.fromStringCellRange(sheet, area);
    }

    private static XSSFSheet source(XSSFWorkbook wb, XSSFSheet chartSheet, ChartSpec.SheetRef ref) {
        return ref.sheet() == null ? chartSheet : (XSSFSheet) Sheets.sheet(wb, ref.sheet());
    }

    private static boolean holdsNumbers(XSSFSheet sheet, CellRange range) {
        for (int r = range.firstRow(); r <= Math.min(range.lastRow(), sheet.getLastRowNum()); r++) {
            Row row = sheet.getRow(r);
            for (int c = range.firstColumn(); row != null && c <= range.lastColumn(); c++) {
                Cell cell = row.getCell(c);
                // A formula counts whatever it last gave: it may not have been computed yet.
                if (cell != null && (cell.getCellType() == CellType.NUMERIC || cell.getCellType() == CellType.FORMULA)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean holdsOnlyNumbers(XSSFSheet sheet, CellRange range) {
        for (int r = range.firstRow(); r <= range.lastRow(); r++) {
            Row row = sheet.getRow(r);
            for (int c = range.firstColumn(); c <= range.lastColumn(); c++) {
                Cell cell = row == null ? null : row.getCell(c);
                if (cell == null || cell.getCellType() != CellType.NUMERIC) {
                    return false;
                }
            }
        }
        return true;
    }

    private static String text(XSSFSheet sheet, CellRange cell) {
        Row row = sheet.getRow(cell.firstRow());
        Cell c = row == null ? null : row.getCell(cell.firstColumn());
        return c == null ? "" : new org.apache.poi.ss.usermodel.DataFormatter().formatCellValue(c);
    }

    /** One column right of the used range, level with its first row; B1 on an empty sheet. */
    private static CellRange defaultAnchor(XSSFSheet sheet) {
        int lastColumn = Ranges.lastColumn(sheet);
        int first = Math.max(0, sheet.getFirstRowNum());
        return new CellRange(first, Math.min(lastColumn + 2, CellRange.MAX_COLUMN - 10), first,
                Math.min(lastColumn + 2, CellRange.MAX_COLUMN - 10));
    }

    static String delete(XSSFWorkbook wb, XSSFSheet sheet, String which, List<String> removedParts) {
        List<XSSFChart> charts = ChartFrames.charts(sheet);
        XSSFChart target = null;
        String wanted = which.strip();
        if (wanted.matches("\\d{1,4}")) {
            int number = Integer.parseInt(wanted);
            if (number >= 1 && number <= charts.size()) {
                target = charts.get(number - 1);
            }
        }
        for (int i = 0; target == null && i < charts.size(); i++) {
            XSSFChart chart = charts.get(i);
            var title = chart.getTitleText();
            if (wanted.equalsIgnoreCase(ChartFrames.name(sheet.getDrawingPatriarch(), chart)) || (title != null && wanted.equalsIgnoreCase(title.getString()))) {
                target = chart;
            }
        }
        if (target == null) {
            List<String> known = new ArrayList<>();
            for (int i = 0; i < charts.size(); i++) {
                known.add((i + 1) + " '" + ChartFrames.name(sheet.getDrawingPatriarch(), charts.get(i)) + "'");
            }
            throw new InvalidInputException("sheet '" + sheet.getSheetName() + "' has no chart '" + which + "'; "
                    + (known.isEmpty() ? "it has no charts" : "its charts are " + known));
        }
        XSSFDrawing drawing = sheet.getDrawingPatriarch();
        String relationId = drawing.getRelationId(target);
        CTDrawing ct = drawing.getCTDrawing();
        // The frame that shows the chart goes first, then the chart part and the parts it leads to.
        removeAnchor(ct.getTwoCellAnchorArray(), relationId, ct::removeTwoCellAnchor);
        removeAnchor(ct.getOneCellAnchorArray(), relationId, ct::removeOneCellAnchor);
        removeAnchor(ct.getAbsoluteAnchorArray(), relationId, ct::removeAbsoluteAnchor);
        String label = ChartFrames.name(drawing, target);
        List<String> tree = new ArrayList<>();
        PartInventory.collectTree(target.getPackagePart(), tree);
        PartInventory.unlink(drawing, target, true);
        for (String partName : tree) {
            try {
                var name = org.apache.poi.openxml4j.opc.PackagingURIHelper.createPartName(partName);
                if (wb.getPackage().containPart(name)) {
                    wb.getPackage().removePart(name);
                }
            } catch (InvalidFormatException e) {
                throw new IllegalStateException("could not remove " + partName, e);
            }
        }
        removedParts.addAll(tree);
        return "deleted chart '" + label + "' from sheet '" + sheet.getSheetName() + "'";
    }

    /** Removes the anchors (of one kind) whose graphic frame shows the chart with this relation id. */
    private static void removeAnchor(XmlObject[] anchors, String relationId,
            java.util.function.IntConsumer remove) {
        for (int i = anchors.length - 1; i >= 0; i--) {
            if (ChartFrames.shows(anchors[i], relationId)) {
                remove.accept(i);
            }
        }
    }
}
