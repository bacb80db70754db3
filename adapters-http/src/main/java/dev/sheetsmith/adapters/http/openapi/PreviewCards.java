package dev.sheetsmith.adapters.http.openapi;

import dev.sheetsmith.adapters.http.mcp.McpContext;
import dev.sheetsmith.adapters.http.tools.Args;
import dev.sheetsmith.domain.CellRange;
import dev.sheetsmith.domain.CellValue;
import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.RangeRead;
import dev.sheetsmith.domain.WorkbookDescription;
import dev.sheetsmith.ports.in.ManageFilesUseCase;
import dev.sheetsmith.ports.in.ReadRangeQuery;
import dev.sheetsmith.ports.in.ReadWorkbookUseCase;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An HTML card for a file (the first rows of each sheet and a download button) that Open-WebUI
 * shows inline in the chat. Every cell is escaped: a cell can hold {@code <script>}.
 */
public final class PreviewCards {

    static final String NAME = "preview_file";
    static final String DESCRIPTION = "Show a file as a card in the chat: the first rows of each sheet and a download"
            + " button. Changes nothing.";
    static final Map<String, Object> INPUT_SCHEMA = Map.of("type", "object", "properties", Map.of(
            "file", Map.of("type", "string", "description", "The file's id or name, as list_files shows it."),
            "rows", Map.of("type", "integer", "minimum", 1, "maximum", 100,
                    "description", "Rows per sheet (default 10).")), "required", List.of("file"));
    private static final int MAX_SHEETS = 10;

    private final ReadWorkbookUseCase workbooks;
    private final ManageFilesUseCase files;

    public PreviewCards(ReadWorkbookUseCase workbooks, ManageFilesUseCase files) {
        this.workbooks = Objects.requireNonNull(workbooks, "workbooks");
        this.files = Objects.requireNonNull(files, "files");
    }

    /** The card; a bad argument or an unknown file is thrown for {@code ApiExceptionMappers} to answer. */
    Response card(McpContext context, Map<String, Object> arguments) {
        Args args = new Args(NAME, arguments, Set.of("file", "rows"));
        String file = args.requiredString("file");
        int rows = args.optionalInt("rows", 10);
        if (rows < 1 || rows > 100) {
            throw new InvalidInputException("'rows' must be between 1 and 100");
        }
        var described = workbooks.describeWorkbook(context.owner(), file);
        var link = files.downloadLink(context.owner(), described.file().id());
        StringBuilder html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
                .append(escape(described.file().name())).append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:12px;color:#222}")
                .append("table{border-collapse:collapse;margin:6px 0 14px;font-size:13px}")
                .append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;white-space:nowrap}")
                .append("th{background:#f3f3f3}.dl{display:inline-block;padding:6px 12px;background:#2563eb;")
                .append("color:#fff;border-radius:6px;text-decoration:none}</style></head><body><h3>")
                .append(escape(described.file().name())).append("</h3>");
        List<WorkbookDescription.Sheet> sheets = described.description().sheets();
        for (WorkbookDescription.Sheet sheet : sheets.subList(0, Math.min(MAX_SHEETS, sheets.size()))) {
            html.append("<h4>").append(escape(sheet.name())).append("</h4>");
            if (sheet.usedRange() == null) {
                html.append("<p>(empty)</p>");
                continue;
            }
            CellRange first = new CellRange(sheet.usedRange().firstRow(), sheet.usedRange().firstColumn(),
                    Math.min(sheet.usedRange().lastRow(), sheet.usedRange().firstRow() + rows),
                    Math.min(sheet.usedRange().lastColumn(), sheet.usedRange().firstColumn() + 19));
            RangeRead read = workbooks.readRange(context.owner(), new ReadRangeQuery(described.file().id(),
                    sheet.name(), first, false, ReadRangeQuery.LIMIT_MAX_CELLS));
            html.append("<table>");
            for (int r = 0; r < read.rows().size(); r++) {
                html.append("<tr>");
                for (CellValue value : read.rows().get(r)) {
                    String tag = r == 0 ? "th" : "td";
                    html.append('<').append(tag).append('>').append(escape(value.display())).append("</")
                            .append(tag).append('>');
                }
                html.append("</tr>");
            }
            html.append("</table>");
            if (sheet.usedRange().rowCount() > read.rows().size()) {
                html.append("<p>").append(sheet.usedRange().rowCount() - read.rows().size())
                        .append(" more row(s)</p>");
            }
        }
        html.append("<a class=\"dl\" href=\"").append(escape(context.baseUrl() + link.link().pathAndQuery()))
                .append("\" download>Download ").append(escape(described.file().name())).append("</a></body></html>");
        return Response.ok(html.toString(), "text/html; charset=utf-8").header("Content-Disposition", "inline")
                .header("X-Content-Type-Options", "nosniff").build();
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
