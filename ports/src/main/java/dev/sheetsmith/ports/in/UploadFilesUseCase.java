package dev.sheetsmith.ports.in;

import dev.sheetsmith.domain.Owner;
import java.io.InputStream;

/**
 * A file that comes in (an HTTP upload, import_file): an xlsx or xlsm is checked and stored as it
 * is, with everything it holds; a csv or ods becomes an xlsx of what it holds. Streams: the content
 * is never held whole in memory.
 */
public interface UploadFilesUseCase {

    /**
     * @param format a format id ("xlsx", "xlsm", "csv", "ods"); null to tell it from the name
     * @throws dev.sheetsmith.domain.InvalidInputException naming what was wrong; nothing is stored then
     */
    CreatedWorkbook upload(Owner owner, String filename, InputStream content, String format);
}
