package dev.sheetsmith.ports.in;

import dev.sheetsmith.domain.McpSession;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.domain.OwnerUsage;
import dev.sheetsmith.domain.Page;
import dev.sheetsmith.domain.StoredFile;
import java.util.List;

/** What an operator sees and steers: owners, sessions and files across all owners. */
public interface AdminUseCase {

    List<OwnerUsage> owners();

    Page<McpSession> sessions(Owner owner, String cursor, int limit);

    boolean endSession(String sessionId);

    int endSessions(Owner owner);

    Page<StoredFile> files(Owner owner, String nameContains, java.time.Instant changedSince, String cursor, int limit);

    /** @throws dev.sheetsmith.domain.NotFoundException when there is no such file */
    ManageFilesUseCase.LinkedFile file(String fileId);

    StoredFile deleteFile(String fileId);
}
