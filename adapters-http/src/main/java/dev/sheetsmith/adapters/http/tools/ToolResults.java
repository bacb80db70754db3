package dev.sheetsmith.adapters.http.tools;

import dev.sheetsmith.adapters.http.mcp.McpContext;
import dev.sheetsmith.domain.StoredFile;
import dev.sheetsmith.ports.in.CreatedWorkbook;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Tool results in the shape every client can use: text with a Markdown link (Open-WebUI passes
 * only text to the model), structuredContent for programs, and a resource_link.
 */
final class ToolResults {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private ToolResults() {
    }

    static McpSchema.CallToolResult created(CreatedWorkbook created, McpContext context) {
        StoredFile file = created.file();
        McpContext.Location location = context.locate(file, created.link());
        String url = location.url();
        StringBuilder text = new StringBuilder();
        text.append("Created ").append(file.name()).append(" (").append(humanSize(file.sizeBytes())).append(")");
        if (!created.sheets().isEmpty()) {
            // a document (pdf) has no sheets to describe
            text.append(": ").append(created.sheets().stream().map(ToolResults::describe)
                    .collect(Collectors.joining("; ")));
        }
        text.append(".\n");
        if (created.renamed()) {
            text.append("A file named ").append(created.requestedName())
                    .append(" already existed, so this one is stored as ").append(file.name()).append(".\n");
        }
        if (!created.notes().isEmpty()) {
            // what a conversion could not carry over, cell by cell, so the model can tell the user
            text.append("Not carried over:\n");
            created.notes().forEach(note -> text.append("- ").append(note).append('\n'));
        }
        if (location.onDisk()) {
            text.append('\n').append(location.markdown(markdownText(file.name()))).append(".\n\n")
                    .append("Give the user this path as it is.");
        } else {
            text.append("\n[Download ").append(markdownText(file.name())).append("](").append(url).append(")\n\n")
                    .append("The link opens in a browser without signing in and expires ")
                    .append(WHEN.format(created.link().expires())).append(". Give the user this link as it is.");
        }

        Results.CreatedFile structured = Results.CreatedFile.of(created, location);

        McpSchema.ResourceLink link = McpSchema.ResourceLink.builder().uri(url).name(file.name()).title(file.name())
                .mimeType(file.mediaType()).size(file.sizeBytes()).description(location.onDisk()
                        ? "The file on this computer" : "Download link, expires " + created.link().expires())
                .build();
        return McpSchema.CallToolResult.builder().content(List.of(new McpSchema.TextContent(text.toString()), link))
                .structuredContent(structured).isError(false).build();
    }

    static McpSchema.CallToolResult error(String message) {
        return McpSchema.CallToolResult.builder().content(List.of(new McpSchema.TextContent(message))).isError(true)
                .build();
    }

    private static String describe(CreatedWorkbook.SheetSummary s) {
        int dataRows = s.rows() - (s.headerRow() ? 1 : 0);
        return "sheet '" + s.name() + "' with " + (s.headerRow() ? "a header row and " : "") + dataRows + " data row"
                + (dataRows == 1 ? "" : "s") + " x " + s.columns() + " column" + (s.columns() == 1 ? "" : "s");
    }

    static String humanSize(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    private static String markdownText(String s) {
        return s.replace("[", "\\[").replace("]", "\\]");
    }
}
