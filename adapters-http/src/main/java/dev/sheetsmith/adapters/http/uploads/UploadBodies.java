package dev.sheetsmith.adapters.http.uploads;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.sheetsmith.domain.StoredFile;
import dev.sheetsmith.ports.in.CreatedWorkbook;
import java.util.List;

/** The upload route's answers, with the same fields as the tools' file results (structuredContent). */
final class UploadBodies {

    private UploadBodies() {
    }

    /** Files stored, and files refused with why (a multipart form may mix both). */
    record Answer(List<FileRecord> files, List<Refused> refused) {
    }

    record Refused(String name, String error) {
    }

    record Sheet(String name, int rows, int columns, boolean headerRow) {
    }

    record FileRecord(String fileId, String name, String requestedName, String format, String mediaType,
            long sizeBytes, int revision, List<Sheet> sheets, String downloadUrl, String expiresAt,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> notes) {

        static FileRecord of(CreatedWorkbook created, String baseUrl) {
            StoredFile file = created.file();
            return new FileRecord(file.id(), file.name(), created.requestedName(), file.format(), file.mediaType(),
                    file.sizeBytes(), file.revision(), created.sheets().stream().map(s -> new Sheet(s.name(), s.rows(),
                            s.columns(), s.headerRow())).toList(), baseUrl + created.link().pathAndQuery(),
                    created.link().expires().toString(), created.notes());
        }
    }
}
