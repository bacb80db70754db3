package dev.sheetsmith.domain;

/** Something the caller named does not exist, or belongs to someone else (which looks the same). */
public final class NotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message, null, false, false);
    }
}
