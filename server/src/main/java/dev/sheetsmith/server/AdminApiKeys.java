package dev.sheetsmith.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sheetsmith.domain.Role;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.jetty.HttpsConnectorFactory;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The keys command's way through the running server: its admin API on loopback. Requests carry
 * {@code Content-Type: application/json} on POSTs, the Host of the URL and no Origin, as the
 * server's filters want of a local tool. A refusal or an unreachable server becomes a few lines
 * that say what to do, with the curl line of the same request.
 */
final class AdminApiKeys implements KeyAdmin {

    private final URI base;
    private final String adminKey;
    private final String database;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    AdminApiKeys(URI base, String adminKey, String databaseUrl, ObjectMapper json) {
        this.base = Objects.requireNonNull(base, "base");
        this.adminKey = adminKey;
        // Shown in messages: never the settings after ';' (they may hold a password).
        this.database = databaseUrl.contains(";") ? databaseUrl.substring(0, databaseUrl.indexOf(';')) : databaseUrl;
        this.json = Objects.requireNonNull(json, "json");
    }

    URI base() {
        return base;
    }

    /**
     * {@code --url}, else the first application connector of the configuration: its port, and its
     * host unless it listens on every address (then loopback).
     */
    static URI serverUrl(SheetsmithConfiguration config, String explicit) {
        if (explicit != null && !explicit.isBlank()) {
            String url = explicit.strip();
            URI uri;
            try {
                uri = URI.create(url.endsWith("/") ? url : url + "/");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--url must be the server's base URL, e.g. http://127.0.0.1:9080");
            }
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new IllegalArgumentException("--url must be the server's base URL, e.g. http://127.0.0.1:9080");
            }
            return uri;
        }
        if (config.getServerFactory() instanceof DefaultServerFactory factory) {
            for (ConnectorFactory connector : factory.getApplicationConnectors()) {
                if (connector instanceof HttpConnectorFactory http && http.getPort() > 0) {
                    String host = http.getBindHost();
                    if (host == null || host.isBlank() || host.equals("0.0.0.0") || host.equals("::")
                            || host.equals("[::]")) {
                        host = "127.0.0.1";
                    } else if (host.contains(":") && !host.startsWith("[")) {
                        host = "[" + host + "]";
                    }
                    String path = factory.getApplicationContextPath();
                    path = path == null || path.isBlank() || path.equals("/") ? "/" : path.replaceAll("/*$", "/");
                    return URI.create((connector instanceof HttpsConnectorFactory ? "https" : "http") + "://" + host
                            + ":" + http.getPort() + path);
                }
            }
        }
        throw new KeysCommandException("keys: the database is in use by another program, and the configuration names"
                + " no application port to reach the server on.\nName the running server with --url"
                + " http://HOST:PORT, or stop it and run this command again.");
    }

    @Override
    public CreatedKey create(String owner, Role role, boolean gateway) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("owner", owner);
        body.put("role", role.id());
        body.put("gateway", gateway);
        JsonNode created = send("POST", "api/admin/keys", body);
        return new CreatedKey(row(created), created.path("secret").asText());
    }

    @Override
    public List<KeyRow> list() {
        List<KeyRow> rows = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = send("GET", "api/admin/keys?limit=500" + (cursor == null ? ""
                    : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)), null);
            page.path("items").forEach(k -> rows.add(row(k)));
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
        } while (cursor != null);
        return rows;
    }

    @Override
    public void revoke(String id) {
        send("DELETE", "api/admin/keys/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20"), null);
    }

    @Override
    public List<MovedFile> giveFiles(String from, String to) {
        JsonNode answer = send("POST", "api/admin/owners/" + URLEncoder.encode(from, StandardCharsets.UTF_8)
                .replace("+", "%20") + "/transfer", Map.of("to", to));
        List<MovedFile> moved = new ArrayList<>();
        answer.path("moved").forEach(m -> moved.add(new MovedFile(m.path("id").asText(),
                m.path("previousName").asText(), m.path("name").asText())));
        return moved;
    }

    private JsonNode send(String method, String path, Object body) {
        URI uri = base.resolve(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json");
        if (adminKey != null) {
            request.header("Authorization", "Bearer " + adminKey);
        }
        String payload = null;
        if (body != null) {
            try {
                payload = json.writeValueAsString(body);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            request.header("Content-Type", "application/json").method(method,
                    HttpRequest.BodyPublishers.ofString(payload));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeysCommandException("keys: interrupted while waiting for the server at " + base);
        }
        JsonNode answer = parse(response.body());
        int status = response.statusCode();
        if (status >= 200 && status < 300 && answer != null) {
            return answer;
        }
        String error = errorOf(answer);
        if (status == 401 || status == 403) {
            throw new KeysCommandException("keys: the database " + database + " is in use by the Sheetsmith server at "
                    + base + ", which refused the request (" + status + "): " + (error == null ? "no reason given."
                            : error) + "\nGive an admin key with --admin-key KEY (or " + KeysCommand.ADMIN_KEY_ENV
                    + "), or stop the server and run this command again, or call the admin API yourself:\n  "
                    + curl(method, uri, payload));
        }
        if (error != null && (status == 400 || status == 404)) {
            throw new IllegalArgumentException(error);
        }
        throw new KeysCommandException("keys: the database " + database + " is in use by another program, and "
                + base + " answered " + status + (error == null ? " without a Sheetsmith answer" : ": " + error)
                + ".\nIf that is not the Sheetsmith server, name the server with --url http://HOST:PORT; or stop the"
                + " program that uses the database and run this command again.");
    }

    private KeysCommandException unreachable(IOException e) {
        String why = e instanceof ConnectException ? "connection refused"
                : e instanceof HttpTimeoutException ? "no answer in time" : "the connection failed";
        return new KeysCommandException("keys: the database " + database + " is in use by another program, and no"
                + " Sheetsmith server answers at " + base + " (" + why + ").\nStop the program that uses the database"
                + " and run this command again; if the server listens elsewhere, name it with --url http://HOST:PORT.");
    }

    /** The same request as a curl line, with a placeholder for the key. */
    private static String curl(String method, URI uri, String payload) {
        StringBuilder line = new StringBuilder("curl");
        if (!"GET".equals(method) && !("POST".equals(method) && payload != null)) {
            line.append(" -X ").append(method);
        }
        line.append(" -H 'Authorization: Bearer <admin key>'");
        if (payload != null) {
            line.append(" -H 'Content-Type: application/json' -d '").append(payload.replace("'", "'\\''")).append("'");
        }
        return line.append(" '").append(uri).append("'").toString();
    }

    private JsonNode parse(String body) {
        try {
            JsonNode node = body == null || body.isBlank() ? null : json.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** {"error": "..."} from the REST routes, or a JSON-RPC style {"error": {"message": "..."}}. */
    private static String errorOf(JsonNode answer) {
        if (answer == null) {
            return null;
        }
        JsonNode error = answer.path("error");
        String text = error.isTextual() ? error.asText() : error.path("message").isTextual()
                ? error.path("message").asText() : null;
        return text == null || text.isBlank() ? null : text;
    }

    private static KeyRow row(JsonNode k) {
        return new KeyRow(k.path("id").asText(), k.path("owner").asText(), k.path("role").asText(),
                k.path("gateway").asBoolean(), k.path("active").asBoolean(), k.path("created").asText(),
                k.path("lastUsed").isTextual() ? k.path("lastUsed").asText() : null);
    }
}
