package dev.sheetsmith.application;

import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.SheetData;
import dev.sheetsmith.domain.WorkbookData;
import dev.sheetsmith.ports.out.SpiCells;
import dev.sheetsmith.spi.InvalidFileException;
import dev.sheetsmith.spi.SheetView;
import dev.sheetsmith.spi.WorkbookView;
import java.util.List;
import java.util.stream.Stream;

/**
 * The boundary between the domain and the format-plugin SPI: read-only SPI views over domain data,
 * so plugins never see (or change) the domain objects, and the SPI's refusals turned back into the
 * domain's. Cells convert through {@link SpiCells}, the one mapping the xlsx engine uses too.
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
            public boolean mayHoldFormulas() {
                // held rows: one look in memory; streamed rows: what their checking pass found
                return sheet.hasFormulas();
            }

            @Override
            public Stream<List<dev.sheetsmith.spi.CellValue>> rows() {
                // converted row by row as the plugin streams, never all at once
                return sheet.rows().stream().map(SpiCells::toSpi);
            }
        };
    }

    /** A plugin's refusal as the domain's: the message, which names what and where, unchanged. */
    static InvalidInputException refusal(InvalidFileException refused) {
        return new InvalidInputException(refused.getMessage());
    }
}
