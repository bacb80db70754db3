package dev.sheetsmith.adapters.http.mcp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A JSON-RPC result that never changes while the server runs (a profile's tools/list, an initialize result),
 * kept serialised and also gzip-compressed, so that answering it costs framing an id, not serialising or
 * compressing some 80 KB again.
 *
 * <p>Open-WebUI's MCP client (the Python SDK over httpx) sends {@code Accept-Encoding: gzip, deflate} with
 * every request, and Jetty's gzip handler compressed the full tools/list anew for every chat message. The kept
 * gzip answer puts the id last, {@code {"jsonrpc":"2.0","result":...,"id":N}} (member order means nothing in
 * JSON), so everything before the id is one constant run of deflate blocks ending on a byte boundary; each
 * answer appends the id as a final stored block and finishes the CRC-32 over those few bytes.
 */
final class KeptResult {

    private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    private static final int[] CRC_TABLE = new int[256];

    static {
        for (int n = 0; n < 256; n++) {
            int c = n;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
            }
            CRC_TABLE[n] = c;
        }
    }

    private final byte[] json;
    /** The gzip header and the deflated {@code {"jsonrpc":"2.0","result":<json>}: not final, byte-aligned. */
    private final byte[] gzipPrefix;
    /** CRC-32 of the uncompressed prefix. */
    private final int prefixCrc;
    private final long prefixLength;

    KeptResult(byte[] json) {
        this.json = json.clone();
        byte[] head = "{\"jsonrpc\":\"2.0\",\"result\":".getBytes(StandardCharsets.US_ASCII);
        byte[] plain = new byte[head.length + json.length];
        System.arraycopy(head, 0, plain, 0, head.length);
        System.arraycopy(json, 0, plain, head.length, json.length);
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 4 + 64);
        out.writeBytes(GZIP_HEADER);
        try {
            deflater.setInput(plain);
            byte[] buffer = new byte[8192];
            int n;
            // SYNC_FLUSH (again while it fills the buffer): the blocks end with an empty stored block, so the
            // stream is byte-aligned and not final.
            do {
                n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
                out.write(buffer, 0, n);
            } while (n == buffer.length);
        } finally {
            deflater.end();
        }
        this.gzipPrefix = out.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(plain);
        this.prefixCrc = (int) crc.getValue();
        this.prefixLength = plain.length;
    }

    /** The result alone (for the plain answer, id first). */
    byte[] json() {
        return json;
    }

    /** Bytes of the gzip answer sent before {@link #gzipTail}. */
    byte[] gzipPrefix() {
        return gzipPrefix;
    }

    /**
     * The rest of the gzip answer for this id: a final stored block with {@code ,"id":<id>}} and the gzip
     * trailer (CRC-32 and length of the whole uncompressed answer).
     *
     * @param idJson the id as JSON (a number, or an escaped string)
     */
    byte[] gzipTail(String idJson) {
        byte[] text = (",\"id\":" + idJson + "}").getBytes(StandardCharsets.UTF_8);
        if (text.length > 0xffff) {
            throw new IllegalArgumentException("a JSON-RPC id of " + text.length + " bytes is too long to frame");
        }
        byte[] tail = new byte[5 + text.length + 8];
        tail[0] = 1; // BFINAL = 1, BTYPE = 00 (stored), padded to the byte
        tail[1] = (byte) text.length;
        tail[2] = (byte) (text.length >>> 8);
        tail[3] = (byte) ~text.length;
        tail[4] = (byte) (~text.length >>> 8);
        System.arraycopy(text, 0, tail, 5, text.length);
        int crc = ~prefixCrc;
        for (byte b : text) {
            crc = CRC_TABLE[(crc ^ b) & 0xff] ^ (crc >>> 8);
        }
        crc = ~crc;
        long size = prefixLength + text.length;
        int at = 5 + text.length;
        for (int i = 0; i < 4; i++) {
            tail[at + i] = (byte) (crc >>> (8 * i));
            tail[at + 4 + i] = (byte) (size >>> (8 * i));
        }
        return tail;
    }

    /**
     * Whether an {@code Accept-Encoding} value accepts gzip (gzip, x-gzip or *, with a q above 0; gzip itself
     * refused with q=0 wins over *).
     */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null || acceptEncoding.isBlank()) {
            return false;
        }
        Boolean gzip = null;
        boolean any = false;
        for (String part : acceptEncoding.split(",")) {
            String[] pieces = part.split(";");
            String coding = pieces[0].strip().toLowerCase(Locale.ROOT);
            boolean allowed = true;
            for (int i = 1; i < pieces.length; i++) {
                String param = pieces[i].strip().toLowerCase(Locale.ROOT);
                if (param.startsWith("q=")) {
                    try {
                        allowed = Double.parseDouble(param.substring(2).strip()) > 0;
                    } catch (NumberFormatException e) {
                        allowed = false;
                    }
                }
            }
            if (coding.equals("gzip") || coding.equals("x-gzip")) {
                gzip = gzip == null ? allowed : gzip || allowed;
            } else if (coding.equals("*")) {
                any = allowed;
            }
        }
        return gzip != null ? gzip : any;
    }
}
