package dev.sheetsmith.domain;

import java.util.List;

/** One page of a list in a stable order; {@code nextCursor} fetches the next page, null at the end. */
public record Page<T>(List<T> items, String nextCursor) {

    public Page {
        items = List.copyOf(items);
    }
}
