package dev.sheetsmith.engine.xlsx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sheetsmith.spi.CellValue;
import dev.sheetsmith.spi.SheetView;
import dev.sheetsmith.spi.WorkbookView;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/** A new workbook's sheet XML, read with java.util.zip: what the streaming writer's shortcuts keep. */
class XlsxFilesTest {

    private static final List<List<CellValue>> ROWS = List.of(
            List.of(new CellValue.Number(1), new CellValue.Text("a"), new CellValue.Bool(true),
                    new CellValue.Date(LocalDate.of(2024, 2, 29))),
            List.of(new CellValue.Number(2.5), CellValue.EMPTY, new CellValue.Bool(false),
                    new CellValue.DateTime(LocalDateTime.of(2024, 3, 1, 12, 34, 56))));

    /** A view that counts how often its rows are read, and says whether it may hold formulas. */
    private static SheetView view(boolean mayHoldFormulas, AtomicInteger passes) {
        SheetView rows = SheetView.of("Data", List.of("n", "t", "b", "d"), ROWS);
        return new SheetView() {
            @Override
            public String name() {
                return rows.name();
            }

            @Override
            public List<String> headers() {
                return rows.headers();
            }

            @Override
            public int columnCount() {
                return rows.columnCount();
            }

            @Override
            public Stream<List<CellValue>> rows() {
                passes.incrementAndGet();
                return rows.rows();
            }

            @Override
            public boolean mayHoldFormulas() {
                return mayHoldFormulas;
            }
        };
    }

    @Test
    void aViewThatKnowsItHoldsNoFormulasIsReadOnceAndWritesTheSameWorkbook() throws Exception {
        AtomicInteger unknown = new AtomicInteger();
        AtomicInteger known = new AtomicInteger();
        byte[] looked = write(view(true, unknown));
        byte[] trusted = write(view(false, known));
        assertThat(unknown.get()).as("looked for formulas, then wrote").isEqualTo(2);
        assertThat(known.get()).as("wrote only").isEqualTo(1);
        assertThat(part(trusted, "xl/worksheets/sheet1.xml")).isEqualTo(part(looked, "xl/worksheets/sheet1.xml"));
        assertThat(part(trusted, "xl/styles.xml")).isEqualTo(part(looked, "xl/styles.xml"));
    }

    @Test
    void plainCellsCarryNoStyleAndDatesAndHeadersTheirOwn() throws Exception {
        String sheet = part(write(view(false, new AtomicInteger())), "xl/worksheets/sheet1.xml");
        // values without a style of their own are written without an s attribute, as SXSSF always did
        assertThat(sheet).contains("<c r=\"A2\" t=\"n\"><v>1.0</v></c>")
                .contains("<c r=\"B2\" t=\"inlineStr\"><is><t>a</t></is></c>")
                .contains("<c r=\"C2\" t=\"b\"><v>1</v></c>")
                .contains("<c r=\"A3\" t=\"n\"><v>2.5</v></c>")
                .doesNotContain("s=\"0\"");
        assertThat(sheet).containsPattern("<c r=\"A1\" s=\"[1-9]\\d*\" t=\"inlineStr\">")
                .containsPattern("<c r=\"D2\" s=\"[1-9]\\d*\" t=\"n\"><v>45351.0</v></c>")
                .containsPattern("<c r=\"D3\" s=\"[1-9]\\d*\" t=\"n\"><v>45352.52")
                .doesNotContain("r=\"B3\"");
    }

    private static byte[] write(SheetView sheet) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XlsxFiles.write(WorkbookView.of(List.of(sheet)), out);
        return out.toByteArray();
    }

    private static String part(byte[] xlsx, String name) throws Exception {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(xlsx))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (e.getName().equals(name)) {
                    return new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError(name + " is not in the workbook");
    }
}
