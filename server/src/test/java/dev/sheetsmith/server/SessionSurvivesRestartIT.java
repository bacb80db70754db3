package dev.sheetsmith.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.DropwizardTestSupport;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** A session id issued before a restart keeps working after it, on the same database. */
class SessionSurvivesRestartIT {

    @Test
    void theOldSessionIdAndTheOldLinkStillWorkAfterARestart() throws Exception {
        Path data = TestServers.tempDir("sheetsmith-restart-it");
        String session;
        String oldLink;

        DropwizardTestSupport<SheetsmithConfiguration> first = TestServers.support(data);
        first.before();
        try {
            McpHttp http = new McpHttp(first.getLocalPort());
            session = http.initialize();
            oldLink = http.callTool(session, "create_excel_file", Map.of("filename", "before.xlsx",
                    "headers", List.of("Before"))).path("structuredContent").path("downloadUrl").asText();
        } finally {
            first.after();
        }

        DropwizardTestSupport<SheetsmithConfiguration> second = TestServers.support(data);
        second.before();
        try {
            McpHttp http = new McpHttp(second.getLocalPort());
            HttpResponse<String> list = http.post(session, McpHttp.request(2, "tools/list", null));
            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(list.body()).contains("create_excel_file");

            JsonNode result = http.callTool(session, "create_excel_file", Map.of("filename", "after.xlsx",
                    "data", List.of(Map.of("After", 1))));
            assertThat(result.path("isError").asBoolean()).isFalse();
            HttpResponse<byte[]> download = http.download(result.path("structuredContent").path("downloadUrl").asText());
            try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(download.body()))) {
                assertThat(wb.getSheetAt(0).getRow(1).getCell(0).getNumericCellValue()).isEqualTo(1.0);
            }
            // The link from before the restart points at the old port; its path and signature still hold.
            String oldPath = oldLink.substring(oldLink.indexOf("/files/"));
            assertThat(http.download("http://127.0.0.1:" + second.getLocalPort() + oldPath).statusCode()).isEqualTo(200);
        } finally {
            second.after();
        }
    }
}
