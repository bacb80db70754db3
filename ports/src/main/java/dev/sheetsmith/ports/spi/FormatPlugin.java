package dev.sheetsmith.ports.spi;

import java.io.IOException;
import java.io.OutputStream;

/**
 * An output format, found with {@link java.util.ServiceLoader}. Built-in formats implement it too.
 * Implementations must be stateless and thread-safe: one instance serves every request.
 * Methods added after version 1 are {@code default} methods, so older plugins keep working.
 */
public interface FormatPlugin {

    /** The SPI version this interface describes; the host refuses plugins built for a newer one. */
    int SPI_VERSION = 1;

    /** Stable lowercase id, e.g. {@code xlsx}; callers name formats by it. */
    String id();

    /** File extension without the dot, e.g. {@code xlsx}. */
    String extension();

    /** Media type sent with downloads. */
    String mediaType();

    /** Writes the whole workbook to {@code out}; must not close it. */
    void write(WorkbookView workbook, OutputStream out) throws IOException;

    /** The SPI version the plugin was built against. */
    default int spiVersion() {
        return SPI_VERSION;
    }
}
