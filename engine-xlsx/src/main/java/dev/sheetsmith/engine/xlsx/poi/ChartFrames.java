package dev.sheetsmith.engine.xlsx.poi;

import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.xmlbeans.XmlObject;
import org.openxmlformats.schemas.drawingml.x2006.spreadsheetDrawing.CTAbsoluteAnchor;
import org.openxmlformats.schemas.drawingml.x2006.spreadsheetDrawing.CTDrawing;
import org.openxmlformats.schemas.drawingml.x2006.spreadsheetDrawing.CTGraphicalObjectFrame;
import org.openxmlformats.schemas.drawingml.x2006.spreadsheetDrawing.CTMarker;
import org.openxmlformats.schemas.drawingml.x2006.spreadsheetDrawing.CTOneCellAnchor;
import org.openxmlformats.schemas.drawingml.x2006.spreadsheetDrawing.CTTwoCellAnchor;

/** A sheet's charts and the drawing frames that show them: names, anchors, which frame is whose. */
public final class ChartFrames {

    private ChartFrames() {
    }

    /** The charts of a sheet in drawing order; their 1-based position is the number tools use. */
    public static List<XSSFChart> charts(XSSFSheet sheet) {
        XSSFDrawing drawing = sheet.getDrawingPatriarch();
        return drawing == null ? List.of() : drawing.getCharts();
    }

    /** The graphic frame that shows {@code chart} in its sheet's drawing, or null. */
    public static CTGraphicalObjectFrame frame(XSSFDrawing drawing, XSSFChart chart) {
        XmlObject anchor = anchorOf(drawing, chart);
        return anchor == null ? null : frameOf(anchor);
    }

    /** The chart's name as Excel shows it in the selection pane (the frame's cNvPr name). */
    public static String name(XSSFDrawing drawing, XSSFChart chart) {
        CTGraphicalObjectFrame frame = frame(drawing, chart);
        return frame == null ? null : frame.getNvGraphicFramePr().getCNvPr().getName();
    }

    /** The top-left cell of the chart's anchor, e.g. J3; null for absolute anchors. */
    public static String anchor(XSSFDrawing drawing, XSSFChart chart) {
        XmlObject anchor = anchorOf(drawing, chart);
        CTMarker from = anchor instanceof CTTwoCellAnchor two ? two.getFrom()
                : anchor instanceof CTOneCellAnchor one ? one.getFrom() : null;
        return from == null ? null : new CellReference(from.getRow(), from.getCol()).formatAsString();
    }

    private static XmlObject anchorOf(XSSFDrawing drawing, XSSFChart chart) {
        String relationId = drawing.getRelationId(chart);
        CTDrawing ct = drawing.getCTDrawing();
        List<XmlObject> anchors = new ArrayList<>(List.of(ct.getTwoCellAnchorArray()));
        anchors.addAll(List.of(ct.getOneCellAnchorArray()));
        anchors.addAll(List.of(ct.getAbsoluteAnchorArray()));
        for (XmlObject anchor : anchors) {
            if (shows(anchor, relationId)) {
                return anchor;
            }
        }
        return null;
    }

    public static boolean shows(XmlObject anchor, String relationId) {
        CTGraphicalObjectFrame frame = frameOf(anchor);
        return frame != null && relationId != null
                && frame.getGraphic().getGraphicData().xmlText().contains("\"" + relationId + "\"");
    }

    public static CTGraphicalObjectFrame frameOf(XmlObject anchor) {
        return anchor instanceof CTTwoCellAnchor a ? a.getGraphicFrame()
                : anchor instanceof CTOneCellAnchor o ? o.getGraphicFrame()
                : anchor instanceof CTAbsoluteAnchor b ? b.getGraphicFrame() : null;
    }
}
