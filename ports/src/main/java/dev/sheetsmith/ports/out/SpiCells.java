package dev.sheetsmith.ports.out;

import dev.sheetsmith.domain.CellValue;
import dev.sheetsmith.spi.SheetView;
import java.util.List;

/**
 * The one conversion between the domain's cells and the format SPI's, for every host-side caller of a
 * format plugin (the application's use cases, the xlsx engine's file API): the SPI depends on nothing,
 * so it has cells of its own. The two cell types hold the same seven kinds and convert one for one.
 */
public final class SpiCells {

    private SpiCells() {
    }

    public static CellValue toDomain(dev.sheetsmith.spi.CellValue value) {
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

    public static dev.sheetsmith.spi.CellValue toSpi(CellValue value) {
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

    public static List<CellValue> toDomain(List<dev.sheetsmith.spi.CellValue> row) {
        return row.stream().map(SpiCells::toDomain).toList();
    }

    public static List<dev.sheetsmith.spi.CellValue> toSpi(List<CellValue> row) {
        return row.stream().map(SpiCells::toSpi).toList();
    }

    /** An SPI view over one sheet of domain rows held in memory. */
    public static SheetView sheet(String name, List<String> headers, List<List<CellValue>> rows) {
        return SheetView.of(name, headers, rows.stream().map(SpiCells::toSpi).toList());
    }
}
