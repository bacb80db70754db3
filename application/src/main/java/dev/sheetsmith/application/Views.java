package dev.sheetsmith.application;

import dev.sheetsmith.domain.CellValue;
import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.SheetData;
import dev.sheetsmith.domain.WorkbookData;
import dev.sheetsmith.spi.InvalidFileException;
import dev.sheetsmith.spi.SheetView;
import dev.sheetsmith.spi.WorkbookView;
import java.util.List;
import java.util.stream.Stream;

/**
 * The boundary between the domain and the format-plugin SPI: read-only SPI views over domain data,
 * so plugins never see (or change) the domain objects, and the SPI's cells and refusals turned back
 * into the domain's. The two cell types hold the same seven kinds and convert one for one.
 */
final class Views {

    private Views() {
    }

    static WorkbookView of(WorkbookData workbook) {
        List<SheetView> sheets = workbook.sheets().stream().map(Views::of).toList();
        return () -> sheets;
    }

    static SheetView of(SheetData sheet) {
        return new SheetView() {
            @Override
            public String name() {
                return sheet.name();
            }

            @Override
            public List<String> headers() {
                return sheet.headers();
            }

            @Override
            public int columnCount() {
                return sheet.columnCount();
            }

            @Override
            public Stream<List<dev.sheetsmith.spi.CellValue>> rows() {
                // converted row by row as the plugin streams, never all at once
                return sheet.rows().stream().map(row -> row.stream().map(Views::toSpi).toList());
            }
        };
    }

    /** A plugin's refusal as the domain's: the message, which names what and where, unchanged. */
    static InvalidInputException refusal(InvalidFileException refused) {
        return new InvalidInputException(refused.getMessage());
    }

    static List<CellValue> toDomain(List<dev.sheetsmith.spi.CellValue> row) {
        return row.stream().map(Views::toDomain).toList();
    }

    static CellValue toDomain(dev.sheetsmith.spi.CellValue value) {
        if (value instanceof dev.sheetsmith.spi.CellValue.Text t) {
            return new CellValue.Text(t.value());
        }
        if (value instanceof dev.sheetsmith.spi.CellValue.Number n) {
            return new CellValue.Number(n.value());
        }
        if (value instanceof dev.sheetsmith.spi.CellValue.Bool b) {
            return new CellValue.Bool(b.value());
        }
        if (value instanceof dev.sheetsmith.spi.CellValue.Date d) {
            return new CellValue.Date(d.value());
        }
        if (value instanceof dev.sheetsmith.spi.CellValue.DateTime dt) {
            return new CellValue.DateTime(dt.value());
        }
        if (value instanceof dev.sheetsmith.spi.CellValue.Formula f) {
            return new CellValue.Formula(f.expression());
        }
        if (value == null) {
            throw new IllegalStateException("a format plugin returned a null cell; empty cells are CellValue.EMPTY");
        }
        return CellValue.EMPTY;
    }

    static dev.sheetsmith.spi.CellValue toSpi(CellValue value) {
        if (value instanceof CellValue.Text t) {
            return new dev.sheetsmith.spi.CellValue.Text(t.value());
        }
        if (value instanceof CellValue.Number n) {
            return new dev.sheetsmith.spi.CellValue.Number(n.value());
        }
        if (value instanceof CellValue.Bool b) {
            return new dev.sheetsmith.spi.CellValue.Bool(b.value());
        }
        if (value instanceof CellValue.Date d) {
            return new dev.sheetsmith.spi.CellValue.Date(d.value());
        }
        if (value instanceof CellValue.DateTime dt) {
            return new dev.sheetsmith.spi.CellValue.DateTime(dt.value());
        }
        if (value instanceof CellValue.Formula f) {
            return new dev.sheetsmith.spi.CellValue.Formula(f.expression());
        }
        return dev.sheetsmith.spi.CellValue.EMPTY;
    }
}
