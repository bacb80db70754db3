package dev.sheetsmith.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Open-WebUI's files API as its source answers it (open-webui backend/open_webui/routers/files.py,
 * get_file_by_id and get_file_content_by_id, v0.6.x to 0.7): {@code GET /api/v1/files/{id}} answers the
 * file model ({@code id, user_id, hash, filename, data, meta: {name, content_type, size}, created_at,
 * updated_at}); {@code GET /api/v1/files/{id}/content} the bytes. Both need a Bearer token
 * (none: 401 {"detail": "Not authenticated"}; a wrong one: 401), answers 404 {"detail": "We could not
 * find what you're looking for :/"} for a file that does not exist or the caller may not read, and
 * otherwise the bytes with the file's content type and {@code Content-Disposition: attachment;
 * filename*=UTF-8''<quoted name>} (FastAPI's FileResponse, with Content-Length). A real HTTP server on a
 * free loopback port; it records each request's path and Authorization header.
 */
final class FakeOpenWebUi implements AutoCloseable {

    static final String KEY = "sk-owui-test-3b9f0c2d7e8a4b1c9d0e";
    static final String NOT_FOUND = "{\"detail\":\"We could not find what you're looking for :/\"}";

    /** The Open-WebUI user every file belongs to unless put with another. */
    static final String USER = "owui-user-1";

    record Stored(String owner, String name, String contentType, byte[] content) {
    }

    /** One request as the fake saw it. */
    record Seen(String path, String authorization) {
    }

    private final HttpServer server;
    private final Map<String, Stored> files = new ConcurrentHashMap<>();
    private final Map<String, Long> endless = new ConcurrentHashMap<>();
    final List<Seen> seen = new CopyOnWriteArrayList<>();
    /** Bytes written of the last endless (chunked, no length) answer before the reader went away. */
    final AtomicLong endlessWritten = new AtomicLong();

    FakeOpenWebUi() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/v1/files/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    FakeOpenWebUi put(String id, String name, String contentType, byte[] content) {
        return put(id, USER, name, contentType, content);
    }

    FakeOpenWebUi put(String id, String owner, String name, String contentType, byte[] content) {
        files.put(id, new Stored(owner, name, contentType, content));
        return this;
    }

    /** A file of {@code bytes} bytes sent chunked, without a length, so only counting while reading can stop it. */
    FakeOpenWebUi putEndless(String id, long bytes) {
        endless.put(id, bytes);
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        seen.add(new Seen(path, auth));
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                json(exchange, 405, "{\"detail\":\"Method Not Allowed\"}");
                return;
            }
            if (auth == null) {
                json(exchange, 401, "{\"detail\":\"Not authenticated\"}");
                return;
            }
            if (!auth.equals("Bearer " + KEY)) {
                json(exchange, 401, "{\"detail\":\"Your session has expired or the token is invalid. Please sign in"
                        + " again.\"}");
                return;
            }
            boolean content = path.endsWith("/content");
            String id = path.substring("/api/v1/files/".length(), path.length() - (content ? "/content".length() : 0));
            Long size = endless.get(id);
            if (size != null && content) {
                sendEndless(exchange, id, size);
                return;
            }
            Stored file = size != null ? new Stored(USER, id + ".csv", "text/csv", new byte[0]) : files.get(id);
            if (file == null || id.contains("/")) {
                json(exchange, 404, NOT_FOUND);
                return;
            }
            if (!content) {
                // the file model (FileModelResponse) as GET /api/v1/files/{id} answers it
                json(exchange, 200, "{\"id\":\"" + id + "\",\"user_id\":\"" + file.owner() + "\",\"hash\":null,"
                        + "\"filename\":\"" + file.name() + "\",\"data\":{},\"meta\":{\"name\":\"" + file.name()
                        + "\",\"content_type\":\"" + file.contentType() + "\",\"size\":" + file.content().length
                        + "},\"created_at\":1764490000,\"updated_at\":1764490000}");
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", file.contentType());
            exchange.getResponseHeaders().set("Content-Disposition", "attachment; filename*=UTF-8''"
                    + URLEncoder.encode(file.name(), StandardCharsets.UTF_8).replace("+", "%20"));
            exchange.sendResponseHeaders(200, file.content().length);
            exchange.getResponseBody().write(file.content());
        }
    }

    private void sendEndless(HttpExchange exchange, String id, long size) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/csv");
        exchange.getResponseHeaders().set("Content-Disposition", "attachment; filename*=UTF-8''" + id + ".csv");
        exchange.sendResponseHeaders(200, 0);
        byte[] row = "1,2,3,4,5,6,7,8,9,10\n".repeat(3000).getBytes(StandardCharsets.US_ASCII);
        long written = 0;
        OutputStream out = exchange.getResponseBody();
        try {
            while (written < size) {
                out.write(row);
                written += row.length;
            }
        } catch (IOException e) {
            // the reader went away: what it refused was not read to the end
        } finally {
            endlessWritten.set(written);
        }
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
