package dev.sheetsmith.adapters.http.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** JSON-RPC error envelopes for transport-level failures: never an exception, a class name or SQL. */
public final class JsonRpcErrors {

    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int INVALID_PARAMS = -32602;
    public static final int INTERNAL_ERROR = -32603;
    /** Server-defined codes (the -32000 range) for HTTP-level refusals. */
    public static final int BAD_SESSION = -32000;
    public static final int FORBIDDEN = -32001;
    public static final int TOO_LARGE = -32002;
    public static final int METHOD_NOT_ALLOWED = -32003;
    public static final int UNSUPPORTED_MEDIA_TYPE = -32004;

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonRpcErrors() {
    }

    public static void write(HttpServletResponse response, int status, Object id, int code, String message) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("jsonrpc", "2.0");
        body.set("id", JSON.valueToTree(id));
        ObjectNode error = body.putObject("error");
        error.put("code", code);
        error.put("message", message);
        byte[] bytes = JSON.writeValueAsBytes(body);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
