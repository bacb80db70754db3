package dev.sheetsmith.adapters.http.openapi;

import dev.sheetsmith.adapters.http.mcp.McpContext;
import dev.sheetsmith.adapters.http.tools.Args;
import dev.sheetsmith.domain.CellRange;
import dev.sheetsmith.domain.CellValue;
import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.RangeRead;
import dev.sheetsmith.domain.StoredFile;
import dev.sheetsmith.domain.WorkbookDescription;
import dev.sheetsmith.ports.in.ManageFilesUseCase;
import dev.sheetsmith.ports.in.ReadRangeQuery;
import dev.sheetsmith.ports.in.ReadWorkbookUseCase;
import dev.sheetsmith.ports.in.SheetPicturesUseCase;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An HTML card for a file (the first rows of each sheet, values as the file shows them, each
 * sheet's size and what was cut, and a download button) that Open-WebUI shows inline in the chat,
 * or the same as JSON for the web console. Every cell is escaped: a cell can hold {@code <script>}.
 */
public final class PreviewCards {

    static final String NAME = "preview_file";
    static final String DESCRIPTION = "Show a file as a card in the chat: the first rows of each sheet and a download"
            + " button. Changes nothing.";
    static final Map<String, Object> INPUT_SCHEMA = Map.of("type", "object", "properties", Map.of(
            "file", Map.of("type", "string", "description", "The file's id or name, as list_files shows it."),
            "rows", Map.of("type", "integer", "minimum", 1, "maximum", 100,
                    "description", "Rows per sheet (default 10).")), "required", List.of("file"));
    /** The media type the console sends as {@code Accept} to get the preview as JSON. */
    static final String JSON_TYPE = "application/vnd.sheetsmith.preview+json";
    private static final int MAX_SHEETS = 10;
    private static final int MAX_COLUMNS = 20;

    private final ReadWorkbookUseCase workbooks;
    private final ManageFilesUseCase files;
    private final SheetPicturesUseCase pictures;

    public PreviewCards(ReadWorkbookUseCase workbooks, ManageFilesUseCase files) {
        this(workbooks, files, null);
    }

    /** @param pictures draws each sheet as a picture (LibreOffice), or null: values as text only */
    public PreviewCards(ReadWorkbookUseCase workbooks, ManageFilesUseCase files, SheetPicturesUseCase pictures) {
        this.workbooks = Objects.requireNonNull(workbooks, "workbooks");
        this.files = Objects.requireNonNull(files, "files");
        this.pictures = pictures;
    }

    /** The card; a bad argument or an unknown file is thrown for {@code ApiExceptionMappers} to answer. */
    Response card(McpContext context, Map<String, Object> arguments) {
        Preview preview = preview(context, arguments);
        StringBuilder html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
                .append(escape(preview.name())).append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:12px;color:#222}")
                .append("table{border-collapse:collapse;margin:6px 0 14px;font-size:13px}")
                .append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;white-space:nowrap}")
                .append(".pic{max-width:100%;border:1px solid #ddd}")
                .append("th{background:#f3f3f3}.count,.cut{color:#555;font-size:13px;margin:2px 0}")
                .append(".dl{display:inline-block;padding:6px 12px;background:#2563eb;")
                .append("color:#fff;border-radius:6px;text-decoration:none}</style></head><body><h3>")
                .append(escape(preview.name())).append("</h3>");
        for (SheetPreview sheet : preview.sheets()) {
            html.append("<h4>").append(escape(sheet.name())).append("</h4>");
            picture(html, sheet);
            if (sheet.rows().isEmpty()) {
                html.append("<p>(empty)</p>");
                continue;
            }
            html.append("<p class=\"count\">").append(escape(sheet.size())).append("</p><table>");
            for (int r = 0; r < sheet.rows().size(); r++) {
                html.append("<tr>");
                for (String value : sheet.rows().get(r)) {
                    String tag = r == 0 ? "th" : "td";
                    html.append('<').append(tag).append('>').append(escape(value)).append("</")
                            .append(tag).append('>');
                }
                html.append("</tr>");
            }
            html.append("</table>");
            if (sheet.cut() != null) {
                html.append("<p class=\"cut\">").append(escape(sheet.cut())).append("</p>");
            }
        }
        if (preview.sheetsCut() > 0) {
            html.append("<p class=\"cut\">").append(preview.sheetsCut()).append(" more sheet(s) not shown</p>");
        }
        html.append("<a class=\"dl\" href=\"").append(escape(preview.downloadUrl()))
                .append("\" download>Download ").append(escape(preview.name())).append("</a></body></html>");
        return Response.ok(html.toString(), "text/html; charset=utf-8").header("Content-Disposition", "inline")
                .header("X-Content-Type-Options", "nosniff").build();
    }

    /** The sheet's picture (charts included) where the server draws them; nothing otherwise. */
    private static void picture(StringBuilder html, SheetPreview sheet) {
        if (sheet.picture() != null) {
            html.append("<p><img class=\"pic\" src=\"").append(escape(sheet.picture())).append("\" alt=\"")
                    .append(escape("Sheet " + sheet.name() + " as LibreOffice draws it")).append("\"></p>");
        }
    }

    /** A signed link to the picture of the sheet at {@code index}, or null when the server draws none. */
    private String pictureUrl(McpContext context, StoredFile file, int index) {
        if (pictures == null || !pictures.enabled()) {
            return null;
        }
        return context.baseUrl() + pictures.link(context.owner(), file.id(), file.revision(), index).pathAndQuery();
    }

    /**
     * What the card shows, as data (the console asks for it with {@code Accept: }{@value #JSON_TYPE}
     * and puts every value in its page as text): each sheet's first rows with values as the file
     * shows them, its size and what was cut.
     */
    Preview preview(McpContext context, Map<String, Object> arguments) {
        Args args = new Args(NAME, arguments, Set.of("file", "rows"));
        String file = args.requiredString("file");
        int rows = args.optionalInt("rows", 10);
        if (rows < 1 || rows > 100) {
            throw new InvalidInputException("'rows' must be between 1 and 100");
        }
        var described = workbooks.describeWorkbook(context.owner(), file);
        var link = files.downloadLink(context.owner(), described.file().id());
        List<WorkbookDescription.Sheet> sheets = described.description().sheets();
        List<SheetPreview> shown = new ArrayList<>();
        for (WorkbookDescription.Sheet sheet : sheets.subList(0, Math.min(MAX_SHEETS, sheets.size()))) {
            CellRange used = sheet.usedRange();
            String picture = pictureUrl(context, described.file(), shown.size());
            if (used == null) {
                shown.add(new SheetPreview(sheet.name(), 0, 0, List.of(), null, picture));
                continue;
            }
            CellRange first = new CellRange(used.firstRow(), used.firstColumn(),
                    Math.min(used.lastRow(), used.firstRow() + rows),
                    Math.min(used.lastColumn(), used.firstColumn() + MAX_COLUMNS - 1));
            RangeRead read = workbooks.readFormatted(context.owner(), new ReadRangeQuery(described.file().id(),
                    sheet.name(), first, false, ReadRangeQuery.LIMIT_MAX_CELLS));
            List<List<String>> values = read.rows().stream().map(row -> row.stream().map(CellValue::display)
                    .toList()).toList();
            shown.add(new SheetPreview(sheet.name(), used.rowCount(), used.columnCount(), values,
                    cut(used, values.size(), first.columnCount()), picture));
        }
        return new Preview(described.file().id(), described.file().name(), context.baseUrl()
                + link.link().pathAndQuery(), shown, sheets.size() - shown.size());
    }

    private static String cut(CellRange used, int shownRows, int shownColumns) {
        List<String> parts = new ArrayList<>();
        if (used.rowCount() > shownRows) {
            parts.add((used.rowCount() - shownRows) + " row(s)");
        }
        if (used.columnCount() > shownColumns) {
            parts.add((used.columnCount() - shownColumns) + " column(s)");
        }
        return parts.isEmpty() ? null : "Showing the first " + shownRows + " row(s) and " + shownColumns
                + " column(s); " + String.join(" and ", parts) + " cut. Download the file to see everything.";
    }

    /** A file's preview: its sheets (at most 10; {@code sheetsCut} more) and a fresh download link. */
    public record Preview(String fileId, String name, String downloadUrl, List<SheetPreview> sheets, int sheetsCut) {
    }

    /**
     * One sheet: its size ({@code rowCount} x {@code columnCount}, the used range), the first rows
     * as the file shows them (the first is the header row), what was cut (null when nothing), and a
     * signed link to its picture where the server draws them (null otherwise).
     */
    public record SheetPreview(String name, int rowCount, int columnCount, List<List<String>> rows, String cut,
            String picture) {

        /** "10 rows x 4 columns". */
        public String size() {
            return rowCount + (rowCount == 1 ? " row" : " rows") + " x " + columnCount
                    + (columnCount == 1 ? " column" : " columns");
        }
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
