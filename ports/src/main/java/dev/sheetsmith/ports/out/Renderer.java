package dev.sheetsmith.ports.out;

import dev.sheetsmith.domain.InvalidInputException;
import java.util.Objects;

/**
 * A second spreadsheet engine (LibreOffice) that draws a stored workbook as a printable document:
 * {@code export_file} to pdf. Optional: when it is off, {@link #off(String)} answers every call with
 * a tool error that says how to turn it on.
 */
public interface Renderer {

    /** Whether this renderer draws anything (false for {@link #off(String)}). */
    boolean enabled();

    /**
     * The workbook drawn as {@code target} ("pdf"), as the engine prints it.
     *
     * @param workbook the stored file's bytes
     * @param format the stored file's format id ("xlsx", "ods", "csv")
     * @throws InvalidInputException when the engine is off, busy, too slow (stopped at its timeout) or
     *     cannot open the file: the message says which, and nothing is stored
     */
    byte[] render(byte[] workbook, String format, String target);

    /** A renderer that is off: every call is a tool error carrying {@code howToEnable}. */
    static Renderer off(String howToEnable) {
        Objects.requireNonNull(howToEnable, "howToEnable");
        return new Renderer() {
            @Override
            public boolean enabled() {
                return false;
            }

            @Override
            public byte[] render(byte[] workbook, String format, String target) {
                throw new InvalidInputException(howToEnable);
            }
        };
    }
}
