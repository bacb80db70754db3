package dev.sheetsmith.spi;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * What one read of an uploaded or stored file may take. A reader counts while it streams and
 * stops at the first limit it reaches, with {@link #tooManyCells} or {@link #tooLarge}, so that an
 * oversized file is refused before it is held in memory.
 *
 * @param maxCells cells (header cells and empty cells inside a row included, as the host counts
 *     them) the whole read may produce; the host's {@code limits.maxCellsPerCall}
 * @param maxRows rows a sheet may have (header included); {@code limits.maxRows}
 * @param maxColumns columns a row may have; {@code limits.maxColumns}
 * @param maxUnpackedBytes bytes one part of a zipped file (a sheet's XML, the shared strings,
 *     content.xml) may unpack to; {@code limits.maxUnpackedBytes}
 * @param maxTextChars characters the text a reader must hold at once (xlsx shared strings) may
 *     have; the host's {@code limits.maxImportBytes}
 */
public record ReadLimits(long maxCells, int maxRows, int maxColumns, long maxUnpackedBytes, long maxTextChars) {

    public ReadLimits {
        if (maxCells < 1 || maxRows < 1 || maxColumns < 1 || maxUnpackedBytes < 1 || maxTextChars < 1) {
            throw new IllegalArgumentException("read limits must be positive");
        }
    }

    /** No limit but Excel's own sheet size: for tests and for reads the host bounds otherwise. */
    public static ReadLimits none() {
        return new ReadLimits(Long.MAX_VALUE, 1_048_576, 16_384, Long.MAX_VALUE, Long.MAX_VALUE);
    }

    /**
     * The refusal when a read passes {@link #maxCells}.
     *
     * @param where where reading stopped, e.g. "sheet 'Data', row 2041"
     */
    public InvalidFileException tooManyCells(String where) {
        return new InvalidFileException("the file has more than " + maxCells + " cells; this server takes at most "
                + maxCells + " per call (limits.maxCellsPerCall). Reading stopped at " + where
                + ". Split the file, or ask the operator to raise the limit.");
    }

    /** The refusal when a sheet passes {@link #maxRows} or a row passes {@link #maxColumns}. */
    public InvalidFileException tooLarge(String sheet, long row, long column) {
        if (row > maxRows) {
            return new InvalidFileException("sheet '" + sheet + "' has more than " + maxRows + " rows; this server"
                    + " allows " + maxRows + " rows per sheet (limits.maxRows)");
        }
        return new InvalidFileException("sheet '" + sheet + "' has a row with more than " + maxColumns + " columns"
                + " (row " + row + "); this server allows " + maxColumns + " columns per sheet (limits.maxColumns)");
    }

    /** The refusal when one part of a zipped file unpacks to more than {@link #maxUnpackedBytes}. */
    public InvalidFileException unpacksTooLarge(String part) {
        return new InvalidFileException("the file's part " + part + " unpacks to more than " + maxUnpackedBytes
                + " bytes; this server reads at most " + maxUnpackedBytes + " per part (limits.maxUnpackedBytes)");
    }

    /**
     * {@code part} (an unpacked zip entry) as a stream that refuses with {@link #unpacksTooLarge}
     * once more than {@link #maxUnpackedBytes} have been read from it.
     */
    public InputStream bounded(InputStream part, String name) {
        return new FilterInputStream(part) {
            private long read;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    count(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    count(n);
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                long skipped = super.skip(n);
                count(skipped);
                return skipped;
            }

            private void count(long n) {
                read += n;
                if (read > maxUnpackedBytes) {
                    throw unpacksTooLarge(name);
                }
            }
        };
    }
}
