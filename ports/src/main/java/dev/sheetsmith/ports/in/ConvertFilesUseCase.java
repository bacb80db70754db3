package dev.sheetsmith.ports.in;

import dev.sheetsmith.domain.Owner;
import java.util.List;

/** Moving workbooks between formats: export a stored file, import an uploaded one, list formats. */
public interface ConvertFilesUseCase {

    /** A new stored file in {@code format}; {@code sheet} picks the sheet for one-sheet formats such as csv. */
    CreatedWorkbook exportFile(Owner owner, String fileRef, String format, String sheet);

    /** Reads an uploaded file ({@code sourceFormat} null: from the file name's extension) into a stored xlsx. */
    CreatedWorkbook importFile(Owner owner, String filename, byte[] content, String sourceFormat);

    List<FormatInfo> formats();

    record FormatInfo(String id, String extension, String mediaType, String description, boolean canRead,
            int maxSheets, String source) {
    }
}
