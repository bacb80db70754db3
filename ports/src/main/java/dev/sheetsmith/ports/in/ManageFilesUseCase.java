package dev.sheetsmith.ports.in;

import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.StoredFile;
import java.util.List;

/** An owner's files, named by id or by file name ({@code fileRef}). */
public interface ManageFilesUseCase {

    List<LinkedFile> listFiles(Owner owner);

    LinkedFile downloadLink(Owner owner, String fileRef);

    StoredFile deleteFile(Owner owner, String fileRef);

    record LinkedFile(StoredFile file, DownloadLink link) {
    }
}
