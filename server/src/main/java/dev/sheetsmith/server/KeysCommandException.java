package dev.sheetsmith.server;

/** A keys command that cannot go on; its message (a few lines) says what to do, and no stack trace follows. */
final class KeysCommandException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    KeysCommandException(String message) {
        super(message, null, false, false);
    }
}
