package dev.sheetsmith.ports.in;

import dev.sheetsmith.domain.Owner;

/** Stores a file a user attached in a chat (e.g. Open-WebUI) for that user, as import_file stores an upload. */
public interface ImportChatFileUseCase {

    /**
     * Fetches file {@code fileId} from the configured chat server and stores it for {@code owner};
     * {@code name} (null: the chat server's name for it) tells the format by its extension.
     */
    CreatedWorkbook importChatFile(Owner owner, String fileId, String name);
}
