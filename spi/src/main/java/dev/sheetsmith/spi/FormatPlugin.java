package dev.sheetsmith.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * An output (and optionally input) format, found with {@link java.util.ServiceLoader}. Built-in
 * formats implement it too. Implementations must be thread-safe: one instance serves every request.
 *
 * <p>Stability: methods added after version 1 are {@code default} methods, so a plugin built
 * against an older SPI keeps working. A plugin built against a newer SPI than the host offers is
 * refused at start-up with its jar and both versions named: see {@link #spiVersion()}.
 *
 * <p>A plugin sees only this package ({@code dev.sheetsmith.spi}) and the JDK of the server: its
 * class loader shares nothing else, so it brings its own libraries in its jar.
 */
public interface FormatPlugin {

    /**
     * The SPI version this interface describes. A compile-time constant: the compiler copies its
     * value into every class that reads it, which is how {@link #spiVersion()} reports the version
     * a plugin was built against rather than the server's.
     *
     * <p>2 added {@link WorkbookView#notes()}, {@link SheetView#format()} and the types
     * {@link SheetFormat} and {@link CellStyle}: a plugin built against 2 may load those classes,
     * which a host offering 1 lacks, so such a host refuses it at start-up instead of failing
     * mid-read. Plugins built against 1 keep loading (the new methods are defaults).
     */
    int SPI_VERSION = 2;

    /** Stable lowercase id, e.g. {@code csv}; callers name formats by it. */
    String id();

    /** File extension without the dot, e.g. {@code csv}. */
    String extension();

    /** Media type sent with downloads, e.g. {@code text/csv; charset=utf-8}. */
    String mediaType();

    /**
     * Writes the workbook to {@code out} and must not close it. Rows arrive as a stream: a plugin
     * that writes row by row never holds a large sheet in memory.
     */
    void write(WorkbookView workbook, OutputStream out) throws IOException;

    /**
     * The SPI version the plugin was built against. Implement it as {@code return SPI_VERSION;}
     * (or {@code FormatPlugin.SPI_VERSION}): the constant is inlined into the plugin's class when it
     * is compiled, so the server reads the version of the SPI jar the plugin was built with, and
     * refuses a plugin built against a newer one than it offers. Abstract on purpose: a default
     * body would run from the server's copy of this interface and always answer the server's own
     * version.
     */
    int spiVersion();

    /** A short description for people choosing a format, e.g. "Comma-separated values (one sheet)". */
    default String description() {
        return id();
    }

    /** How many sheets one file of this format holds; the host refuses more before calling write. */
    default int maxSheets() {
        return Integer.MAX_VALUE;
    }

    /** Whether {@link #read} is implemented. */
    default boolean canRead() {
        return false;
    }

    /**
     * Reads a file of this format. Plugins that can read return {@code true} from {@link #canRead}.
     *
     * @throws IOException when the bytes are not a readable file of this format
     * @throws InvalidFileException when the file is readable but cannot be taken; its message, which
     *     names what and where, reaches the caller as is
     */
    default WorkbookView read(InputStream in) throws IOException {
        throw new UnsupportedOperationException(id() + " cannot be read");
    }

    /**
     * Reads a file of this format, counting while it reads and refusing at the first of {@code limits}
     * it passes (with the {@link ReadLimits} refusals, which name the limit and where reading stopped),
     * so that an oversized file is never held whole. The host counts the rows of the returned view
     * too, so a plugin that does not override this is still bounded, only later.
     *
     * @since SPI 1 (added later, as a default method)
     */
    default WorkbookView read(InputStream in, ReadLimits limits) throws IOException {
        return read(in);
    }

    /**
     * Settings for this plugin from the host's configuration ({@code formats.<id>.<key>}); called
     * once, before any other use. Unknown keys are the plugin's to ignore or refuse.
     */
    default void configure(Map<String, String> settings) {
    }
}
