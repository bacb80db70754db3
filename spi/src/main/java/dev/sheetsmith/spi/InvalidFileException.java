package dev.sheetsmith.spi;

/**
 * The file a plugin reads (or the workbook it writes) cannot be taken: it is malformed, or it
 * passes one of the {@link ReadLimits}. The message names what was wrong and where (sheet, row,
 * column, part) in words the caller can act on; the server passes it on as the tool's error, as
 * is. Any other exception from a plugin reaches the caller as a plain "could not be read".
 */
public final class InvalidFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidFileException(String message) {
        super(message, null, false, false);
    }
}
