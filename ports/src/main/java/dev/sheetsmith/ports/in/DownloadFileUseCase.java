package dev.sheetsmith.ports.in;

import dev.sheetsmith.domain.StoredFile;
import java.io.IOException;
import java.io.InputStream;

/** Serves a file through a signed link: no API key, the signature is the credential. */
public interface DownloadFileUseCase {

    /**
     * @throws dev.sheetsmith.domain.AccessDeniedException when the signature is wrong or expired
     * @throws dev.sheetsmith.domain.NotFoundException when the file is gone
     */
    Download download(String fileId, String name, long expiresEpochSecond, String signature);

    interface Download {
        StoredFile file();

        InputStream open() throws IOException;
    }
}
