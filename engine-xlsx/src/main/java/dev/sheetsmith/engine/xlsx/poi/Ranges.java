package dev.sheetsmith.engine.xlsx.poi;

import dev.sheetsmith.domain.CellRange;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;

/** Ranges between the domain's CellRange and POI: addresses, a sheet's used area, sqref lists. */
public final class Ranges {

    private Ranges() {
    }

    /** The domain range as POI's address. */
    public static CellRangeAddress address(CellRange range) {
        return new CellRangeAddress(range.firstRow(), range.lastRow(), range.firstColumn(), range.lastColumn());
    }

    /** The last column holding a cell on any row; -1 for an empty sheet. */
    public static int lastColumn(Sheet sheet) {
        int last = -1;
        for (Row row : sheet) {
            last = Math.max(last, row.getLastCellNum() - 1);
        }
        return last;
    }

    /** The rectangle from the first used row and column to the last; null for an empty sheet. */
    public static CellRange usedRange(Sheet sheet) {
        int lastColumn = -1;
        int firstColumn = Integer.MAX_VALUE;
        for (Row row : sheet) {
            if (row.getLastCellNum() > 0) {
                lastColumn = Math.max(lastColumn, row.getLastCellNum() - 1);
                firstColumn = Math.min(firstColumn, Math.max(0, row.getFirstCellNum()));
            }
        }
        if (lastColumn < 0) {
            return null;
        }
        return new CellRange(Math.max(0, sheet.getFirstRowNum()), firstColumn, sheet.getLastRowNum(), lastColumn);
    }

    /** The ranges of an sqref attribute (a list of strings in XMLBeans) one by one. */
    @SuppressWarnings("unchecked")
    public static List<String> stringList(Object sqref) {
        List<String> parts = new ArrayList<>();
        if (sqref instanceof List<?> list) {
            for (Object o : list) {
                parts.add(String.valueOf(o));
            }
        }
        return parts;
    }
}
