package dev.sheetsmith.engine.xlsx.edit.stream;

/**
 * The streamed path cannot make this edit exactly as the user model does (a formula to
 * recompute, a pivot over the sheet, markup it does not read, ...): the edit goes through the
 * user model instead. Never an error the caller sees.
 */
final class NotStreamable extends RuntimeException {

    NotStreamable(String reason) {
        super(reason, null, false, false);
    }
}
