package dev.sheetsmith.engine.xlsx.poi;

import dev.sheetsmith.domain.CellValue;
import dev.sheetsmith.spi.SheetView;
import java.util.List;

/**
 * The engine's file API meets the format SPI here: the engine speaks the domain's cells, the SPI its
 * own. The two cell types hold the same seven kinds, so each converts to the other one for one.
 */
public final class SpiValues {

    private SpiValues() {
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
        return row.stream().map(SpiValues::toDomain).toList();
    }

    public static List<dev.sheetsmith.spi.CellValue> toSpi(List<CellValue> row) {
        return row.stream().map(SpiValues::toSpi).toList();
    }

    /** An SPI view over one sheet of domain rows held in memory. */
    public static SheetView sheet(String name, List<String> headers, List<List<CellValue>> rows) {
        return SheetView.of(name, headers, rows.stream().map(SpiValues::toSpi).toList());
    }
}
