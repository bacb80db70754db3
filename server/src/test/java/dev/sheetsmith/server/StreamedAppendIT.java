package dev.sheetsmith.server;

import static dev.sheetsmith.server.McpHttp.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sheetsmith.adapters.http.tools.LargeRequests;
import dev.sheetsmith.engine.xlsx.edit.stream.StreamedEdits;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue #17 items 2 and 3 together: a large append_rows body is read as a stream (its rows
 * spilled to disk) and appended on the stream (only the sheet's part rewritten), end to end,
 * within a memory budget far smaller than 500 bytes for each of its cells would take.
 */
class StreamedAppendIT {

    private static final int ROWS = 30_000;

    @RegisterExtension
    static final McpApp APP = McpApp.start("sheetsmith-streamed-append-it", "limits.maxCellsPerCall", "1000000",
            "limits.memoryBudget", "64MB", "limits.memoryWait", "200 milliseconds");

    private final McpHttp http = APP.http();
    private final String session = APP.session(http);

    private static List<Object> row(int r) {
        List<Object> row = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            row.add(c % 2 == 0 ? (Object) (r * 10 + c) : "text <" + r + "," + c + "> & ü");
        }
        return row;
    }

    @Test
    void aLargeAppendStreamsTheRequestAndTheSheetWithinASmallBudget() throws Exception {
        List<String> headers = List.of("c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9");
        ok(http.callTool(session, "create_excel_file", Map.of("filename", "log.xlsx", "headers", headers,
                "data", List.of(row(0), row(1)))));
        List<Object> data = new ArrayList<>();
        for (int r = 2; r < ROWS + 2; r++) {
            data.add(row(r));
        }
        long spilled = LargeRequests.spilledArrays();
        long streamed = StreamedEdits.streamedCount();
        // 300,000 cells: 150 MB at 500 bytes a cell, more than the whole 64 MB budget
        JsonNode appended = ok(http.callTool(session, "append_rows", Map.of("file", "log.xlsx", "data", data)));

        assertThat(LargeRequests.spilledArrays()).as("the body's rows were spilled as read").isGreaterThan(spilled);
        assertThat(StreamedEdits.streamedCount()).as("the sheet part was rewritten on the stream")
                .isEqualTo(streamed + 1);
        assertThat(appended.toString()).contains("appended " + ROWS + " row(s) to sheet 'Sheet1', now ending at row "
                + (ROWS + 3));

        // read back with java.util.zip, not POI: the last rows are there, typed, with nothing after them
        byte[] xlsx = http.download(appended.path("structuredContent").path("downloadUrl").asText()).body();
        String sheet = part(xlsx, "xl/worksheets/sheet1.xml");
        int last = ROWS + 3;
        assertThat(sheet).contains("<dimension ref=\"A1:J" + last + "\"/>");
        String lastRow = sheet.substring(sheet.lastIndexOf("<row "), sheet.indexOf("</sheetData>"));
        assertThat(lastRow).startsWith("<row r=\"" + last + "\">")
                .contains("<c r=\"A" + last + "\"><v>" + ((ROWS + 1) * 10) + ".0</v></c>")
                .contains("<c r=\"B" + last + "\" t=\"inlineStr\"><is><t>text &lt;" + (ROWS + 1)
                        + ",1&gt; &amp; ü</t></is></c>");
        assertThat(sheet.split("<row ", -1).length - 1).as("rows in the sheet").isEqualTo(last);
        JsonNode read = ok(http.callTool(session, "read_range", Map.of("file", "log.xlsx", "range",
                "A" + last + ":B" + last)));
        assertThat(read.path("structuredContent").path("rows").toString())
                .isEqualTo("[[" + ((ROWS + 1) * 10) + ",\"text <" + (ROWS + 1) + ",1> & ü\"]]");
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
