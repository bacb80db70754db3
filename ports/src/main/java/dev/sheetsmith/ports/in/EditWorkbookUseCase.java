package dev.sheetsmith.ports.in;

import dev.sheetsmith.domain.FileRevision;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.StoredFile;
import dev.sheetsmith.domain.WorkbookEdit;
import java.util.List;

/**
 * Changes to stored workbooks. Each change makes a new revision; the old one is kept and can be
 * restored. Changes to one file are applied one at a time, so none is lost.
 */
public interface EditWorkbookUseCase {

    Edited edit(Owner owner, String fileRef, WorkbookEdit edit);

    List<FileRevision> listRevisions(Owner owner, String fileRef);

    Edited restoreRevision(Owner owner, String fileRef, int revision);

    record Edited(StoredFile file, DownloadLink link, String summary) {
    }
}
