package dev.sheetsmith.application;

import dev.sheetsmith.domain.CellValue;
import dev.sheetsmith.domain.SheetData;
import dev.sheetsmith.domain.WorkbookData;
import dev.sheetsmith.ports.spi.SheetView;
import dev.sheetsmith.ports.spi.WorkbookView;
import java.util.List;
import java.util.stream.Stream;

/** Read-only SPI views over domain data, so plugins never see (or change) the domain objects. */
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
            public Stream<List<CellValue>> rows() {
                return sheet.rows().stream();
            }
        };
    }
}
