package dev.sheetsmith.domain;

import java.util.List;

/** What a workbook holds, for an assistant that needs to look before it reads or edits. */
public record WorkbookDescription(List<Sheet> sheets, List<DefinedName> definedNames) {

    public WorkbookDescription {
        sheets = List.copyOf(sheets);
        definedNames = List.copyOf(definedNames);
    }

    /**
     * @param usedRange the rectangle holding every non-empty cell, null for an empty sheet
     * @param headerRow the first used row's values as text (the likely header)
     * @param tables names of Excel tables on the sheet
     */
    public record Sheet(String name, CellRange usedRange, List<String> headerRow, List<String> tables) {
        public Sheet {
            headerRow = List.copyOf(headerRow);
            tables = List.copyOf(tables);
        }
    }

    public record DefinedName(String name, String refersTo) {
    }
}
