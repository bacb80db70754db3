package dev.sheetsmith.adapters.http.mcp;

import dev.sheetsmith.adapters.http.BaseUrls;
import dev.sheetsmith.adapters.http.Caller;
import dev.sheetsmith.adapters.http.RequestOwners;
import dev.sheetsmith.adapters.http.tools.ToolProfile;
import dev.sheetsmith.adapters.http.web.RequestGuardFilter;
import dev.sheetsmith.domain.McpSession;
import dev.sheetsmith.domain.Owner;
import dev.sheetsmith.ports.in.McpSessionsUseCase;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import io.modelcontextprotocol.spec.ProtocolVersions;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * MCP Streamable HTTP at {@code /mcp}, with sessions kept in the database.
 *
 * <p>The SDK's servlet transports keep sessions in a map in memory, so a restart or a second
 * replica answers "no valid session" to a client that did nothing wrong. This transport gives the
 * SDK's stateless server (which holds no per-session state) our own session layer in front:
 * initialize opens a session row and answers with its id; every later request must name a live
 * session, which any replica can look up. Every HTTP-level failure is a JSON-RPC error envelope
 * written here, never a serialised exception.
 */
public final class McpEndpointServlet extends HttpServlet implements McpStatelessServerTransport {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(McpEndpointServlet.class);

    static final String SESSION_HEADER = "Mcp-Session-Id";
    static final String PROTOCOL_HEADER = "MCP-Protocol-Version";
    static final List<String> PROTOCOL_VERSIONS = List.of(ProtocolVersions.MCP_2025_03_26,
            ProtocolVersions.MCP_2025_06_18, ProtocolVersions.MCP_2025_11_25);
    private static final List<String> LOG_LEVELS = List.of("debug", "info", "notice", "warning", "error", "critical",
            "alert", "emergency");
    /** Messages that look like a leaked exception, class name or stack frame. */
    private static final Pattern LEAKY = Pattern.compile(
            "Exception|\\b[a-z][a-z0-9_]*(\\.[a-z0-9_]+)+\\.[A-Z]\\w*|\\bat [a-z]+\\.|SQL", Pattern.CASE_INSENSITIVE);

    private final transient McpJsonMapper json;
    private final transient McpSessionsUseCase sessions;
    private final transient RequestOwners owners;
    private final transient BaseUrls baseUrls;
    private final Duration requestTimeout;
    private final boolean requireSession;
    private final transient ProgressStreams progress;
    private final ToolProfile defaultProfile;
    /** server.gzip.enabled: false sends the kept answers uncompressed whatever the client accepts. */
    private final boolean gzip;
    private transient volatile McpStatelessServerHandler handler;
    /** Each profile's tools/list result, serialised once: the list is fixed while the server runs. */
    private transient volatile Map<ToolProfile, KeptResult> toolLists = Map.of();
    /**
     * Each negotiated protocol version's initialize result, serialised the first time it is asked for. The
     * stateless server's answer depends on nothing else (its capabilities, info and instructions are fixed),
     * and going through it for every chat message cost a tenth of the message's CPU (reactor, the async
     * context, a second conversion of the params, serialising, and an INFO log line per initialize).
     */
    private final transient Map<String, KeptResult> initializeResults = new ConcurrentHashMap<>();

    /**
     * @param requireSession false serves a request without a session id as a one-shot (for clients
     *     that lose it); true is the spec's strict behaviour
     * @param toolProfile the tools tools/list gives a connection that does not choose ({@code ?profile=})
     * @param gzip whether answers may be gzip-compressed (the server's {@code server.gzip.enabled}): the kept
     *     initialize and tools/list answers are sent compressed only then, like everything Jetty's gzip handler does
     */
    public record Settings(Duration requestTimeout, boolean requireSession,
            Duration progressInterval, ToolProfile toolProfile, boolean gzip) {
        public Settings {
            Objects.requireNonNull(requestTimeout, "requestTimeout");
            Objects.requireNonNull(progressInterval, "progressInterval");
            Objects.requireNonNull(toolProfile, "toolProfile");
        }

        public Settings(Duration requestTimeout, boolean requireSession, Duration progressInterval,
                ToolProfile toolProfile) {
            this(requestTimeout, requireSession, progressInterval, toolProfile, true);
        }

        public Settings(Duration requestTimeout, boolean requireSession, Duration progressInterval) {
            this(requestTimeout, requireSession, progressInterval, ToolProfile.FULL);
        }

        /** These settings with compression of the kept answers on or off. */
        public Settings withGzip(boolean enabled) {
            return new Settings(requestTimeout, requireSession, progressInterval, toolProfile, enabled);
        }
    }

    public McpEndpointServlet(McpJsonMapper json, McpSessionsUseCase sessions, RequestOwners owners, BaseUrls baseUrls,
            Settings settings) {
        this.json = Objects.requireNonNull(json, "json");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.owners = Objects.requireNonNull(owners, "owners");
        this.baseUrls = Objects.requireNonNull(baseUrls, "baseUrls");
        this.requestTimeout = settings.requestTimeout();
        this.requireSession = settings.requireSession();
        this.progress = new ProgressStreams(json, settings.progressInterval());
        this.defaultProfile = settings.toolProfile();
        this.gzip = settings.gzip();
    }

    /**
     * The tools tools/list answers with, per profile. Every chat message of an Open-WebUI user asks
     * for the list; serialising some 80 KB of schemas per request was most of what tools/list cost.
     */
    public void useToolLists(Map<ToolProfile, List<McpSchema.Tool>> lists) {
        Map<ToolProfile, KeptResult> serialised = new EnumMap<>(ToolProfile.class);
        lists.forEach((profile, tools) -> {
            try {
                serialised.put(profile, new KeptResult(json.writeValueAsBytes(new McpSchema.ListToolsResult(tools, null))));
            } catch (IOException e) {
                throw new UncheckedIOException("could not serialise the " + profile.id() + " tool list", e);
            }
        });
        this.toolLists = Map.copyOf(serialised);
    }

    @Override
    public void setMcpHandler(McpStatelessServerHandler mcpHandler) {
        this.handler = mcpHandler;
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(progress::close);
    }

    @Override
    public List<String> protocolVersions() {
        return PROTOCOL_VERSIONS;
    }

    /** Last line of defence: whatever escapes a handler becomes a JSON-RPC envelope, not an error page. */
    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            super.service(req, resp);
        } catch (RuntimeException | jakarta.servlet.ServletException e) {
            LOG.error("MCP {} failed", req.getMethod(), e);
            if (!resp.isCommitted()) {
                resp.reset();
                JsonRpcErrors.write(resp, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, null, JsonRpcErrors.INTERNAL_ERROR,
                        "Internal error; the server log has the details.");
            }
        } finally {
            StreamedBodies.release(req);
        }
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        // No server-initiated stream: the spec's answer for that is 405, and clients carry on.
        resp.setHeader("Allow", "POST, DELETE");
        JsonRpcErrors.write(resp, HttpServletResponse.SC_METHOD_NOT_ALLOWED, null, JsonRpcErrors.METHOD_NOT_ALLOWED,
                "Method Not Allowed: this server sends no stream on GET; POST JSON-RPC messages to this URL.");
    }

    @Override
    protected void doDelete(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Caller caller = owners.identify(req);
        if (!caller.isAllowed()) {
            refuse(resp, caller);
            return;
        }
        String sessionId = req.getHeader(SESSION_HEADER);
        if (isBlank(sessionId)) {
            requireSession(req, resp, caller.principal().owner(), null); // answers 400
            return;
        }
        // one statement (id, owner and liveness in its WHERE): another owner's session ends like an unknown one
        if (!sessions.end(sessionId.strip(), caller.principal().owner())) {
            sessionNotFound(resp, null);
            return;
        }
        resp.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Caller caller = owners.identify(req);
        if (!caller.isAllowed()) {
            refuse(resp, caller);
            return;
        }
        Optional<Owner> owner = Optional.of(caller.principal().owner());
        Optional<ToolProfile> profile = profile(req);
        if (profile.isEmpty()) {
            JsonRpcErrors.write(resp, HttpServletResponse.SC_BAD_REQUEST, null, JsonRpcErrors.INVALID_REQUEST,
                    "Bad Request: the query parameter 'profile' must be full or compact.");
            return;
        }
        String body = readBody(req, resp);
        if (body == null) {
            return;
        }
        McpSchema.JSONRPCMessage message;
        try {
            if (body.stripLeading().startsWith("[")) {
                JsonRpcErrors.write(resp, HttpServletResponse.SC_BAD_REQUEST, null, JsonRpcErrors.INVALID_REQUEST,
                        "Invalid Request: JSON-RPC batches are not supported; send one message per POST.");
                return;
            }
            message = McpSchema.deserializeJsonRpcMessage(json, body);
        } catch (IOException | RuntimeException e) {
            JsonRpcErrors.write(resp, HttpServletResponse.SC_BAD_REQUEST, null, JsonRpcErrors.PARSE_ERROR,
                    "Parse error: the body must be one JSON-RPC 2.0 message (request, notification or response).");
            return;
        }
        if (message instanceof McpSchema.JSONRPCRequest request && McpSchema.METHOD_INITIALIZE.equals(request.method())) {
            initialize(req, resp, owner.get(), request);
            return;
        }
        Object id = message instanceof McpSchema.JSONRPCRequest r ? r.id() : null;
        String version = req.getHeader(PROTOCOL_HEADER);
        if (version != null && !PROTOCOL_VERSIONS.contains(version)) {
            JsonRpcErrors.write(resp, HttpServletResponse.SC_BAD_REQUEST, id, JsonRpcErrors.INVALID_REQUEST,
                    "Bad Request: unsupported MCP-Protocol-Version '" + version.replaceAll("[^\\w.-]", "?")
                            + "'; supported: " + String.join(", ", PROTOCOL_VERSIONS));
            return;
        }
        Optional<McpSession> session;
        if (!requireSession && isBlank(req.getHeader(SESSION_HEADER))) {
            session = Optional.empty(); // lenient mode: a one-shot request without a session
        } else {
            session = requireSession(req, resp, owner.get(), id);
            if (session.isEmpty()) {
                return;
            }
        }
        McpContext context = new McpContext(owner.get(), session.map(McpSession::id).orElse(null), baseUrls.of(req));
        if (message instanceof McpSchema.JSONRPCNotification notification) {
            Mono.defer(() -> handler.handleNotification(context.toTransportContext(), notification))
                    .onErrorResume(e -> {
                        LOG.warn("MCP notification {} failed", notification.method(), e);
                        return Mono.empty();
                    }).block(requestTimeout);
            resp.setStatus(HttpServletResponse.SC_ACCEPTED);
            return;
        }
        if (message instanceof McpSchema.JSONRPCResponse) {
            // We send no requests to clients yet, so a response is acknowledged and dropped.
            resp.setStatus(HttpServletResponse.SC_ACCEPTED);
            return;
        }
        McpSchema.JSONRPCRequest request = (McpSchema.JSONRPCRequest) message;
        if (McpSchema.METHOD_LOGGING_SET_LEVEL.equals(request.method())) {
            setLogLevel(resp, session.map(McpSession::id).orElse(null), request);
            return;
        }
        KeptResult tools = McpSchema.METHOD_TOOLS_LIST.equals(request.method()) ? toolLists.get(profile.get()) : null;
        if (tools != null) {
            writeResult(req, resp, request.id(), tools);
            return;
        }
        Mono<McpSchema.JSONRPCResponse> result = Mono.defer(() -> handler.handleRequest(context.toTransportContext(),
                request));
        Object progressToken = ProgressStreams.progressToken(request);
        if (progressToken != null && ProgressStreams.acceptsEventStream(req)) {
            progress.respond(req, resp, result.timeout(requestTimeout).map(r -> scrub(request, r))
                    .onErrorResume(e -> Mono.just(failure(request, e))), progressToken, requestTimeout);
            return;
        }
        respondAsync(req, resp, result, request, null);
    }

    /** The profile the connection asks for with ?profile=, else the configured one; empty when unknown. */
    private Optional<ToolProfile> profile(HttpServletRequest req) {
        // From the query string itself: getParameter could read a form-encoded body before we do.
        String asked = null;
        String query = req.getQueryString();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("profile=")) {
                    try {
                        asked = java.net.URLDecoder.decode(pair.substring(8), StandardCharsets.UTF_8);
                    } catch (IllegalArgumentException e) {
                        return Optional.empty(); // a broken %-escape
                    }
                }
            }
        }
        return asked == null || asked.isBlank() ? Optional.of(defaultProfile) : ToolProfile.named(asked);
    }

    /**
     * A JSON-RPC answer around a result serialised before (tools/list, initialize); gzip-compressed from the kept
     * compressed bytes when the server compresses (server.gzip.enabled) and the client accepts gzip (Jetty's gzip
     * handler leaves an answer that already has a Content-Encoding alone).
     */
    private void writeResult(HttpServletRequest req, HttpServletResponse resp, Object id, KeptResult result)
            throws IOException {
        // a number as it is; a string (any text) through Jackson, which escapes it
        String idJson = id instanceof Integer || id instanceof Long ? id.toString()
                : new String(json.writeValueAsBytes(id), StandardCharsets.UTF_8);
        resp.setStatus(HttpServletResponse.SC_OK);
        resp.setContentType("application/json");
        resp.setCharacterEncoding(StandardCharsets.UTF_8.name());
        // With server.gzip.enabled false (say a proxy in front compresses) the answer goes as it is, like every other.
        if (gzip && resp.getHeaders("Vary").stream()
                .noneMatch(v -> v.toLowerCase(java.util.Locale.ROOT).contains("accept-encoding"))) {
            resp.addHeader("Vary", "Accept-Encoding"); // Jetty's gzip handler has set it
        }
        var out = resp.getOutputStream();
        if (gzip && KeptResult.acceptsGzip(req.getHeader("Accept-Encoding"))) {
            byte[] prefix = result.gzipPrefix();
            byte[] tail = result.gzipTail(idJson);
            resp.setHeader("Content-Encoding", "gzip");
            resp.setContentLength(prefix.length + tail.length);
            out.write(prefix);
            out.write(tail);
            return;
        }
        byte[] head = ("{\"jsonrpc\":\"2.0\",\"id\":" + idJson + ",\"result\":").getBytes(StandardCharsets.UTF_8);
        byte[] body = result.json();
        resp.setContentLength(head.length + body.length + 1);
        out.write(head);
        out.write(body);
        out.write('}');
    }

    private void initialize(HttpServletRequest req, HttpServletResponse resp, Owner owner,
            McpSchema.JSONRPCRequest request) throws IOException {
        McpSchema.InitializeRequest init = null;
        if (request.params() instanceof Map<?, ?> params && params.get("protocolVersion") instanceof String) {
            try {
                init = json.convertValue(params, McpSchema.InitializeRequest.class);
            } catch (RuntimeException e) {
                init = null;
            }
        }
        if (init == null) {
            JsonRpcErrors.write(resp, HttpServletResponse.SC_BAD_REQUEST, request.id(), JsonRpcErrors.INVALID_PARAMS,
                    "Invalid params: initialize needs protocolVersion, capabilities and clientInfo.");
            return;
        }
        String negotiated = PROTOCOL_VERSIONS.contains(init.protocolVersion()) ? init.protocolVersion()
                : PROTOCOL_VERSIONS.get(PROTOCOL_VERSIONS.size() - 1);
        String client = init.clientInfo() == null ? null : init.clientInfo().name();
        McpSession session = sessions.open(owner, negotiated, client);
        KeptResult known = initializeResults.get(negotiated);
        if (known != null) {
            resp.setHeader(SESSION_HEADER, session.id());
            writeResult(req, resp, request.id(), known);
            return;
        }
        McpContext context = new McpContext(owner, session.id(), baseUrls.of(req));
        respondAsync(req, resp, Mono.defer(() -> handler.handleRequest(context.toTransportContext(), request))
                .doOnNext(answer -> remember(negotiated, answer)), request, session.id());
    }

    private void remember(String protocolVersion, McpSchema.JSONRPCResponse answer) {
        if (answer.error() == null && answer.result() != null) {
            try {
                initializeResults.putIfAbsent(protocolVersion, new KeptResult(json.writeValueAsBytes(answer.result())));
            } catch (IOException e) {
                LOG.debug("initialize result not kept: {}", e.toString()); // served through the SDK next time too
            }
        }
    }

    private void setLogLevel(HttpServletResponse resp, String sessionId, McpSchema.JSONRPCRequest request)
            throws IOException {
        Object level = request.params() instanceof Map<?, ?> params ? params.get("level") : null;
        if (!(level instanceof String s) || !LOG_LEVELS.contains(s)) {
            writeJson(resp, HttpServletResponse.SC_OK, errorResponse(request.id(), JsonRpcErrors.INVALID_PARAMS,
                    "Invalid params: level must be one of " + String.join(", ", LOG_LEVELS)));
            return;
        }
        if (sessionId != null) {
            sessions.setLogLevel(sessionId, s);
        }
        writeJson(resp, HttpServletResponse.SC_OK, McpSchema.JSONRPCResponse.result(request.id(), Map.of()));
    }

    private void respondAsync(HttpServletRequest req, HttpServletResponse resp, Mono<McpSchema.JSONRPCResponse> result,
            McpSchema.JSONRPCRequest request, String newSessionId) {
        AsyncContext async = req.startAsync();
        async.setTimeout(requestTimeout.toMillis() + 5_000);
        result.timeout(requestTimeout).subscribe(response -> {
            try {
                if (newSessionId != null) {
                    resp.setHeader(SESSION_HEADER, newSessionId);
                }
                writeJson(resp, HttpServletResponse.SC_OK, scrub(request, response));
            } catch (IOException e) {
                LOG.debug("client went away before the response to {} was written", request.method());
            } finally {
                async.complete();
            }
        }, error -> {
            try {
                if (newSessionId != null) {
                    sessions.end(newSessionId);
                }
                writeJson(resp, HttpServletResponse.SC_OK, failure(request, error));
            } catch (IOException e) {
                LOG.debug("client went away before the error for {} was written", request.method());
            } finally {
                async.complete();
            }
        });
    }

    /** A request that failed with an exception, answered without the exception's text. */
    private static McpSchema.JSONRPCResponse failure(McpSchema.JSONRPCRequest request, Throwable error) {
        if (error instanceof IllegalArgumentException) {
            // The SDK reports params it cannot read as IllegalArgumentException (Jackson's text).
            LOG.info("MCP request {} had unreadable params: {}", request.method(), error.getMessage());
            return errorResponse(request.id(), JsonRpcErrors.INVALID_PARAMS, "Invalid params for " + request.method()
                    + ": check them against the schema in the spec (for tools/call: 'name' is a tool name from"
                    + " tools/list, 'arguments' an object).");
        }
        LOG.error("MCP request {} failed", request.method(), error);
        return errorResponse(request.id(), JsonRpcErrors.INTERNAL_ERROR, "Internal error while handling "
                + request.method() + "; the server log has the details.");
    }

    private static McpSchema.JSONRPCResponse errorResponse(Object id, int code, String message) {
        return new McpSchema.JSONRPCResponse(McpSchema.JSONRPC_VERSION, id, null,
                new McpSchema.JSONRPCResponse.JSONRPCError(code, message, null));
    }

    /** Keeps exception text out of error responses the SDK builds from exceptions. */
    private McpSchema.JSONRPCResponse scrub(McpSchema.JSONRPCRequest request, McpSchema.JSONRPCResponse response) {
        McpSchema.JSONRPCResponse.JSONRPCError error = response.error();
        if (error == null || error.message() == null || !LEAKY.matcher(error.message()).find()) {
            return response;
        }
        LOG.warn("MCP request {} failed: {}", request.method(), error.message());
        String message = error.code() == JsonRpcErrors.INVALID_PARAMS ? "Invalid params for " + request.method() + "; check the arguments"
                + " against the schema in tools/list." : "Internal error while handling " + request.method()
                        + "; the server log has the details.";
        return errorResponse(response.id(), error.code(), message);
    }

    private Optional<McpSession> requireSession(HttpServletRequest req, HttpServletResponse resp, Owner owner, Object id)
            throws IOException {
        String sessionId = req.getHeader(SESSION_HEADER);
        if (isBlank(sessionId)) {
            JsonRpcErrors.write(resp, HttpServletResponse.SC_BAD_REQUEST, id, JsonRpcErrors.BAD_SESSION,
                    "Bad Request: no Mcp-Session-Id header. Send an initialize request first, then send the"
                            + " Mcp-Session-Id from its response with every later request.");
            return Optional.empty();
        }
        // Another owner's session is answered exactly like one that does not exist.
        Optional<McpSession> session = sessions.resume(sessionId.strip()).filter(s -> s.owner().equals(owner));
        if (session.isEmpty()) {
            sessionNotFound(resp, id);
        }
        return session;
    }

    private static void sessionNotFound(HttpServletResponse resp, Object id) throws IOException {
        JsonRpcErrors.write(resp, HttpServletResponse.SC_NOT_FOUND, id, JsonRpcErrors.BAD_SESSION,
                "Session not found: it has ended or expired. Initialize a new session (send initialize without"
                        + " an Mcp-Session-Id).");
    }

    /** Bodies up to this declared length are read into one array of their size. */
    private static final int SIZED_READ_BYTES = 1 << 20;

    /** The body is bounded by RequestGuardFilter (mcp.maxRequestBytes on every route), which answers 413. */
    private String readBody(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (StreamedBodies.applies(req)) {
            return StreamedBodies.read(req, resp); // a large create/append: its rows stream to disk
        }
        byte[] bytes;
        long length = req.getContentLengthLong();
        try (InputStream in = req.getInputStream()) {
            // a declared length is read into an array of that size: readAllBytes starts every body, even a
            // 200-byte initialize, with a 16 KiB buffer and copies it (a tenth of what a message allocated)
            bytes = length >= 0 && length <= SIZED_READ_BYTES ? in.readNBytes((int) length) : in.readAllBytes();
        }
        // Strictly: a lenient decoder would turn bad bytes into U+FFFD and store that as the user's text.
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            JsonRpcErrors.write(resp, HttpServletResponse.SC_BAD_REQUEST, null, JsonRpcErrors.PARSE_ERROR,
                    "Parse error: the body is not valid UTF-8; send JSON encoded as UTF-8.");
            return null;
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** A refused caller (no key, a wrong key, a gateway naming no user, a bad user token): status and reason. */
    private static void refuse(HttpServletResponse resp, Caller caller) throws IOException {
        if (caller.status() == HttpServletResponse.SC_UNAUTHORIZED) {
            resp.setHeader("WWW-Authenticate", "Bearer");
        }
        resp.setHeader("Connection", "close"); // the body is not read
        JsonRpcErrors.write(resp, caller.status(), null, JsonRpcErrors.FORBIDDEN, caller.refusal());
    }

    private void writeJson(HttpServletResponse resp, int status, Object value) throws IOException {
        byte[] bytes = json.writeValueAsBytes(value);
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }
}
