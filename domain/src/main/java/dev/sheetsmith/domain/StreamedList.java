package dev.sheetsmith.domain;

/**
 * Marks a list whose items live outside the heap (a large request's rows spilled to a scratch
 * file as they were read) and are produced afresh on each pass: iterate it (every pass reads the
 * items once, in order); {@code get(i)} walks from the start. {@link SheetData} keeps such a list
 * as it is instead of copying it, and {@link SheetInput} reads one without holding its rows.
 */
public interface StreamedList {
}
