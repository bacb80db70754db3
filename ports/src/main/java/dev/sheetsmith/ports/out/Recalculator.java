package dev.sheetsmith.ports.out;

import dev.sheetsmith.domain.InvalidInputException;

/**
 * A second spreadsheet engine (LibreOffice) that opens a workbook, recalculates every formula and
 * writes it again as xlsx, so values our own engine cannot compute can be read off its result.
 * Optional and slow (a process per call): call it only when a read has formula cells left without
 * a value, never on every read.
 */
public interface Recalculator {

    /** Whether this recalculator computes anything (false for {@link #OFF}). */
    boolean enabled();

    /**
     * The workbook with every formula recalculated, as xlsx.
     *
     * @param format the stored file's format id ("xlsx", "ods")
     * @throws InvalidInputException when the engine is off, busy, too slow or cannot open the file
     */
    byte[] recalculate(byte[] workbook, String format);

    /** No second engine: nothing is recalculated. */
    Recalculator OFF = new Recalculator() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public byte[] recalculate(byte[] workbook, String format) {
            throw new InvalidInputException("no second engine is configured (libreoffice.enabled is false)");
        }
    };
}
