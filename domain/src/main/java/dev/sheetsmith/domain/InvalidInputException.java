package dev.sheetsmith.domain;

/**
 * Input that cannot become a workbook. The message names what was wrong and where (sheet, row,
 * column), in words an assistant can act on; it never carries a stack trace to the caller.
 */
public final class InvalidInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message, null, false, false);
    }
}
