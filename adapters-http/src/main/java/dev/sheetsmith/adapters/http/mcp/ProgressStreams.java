package dev.sheetsmith.adapters.http.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Answers a request that carries a progressToken as a server-sent-event stream: a
 * {@code notifications/progress} every interval while the work runs (so a client that waits
 * knows the server is alive), then the response as the last event.
 */
final class ProgressStreams implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressStreams.class);

    private final McpJsonMapper json;
    private final Duration interval;
    private final ScheduledExecutorService ticker;

    ProgressStreams(McpJsonMapper json, Duration interval) {
        this.json = Objects.requireNonNull(json, "json");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mcp-progress");
            t.setDaemon(true);
            return t;
        });
    }

    static Object progressToken(McpSchema.JSONRPCRequest request) {
        if (request.params() instanceof Map<?, ?> params && params.get("_meta") instanceof Map<?, ?> meta) {
            Object token = meta.get("progressToken");
            return token instanceof String || token instanceof Number ? token : null;
        }
        return null;
    }

    static boolean acceptsEventStream(HttpServletRequest req) {
        String accept = req.getHeader("Accept");
        return accept != null && accept.contains("text/event-stream");
    }

    void respond(HttpServletRequest req, HttpServletResponse resp, Mono<McpSchema.JSONRPCResponse> result,
            Object progressToken, Duration timeout) {
        AsyncContext async = req.startAsync();
        async.setTimeout(timeout.toMillis() + 5_000);
        resp.setStatus(HttpServletResponse.SC_OK);
        resp.setContentType("text/event-stream");
        resp.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resp.setHeader("Cache-Control", "no-cache");
        Stream stream = new Stream(resp, async);
        AtomicInteger ticks = new AtomicInteger();
        ScheduledFuture<?> progress = ticker.scheduleAtFixedRate(() -> {
            int n = ticks.incrementAndGet();
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("progressToken", progressToken);
            params.put("progress", n);
            params.put("message", "working (" + (n * interval.toMillis() / 1000.0) + " s)");
            stream.send(new McpSchema.JSONRPCNotification(McpSchema.JSONRPC_VERSION,
                    McpSchema.METHOD_NOTIFICATION_PROGRESS, params), false);
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        result.subscribe(response -> {
            progress.cancel(false);
            stream.send(response, true);
        });
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }

    /** One SSE response; events from the ticker and the result never interleave. */
    private final class Stream {
        private final HttpServletResponse resp;
        private final AsyncContext async;
        private boolean done;

        Stream(HttpServletResponse resp, AsyncContext async) {
            this.resp = resp;
            this.async = async;
        }

        synchronized void send(Object message, boolean last) {
            if (done) {
                return;
            }
            try {
                OutputStream out = resp.getOutputStream();
                out.write(("event: message\ndata: " + json.writeValueAsString(message) + "\n\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException | RuntimeException e) {
                LOG.debug("progress stream closed by the client: {}", e.toString());
                last = true;
            }
            if (last) {
                done = true;
                async.complete();
            }
        }
    }
}
