package dev.sheetsmith.domain;

/** A credential (an API key, a signed link) that does not grant what was asked. */
public final class AccessDeniedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AccessDeniedException(String message) {
        super(message, null, false, false);
    }
}
