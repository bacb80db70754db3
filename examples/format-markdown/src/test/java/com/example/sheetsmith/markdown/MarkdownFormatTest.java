package com.example.sheetsmith.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sheetsmith.spi.CellValue;
import dev.sheetsmith.spi.FormatPlugin;
import dev.sheetsmith.spi.SheetView;
import dev.sheetsmith.spi.WorkbookView;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class MarkdownFormatTest {

    @Test
    void writesOneTablePerSheetWithCellsEscaped() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new MarkdownFormat().write(WorkbookView.of(List.of(SheetView.of("People", List.of("Name", "Joined"),
                List.of(List.of(new CellValue.Text("Ada | Lovelace"), new CellValue.Date(LocalDate.of(2024, 3, 1))),
                        List.of(new CellValue.Text("two\nlines")))))), out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("## People\n\n| Name | Joined |\n| --- | --- |\n"
                + "| Ada \\| Lovelace | 2024-03-01 |\n| two<br>lines |  |\n\n");
    }

    @Test
    void isRegisteredForServiceLoader() {
        assertThat(ServiceLoader.load(FormatPlugin.class).stream().map(ServiceLoader.Provider::type))
                .contains(MarkdownFormat.class);
    }
}
