package dev.sheetsmith.ports.out;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Files a chat server holds for its users, e.g. what someone attached to an Open-WebUI message.
 * Only the server the operator configured is ever asked, never an address the caller gives.
 */
public interface ChatFiles {

    /** No chat server configured: {@link #configured()} is false and nothing is ever fetched. */
    ChatFiles OFF = new ChatFiles() {
        @Override
        public boolean configured() {
            return false;
        }

        @Override
        public ChatFile open(String fileId) {
            throw new IllegalStateException("no chat server is configured");
        }
    };

    boolean configured();

    /**
     * Opens one file's content for reading; the caller closes it.
     *
     * @throws dev.sheetsmith.domain.NotFoundException when the chat server has no file {@code fileId} (or hides it)
     * @throws dev.sheetsmith.domain.InvalidInputException when the chat server refuses the call or answers
     *     something else, in a sentence for the caller
     * @throws IOException when the chat server cannot be reached or the transfer breaks
     */
    ChatFile open(String fileId) throws IOException;

    /**
     * One open file: the name the chat server gives it (null when it gives none), the id of the chat user
     * who owns it (null when unknown), its length when the server says it (-1 when not), and its bytes,
     * read as they arrive.
     */
    record ChatFile(String name, String ownerId, long length, InputStream content) implements Closeable {

        public ChatFile {
            Objects.requireNonNull(content, "content");
        }

        @Override
        public void close() throws IOException {
            content.close();
        }
    }
}
