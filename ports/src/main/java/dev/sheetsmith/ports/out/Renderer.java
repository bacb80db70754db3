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

    /**
     * Whether {@link #picture} draws anything (LibreOffice on and poppler's pdftoppm installed);
     * previews show a picture only when this is true.
     */
    default boolean drawsPictures() {
        return false;
    }

    /**
     * One sheet drawn as a PNG picture (charts and images included), as LibreOffice prints it on
     * one page, at screen scale; a large sheet is cut to its top-left {@link #PICTURE_WIDTH} x
     * {@link #PICTURE_HEIGHT} pixels.
     *
     * @param sheetIndex the sheet's position in the workbook (0 = first; hidden sheets count)
     * @throws InvalidInputException when pictures are off, the engine is busy or too slow, or the
     *     workbook has no such sheet
     */
    default byte[] picture(byte[] workbook, String format, int sheetIndex) {
        throw new InvalidInputException("this server draws no pictures of sheets (it needs LibreOffice and"
                + " poppler's pdftoppm, and libreoffice.enabled: true)");
    }

    /** The largest picture {@link #picture} draws, in pixels. */
    int PICTURE_WIDTH = 1600;
    int PICTURE_HEIGHT = 1200;

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
