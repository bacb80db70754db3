package dev.sheetsmith.adapters.http.tools;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.sheetsmith.adapters.http.mcp.McpContext;
import dev.sheetsmith.domain.CellValue;
import dev.sheetsmith.domain.FileRevision;
import dev.sheetsmith.domain.SheetDetails;
import dev.sheetsmith.domain.StoredFile;
import dev.sheetsmith.domain.WorkbookDescription;
import dev.sheetsmith.ports.in.ConvertFilesUseCase;
import dev.sheetsmith.ports.in.CreatedWorkbook;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * The structuredContent of every tool, as records serialised one way everywhere (MCP, stdio and the
 * OpenAPI route); each shape has its schema in {@link ToolDefinition.Output}. A value that may be
 * absent is left out of the JSON ({@code NON_NULL}); a value the schema says may be null is written
 * as null.
 */
public final class Results {

    private static final DateTimeFormatter ISO_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private Results() {
    }

    /** A result about one file that a change made: the audit log records its id and what it says. */
    interface FileChange {
        String fileId();

        String auditDetail();
    }

    /**
     * One file, as every tool names it; with its link when the tool hands it over ({@code path} instead
     * of {@code expiresAt} for a file on this computer), and with {@code summary} when a call changed it.
     */
    public record FileResult(String fileId, String name, String format, long sizeBytes, int revision, String sha256,
            String modified, @JsonInclude(JsonInclude.Include.NON_NULL) String summary,
            @JsonInclude(JsonInclude.Include.NON_NULL) String downloadUrl,
            @JsonInclude(JsonInclude.Include.NON_NULL) String expiresAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) String path) implements FileChange {

        public static FileResult of(StoredFile f) {
            return new FileResult(f.id(), f.name(), f.format(), f.sizeBytes(), f.revision(), f.sha256(),
                    f.updated().toString(), null, null, null, null);
        }

        static FileResult at(StoredFile f, McpContext.Location location) {
            return of(f).locatedAt(location);
        }

        FileResult locatedAt(McpContext.Location location) {
            return new FileResult(fileId, name, format, sizeBytes, revision, sha256, modified, summary, location.url(),
                    location.onDisk() ? null : location.expires().toString(), location.path());
        }

        FileResult changed(String what) {
            return new FileResult(fileId, name, format, sizeBytes, revision, sha256, modified, what, downloadUrl,
                    expiresAt, path);
        }

        @Override
        public String auditDetail() {
            return summary != null ? summary : name;
        }
    }

    /** A file a call made (create, export, import). */
    public record CreatedFile(String fileId, String name, String requestedName, String format, String mediaType,
            long sizeBytes, int revision, List<CreatedWorkbook.SheetSummary> sheets, String downloadUrl,
            @JsonInclude(JsonInclude.Include.NON_NULL) String expiresAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) String path,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> notes) implements FileChange {

        static CreatedFile of(CreatedWorkbook created, McpContext.Location location) {
            StoredFile f = created.file();
            return new CreatedFile(f.id(), f.name(), created.requestedName(), f.format(), f.mediaType(),
                    f.sizeBytes(), f.revision(), created.sheets(), location.url(),
                    location.onDisk() ? null : location.expires().toString(), location.path(), created.notes());
        }

        @Override
        public String auditDetail() {
            return name;
        }
    }

    public record FileList(List<FileResult> files) {
    }

    /** describe_workbook: the file, its sheets and its defined names. */
    public record Workbook(String fileId, String name, String format, long sizeBytes, int revision, String sha256,
            String modified, List<Sheet> sheets, List<WorkbookDescription.DefinedName> definedNames) {

        /** @param regions each sheet's blocks of data, as describe/RegionsText gives them (in sheet order) */
        static Workbook of(StoredFile f, WorkbookDescription d, List<List<Map<String, Object>>> regions) {
            List<Sheet> sheets = new java.util.ArrayList<>();
            for (int i = 0; i < d.sheets().size(); i++) {
                sheets.add(Sheet.of(d.sheets().get(i), i < regions.size() ? regions.get(i) : List.of()));
            }
            return new Workbook(f.id(), f.name(), f.format(), f.sizeBytes(), f.revision(), f.sha256(),
                    f.updated().toString(), sheets, d.definedNames());
        }
    }

    /** One sheet of describe_workbook; {@code usedRange} is null for an empty sheet. */
    public record Sheet(String name, String usedRange, int rows, int columns, List<String> headerRow,
            List<String> tables, List<Map<String, Object>> regions) {

        static Sheet of(WorkbookDescription.Sheet s, List<Map<String, Object>> regions) {
            return new Sheet(s.name(), s.usedRange() == null ? null : s.usedRange().toA1(),
                    s.usedRange() == null ? 0 : s.usedRange().rowCount(),
                    s.usedRange() == null ? 0 : s.usedRange().columnCount(), s.headerRow(), s.tables(), regions);
        }
    }

    /** describe_sheet: the file's id and name, and what the sheet holds. */
    public record SheetResult(String fileId, String name, SheetDetails sheet) {
    }

    /** read_range: a page of cells; {@code next_range} says where the next page starts (null: none). */
    public record RangeRead(String sheet, String range, List<List<Object>> rows,
            @com.fasterxml.jackson.annotation.JsonProperty("next_range") String nextRange,
            List<String> unevaluated,
            @com.fasterxml.jackson.annotation.JsonProperty("computed_by_libreoffice")
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> computedByLibreOffice) {
    }

    public record Matches(List<Match> matches, boolean truncated) {
    }

    public record Match(String sheet, String cell, Object value) {
    }

    public record Revisions(List<Revision> revisions) {
    }

    public record Revision(int revision, String created, long sizeBytes, String sha256, String change) {

        static Revision of(FileRevision r) {
            return new Revision(r.revision(), r.created().toString(), r.sizeBytes(), r.sha256(), r.change());
        }
    }

    public record Formats(List<Format> formats) {
    }

    /** One format; {@code maxSheets} is null when there is no limit. */
    public record Format(String id, String extension, String mediaType, String description, boolean canImport,
            Integer maxSheets, String source) {

        static Format of(ConvertFilesUseCase.FormatInfo f) {
            return new Format(f.id(), f.extension(), f.mediaType(), f.description(), f.canRead(),
                    f.maxSheets() == Integer.MAX_VALUE ? null : f.maxSheets(), f.source());
        }
    }

    /** A cell's value as JSON: text, a number (whole numbers without ".0"), true/false, ISO dates, or null. */
    static Object jsonValue(CellValue value) {
        if (value instanceof CellValue.Text t) {
            return t.value();
        }
        if (value instanceof CellValue.Number n) {
            double d = n.value();
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) (long) d : (Object) d;
        }
        if (value instanceof CellValue.Bool b) {
            return b.value();
        }
        if (value instanceof CellValue.Date d) {
            return d.value().toString();
        }
        if (value instanceof CellValue.DateTime dt) {
            return ISO_DATE_TIME.format(dt.value());
        }
        return null;
    }
}
