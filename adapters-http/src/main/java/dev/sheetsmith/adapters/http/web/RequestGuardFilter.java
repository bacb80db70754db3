package dev.sheetsmith.adapters.http.web;

import dev.sheetsmith.adapters.http.mcp.JsonRpcErrors;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one gate in front of every route of the application port, so that no web page a user happens
 * to visit can drive a server on their machine:
 * <ul>
 * <li>Host must name a host the server serves (DNS rebinding makes a foreign page same-origin with
 * a name that resolves to 127.0.0.1, but its requests still carry that name);</li>
 * <li>Origin, when a request carries one, must be the server's own, or one the operator allowed;</li>
 * <li>a POST, PUT or PATCH must say {@code Content-Type: application/json}: the types a page may
 * send without a CORS preflight (text/plain, forms) are refused;</li>
 * <li>a body may have at most {@code maxBodyBytes}: a larger Content-Length is refused before a
 * byte is read, and a chunked body is counted while it is read;</li>
 * <li>the upload route alone also takes multipart/form-data and a file's own type, up to its own
 * limit (limits.maxUploadBytes). A page cannot use that to upload in a user's name: browsers send
 * Origin with every cross-origin POST, and a foreign Origin is refused above.</li>
 * </ul>
 * Refusals keep the error shape of the route: a JSON-RPC envelope on {@code /mcp}, {@code {"error"}}
 * elsewhere.
 */
public final class RequestGuardFilter implements Filter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");

    private final Set<String> allowedHosts;
    private final Set<String> allowedOrigins;
    private final boolean anyOriginOnOpenApi;
    private final long maxBodyBytes;
    private final String uploadPath;
    private final long maxUploadBytes;

    /** The types the upload route takes besides JSON: multipart forms and a file as the raw body. */
    static final Set<String> UPLOAD_TYPES = Set.of("multipart/form-data", "application/octet-stream",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.ms-excel.sheet.macroenabled.12", "application/vnd.oasis.opendocument.spreadsheet",
            "text/csv");

    /**
     * @param allowedHosts host names (no port) that may appear in Host, and whose origins (any scheme
     *     or port) may appear in Origin; empty allows any host
     * @param allowedOrigins full origins such as {@code https://chat.example.com}, allowed in Origin
     *     in addition (mcp.allowedOrigins)
     * @param openApiOrigins origins allowed by CORS for the OpenAPI tool server (openapi.corsOrigins);
     *     {@code *} lets any page call {@code /openapi.json} and {@code /api/tools/*}, never {@code /mcp}
     *     or the admin API
     * @param maxBodyBytes the largest request body on any route (mcp.maxRequestBytes)
     */
    public RequestGuardFilter(Set<String> allowedHosts, Set<String> allowedOrigins, Set<String> openApiOrigins,
            long maxBodyBytes) {
        this(allowedHosts, allowedOrigins, openApiOrigins, maxBodyBytes, null, maxBodyBytes);
    }

    /**
     * @param uploadPath the one route that takes files ({@code /api/files}): there a POST may also be
     *     multipart/form-data or a file's own type, and its body may have up to {@code maxUploadBytes}
     * @param maxUploadBytes the largest body on {@code uploadPath} (limits.maxUploadBytes)
     */
    public RequestGuardFilter(Set<String> allowedHosts, Set<String> allowedOrigins, Set<String> openApiOrigins,
            long maxBodyBytes, String uploadPath, long maxUploadBytes) {
        this.uploadPath = uploadPath;
        if (maxUploadBytes < 1) {
            throw new IllegalArgumentException("limits.maxUploadBytes must be positive");
        }
        this.maxUploadBytes = maxUploadBytes;
        this.allowedHosts = allowedHosts.stream().map(h -> h.strip().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        Set<String> origins = new java.util.HashSet<>();
        allowedOrigins.forEach(o -> origins.add(normalOrigin(o)));
        openApiOrigins.stream().filter(o -> !o.strip().equals("*")).forEach(o -> origins.add(normalOrigin(o)));
        this.allowedOrigins = Set.copyOf(origins);
        this.anyOriginOnOpenApi = openApiOrigins.stream().anyMatch(o -> o.strip().equals("*"));
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("mcp.maxRequestBytes must be positive");
        }
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        try {
            guard(request, response, chain);
        } finally {
            if (!request.isAsyncStarted()) {
                swallow(request, uploadPath != null && uploadPath.equals(path(request)) ? maxUploadBytes : maxBodyBytes);
            }
        }
    }

    /**
     * After an answer given before the body was read to its end (a 413, a refused key, an upload
     * refused for its name or type): read and drop the rest of the body, up to another limit's worth
     * (at least 16 MiB). Otherwise the connection ends with unread bytes in it, two ways a client loses:
     * <ul>
     * <li>an answer that says {@code Connection: close}: closing a socket with unread bytes makes TCP
     * send a reset, and a client still sending loses the answer ("no bytes", "broken pipe");</li>
     * <li>an answer that keeps the connection: Jetty finds the body unconsumed only after the answer
     * went out without {@code Connection: close}, and closes; the client sends its next request down
     * the connection it pooled and gets no answer.</li>
     * </ul>
     * A body larger still is cut off (the limit is there to bound what the server reads).
     */
    static void swallow(HttpServletRequest request, long limit) {
        if (request.getContentLengthLong() == 0) {
            return; // nothing was sent (most GETs)
        }
        long budget = Math.max(limit, SWALLOW_AT_LEAST);
        try {
            ServletInputStream in = request.getInputStream();
            if (in.isFinished()) {
                return; // the usual case, every message that was answered: the route read its body
            }
            byte[] buffer = new byte[64 * 1024];
            long read = 0;
            int n;
            while (read < budget && !in.isFinished()
                    && (n = in.read(buffer, 0, (int) Math.min(buffer.length, budget - read))) >= 0) {
                read += n;
            }
        } catch (IOException | IllegalStateException | UnsupportedOperationException e) {
            // the client stopped sending, or the body was read as text: nothing more to drop
        }
    }

    private static final long SWALLOW_AT_LEAST = 16L * 1024 * 1024;

    private void guard(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = path(request);
        String host = request.getHeader("Host");
        if (host != null && !hostAllowed(hostOnly(host))) {
            refuse(request, response, HttpServletResponse.SC_FORBIDDEN, JsonRpcErrors.FORBIDDEN, "Forbidden: Host '"
                    + clip(host) + "' is not allowed. An operator can add it to mcp.allowedHosts (it guards every"
                    + " route), or set downloads.publicBaseUrl.");
            return;
        }
        String origin = request.getHeader("Origin");
        if (origin != null && !originAllowed(origin, path)) {
            refuse(request, response, HttpServletResponse.SC_FORBIDDEN, JsonRpcErrors.FORBIDDEN, "Forbidden: Origin '"
                    + clip(origin) + "' is not allowed. An operator can add it to mcp.allowedOrigins (or, for the"
                    + " OpenAPI tool server, to openapi.corsOrigins).");
            return;
        }
        boolean upload = uploadPath != null && uploadPath.equals(path);
        long limit = upload ? maxUploadBytes : maxBodyBytes;
        if (BODY_METHODS.contains(request.getMethod()) && !isJson(request.getContentType())
                && !(upload && isUploadType(request.getContentType()))) {
            String sent = request.getHeader("Content-Type");
            refuse(request, response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, JsonRpcErrors.UNSUPPORTED_MEDIA_TYPE,
                    "Unsupported Media Type: the body was sent " + (sent == null || sent.isBlank()
                            ? "without a Content-Type" : "as '" + clip(sent) + "'") + "; every " + request.getMethod()
                            + (upload ? " here takes multipart/form-data, application/octet-stream or the file's"
                                    + " own type (xlsx, xlsm, ods, csv)." : " here takes 'Content-Type:"
                                    + " application/json' (a charset parameter is allowed)."));
            return;
        }
        if (request.getContentLengthLong() > limit) {
            refuse(request, response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, JsonRpcErrors.TOO_LARGE,
                    upload ? uploadTooLargeMessage(limit) : tooLargeMessage(limit));
            return;
        }
        try {
            chain.doFilter(new LimitedRequest(request, limit, upload), response);
        } catch (BodyTooLargeException e) {
            // A servlet (MCP) let the refusal escape; Jersey's routes answer it through ApiExceptionMappers.
            if (!response.isCommitted()) {
                response.reset();
                refuse(request, response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, JsonRpcErrors.TOO_LARGE,
                        e.getMessage());
            }
        }
    }

    static String tooLargeMessage(long limit) {
        return "Payload Too Large: a request body may have at most " + limit + " bytes (mcp.maxRequestBytes, the"
                + " limit of every route); split the data over several calls.";
    }

    static String uploadTooLargeMessage(long limit) {
        return "Payload Too Large: an upload may have at most " + limit + " bytes (limits.maxUploadBytes); nothing"
                + " was stored.";
    }

    static boolean isUploadType(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.valueOf(contentType.strip());
            return UPLOAD_TYPES.contains((type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** application/json, with or without parameters such as charset; nothing else. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.valueOf(contentType.strip());
            return "application".equalsIgnoreCase(type.getType()) && "json".equalsIgnoreCase(type.getSubtype());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String path(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return uri != null && context != null && uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }

    private static boolean isMcp(String path) {
        return path != null && (path.equals("/mcp") || path.startsWith("/mcp/"));
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, int status, int rpcCode,
            String message) throws IOException {
        // The body is not read, so the connection is not reused.
        response.setHeader("Connection", "close");
        if (isMcp(path(request))) {
            JsonRpcErrors.write(response, status, null, rpcCode, message);
            return;
        }
        byte[] bytes = JSON.writeValueAsBytes(new ErrorBody(message));
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private boolean hostAllowed(String host) {
        return allowedHosts.isEmpty() || allowedHosts.contains(host.toLowerCase(Locale.ROOT));
    }

    private boolean originAllowed(String origin, String path) {
        if (allowedOrigins.contains(normalOrigin(origin))) {
            return true;
        }
        if (anyOriginOnOpenApi && path != null && (path.equals("/openapi.json") || path.startsWith("/api/tools/"))) {
            return true;
        }
        try {
            URI uri = URI.create(origin.strip());
            String host = uri.getHost();
            String scheme = uri.getScheme();
            return host != null && scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    && hostAllowed(host.startsWith("[") ? host : bracketIpv6(host));
        } catch (IllegalArgumentException e) {
            return false; // "null" (sandboxed frames, file: pages) and anything unparsable
        }
    }

    /** "example.com:9080" gives "example.com"; "[::1]:9080" gives "[::1]". */
    static String hostOnly(String hostHeader) {
        String h = hostHeader.strip();
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end > 0 ? h.substring(0, end + 1) : h;
        }
        int colon = h.indexOf(':');
        return colon >= 0 ? h.substring(0, colon) : h;
    }

    private static String bracketIpv6(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private static String normalOrigin(String origin) {
        String o = origin.strip().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }

    private static String clip(String s) {
        String printable = s.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 100 ? printable.substring(0, 100) + "..." : printable;
    }

    /** Thrown while reading a body past the limit; an IOException, so readers stop where they are. */
    public static final class BodyTooLargeException extends IOException {

        private static final long serialVersionUID = 1L;

        BodyTooLargeException(long limit) {
            super(tooLargeMessage(limit));
        }

        BodyTooLargeException(String message) {
            super(message);
        }
    }

    /** The request with a body that counts what is read and stops past the limit. */
    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long limit;
        private final boolean upload;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limit, boolean upload) {
            super(request);
            this.limit = limit;
            this.upload = upload;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingInputStream(super.getInputStream(), limit, upload);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    private static final class CountingInputStream extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private final boolean upload;
        private long count;

        CountingInputStream(ServletInputStream in, long limit, boolean upload) {
            this.in = Objects.requireNonNull(in, "in");
            this.limit = limit;
            this.upload = upload;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) throws BodyTooLargeException {
            count += n;
            if (count > limit) {
                throw upload ? new BodyTooLargeException(uploadTooLargeMessage(limit)) : new BodyTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
