package dev.sheetsmith.adapters.http.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

class KeptResultTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A result large and varied enough for several deflate blocks (as the 88 KB full tools/list). */
    private static byte[] bigResult() {
        StringBuilder tools = new StringBuilder("{\"tools\":[");
        for (int i = 0; i < 2000; i++) {
            tools.append(i == 0 ? "" : ",").append("{\"name\":\"tool_").append(i * 7919 % 1000)
                    .append("\",\"description\":\"Does thing ").append(Integer.toHexString(i * 31337))
                    .append(" \\u00e9t\\u00e9 \\\"quoted\\\"\"}");
        }
        return tools.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzipAnswer(KeptResult kept, String idJson) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(kept.gzipPrefix());
        out.writeBytes(kept.gzipTail(idJson));
        return out.toByteArray();
    }

    @Test
    void theGzipAnswerDecodesToTheResultWithEachId() throws IOException {
        byte[] result = bigResult();
        KeptResult kept = new KeptResult(result);
        for (String idJson : new String[] {"2", "-17", "9007199254740993", "\"abc\"", "\"\\\"x\\u00e9\\n\\\\\"", "\"\""}) {
            byte[] gz = gzipAnswer(kept, idJson);
            assertThat(gz.length).isLessThan(result.length / 3);
            byte[] plain;
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
                plain = in.readAllBytes(); // GZIPInputStream checks the CRC-32 and the length in the trailer
            }
            JsonNode answer = JSON.readTree(plain);
            assertThat(answer.get("jsonrpc").asText()).isEqualTo("2.0");
            assertThat(answer.get("id")).isEqualTo(JSON.readTree(idJson));
            assertThat(answer.get("result")).isEqualTo(JSON.readTree(result));
            assertThat(answer.size()).isEqualTo(3);
        }
    }

    /** A second reader: a raw inflater over the deflate data, with the trailer checked by hand. */
    @Test
    void aRawInflaterReadsOneFinalStreamAndTheTrailerMatches() throws Exception {
        byte[] result = bigResult();
        byte[] gz = gzipAnswer(new KeptResult(result), "42");
        assertThat(gz[0] & 0xff).isEqualTo(0x1f);
        assertThat(gz[1] & 0xff).isEqualTo(0x8b);
        Inflater inflater = new Inflater(true);
        inflater.setInput(gz, 10, gz.length - 10 - 8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (!inflater.finished()) {
            int n = inflater.inflate(buffer);
            assertThat(n > 0 || inflater.finished()).as("inflater stalled").isTrue();
            out.write(buffer, 0, n);
        }
        assertThat(inflater.getRemaining()).as("nothing after the final block").isZero();
        inflater.end();
        byte[] plain = out.toByteArray();
        String expected = "{\"jsonrpc\":\"2.0\",\"result\":" + new String(result, StandardCharsets.UTF_8) + ",\"id\":42}";
        assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo(expected);
        CRC32 crc = new CRC32();
        crc.update(plain);
        int at = gz.length - 8;
        long storedCrc = 0;
        long storedSize = 0;
        for (int i = 3; i >= 0; i--) {
            storedCrc = storedCrc << 8 | gz[at + i] & 0xff;
            storedSize = storedSize << 8 | gz[at + 4 + i] & 0xff;
        }
        assertThat(storedCrc).isEqualTo(crc.getValue());
        assertThat(storedSize).isEqualTo(plain.length);
    }

    @Test
    void acceptEncodingIsReadAsRfc9110Says() {
        assertThat(KeptResult.acceptsGzip("gzip, deflate")).isTrue(); // httpx, so Open-WebUI's MCP client
        assertThat(KeptResult.acceptsGzip("gzip, deflate, br, zstd")).isTrue();
        assertThat(KeptResult.acceptsGzip("GZIP")).isTrue();
        assertThat(KeptResult.acceptsGzip("x-gzip")).isTrue();
        assertThat(KeptResult.acceptsGzip("br;q=1.0, gzip;q=0.5")).isTrue();
        assertThat(KeptResult.acceptsGzip("*")).isTrue();
        assertThat(KeptResult.acceptsGzip(null)).isFalse();
        assertThat(KeptResult.acceptsGzip("")).isFalse();
        assertThat(KeptResult.acceptsGzip("identity")).isFalse();
        assertThat(KeptResult.acceptsGzip("deflate, br")).isFalse();
        assertThat(KeptResult.acceptsGzip("gzip;q=0")).isFalse();
        assertThat(KeptResult.acceptsGzip("gzip;q=0.000, *")).isFalse();
        assertThat(KeptResult.acceptsGzip("*;q=0")).isFalse();
        assertThat(KeptResult.acceptsGzip("gzip;q=abc")).isFalse();
    }
}
