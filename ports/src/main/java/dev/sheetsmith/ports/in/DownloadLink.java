package dev.sheetsmith.ports.in;

import java.time.Instant;

/** A signed download path such as {@code /files/ID/name.xlsx?exp=..&sig=..}; the adapter adds the base URL. */
public record DownloadLink(String pathAndQuery, Instant expires) {
}
