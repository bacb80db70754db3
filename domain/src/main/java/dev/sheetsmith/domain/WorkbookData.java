package dev.sheetsmith.domain;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** A whole workbook to write: one or more sheets with distinct names. */
public record WorkbookData(List<SheetData> sheets) {

    public WorkbookData {
        sheets = List.copyOf(sheets);
        if (sheets.isEmpty()) {
            throw new InvalidInputException("a workbook needs at least one sheet");
        }
        Set<String> seen = new HashSet<>();
        for (SheetData sheet : sheets) {
            // Excel compares sheet names without regard to case.
            if (!seen.add(sheet.name().toLowerCase(Locale.ROOT))) {
                throw new InvalidInputException("sheet name '" + sheet.name()
                        + "' is used twice; Excel needs every sheet name to be different (ignoring case)");
            }
        }
    }

    public long cellCount() {
        return sheets.stream().mapToLong(SheetData::cellCount).sum();
    }
}
