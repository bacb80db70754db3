package dev.sheetsmith.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.domain.NotFoundException;
import dev.sheetsmith.ports.out.ChatFiles;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Open-WebUI's files API as {@link ChatFiles}: {@code GET {baseUrl}/api/v1/files/{id}} (the file model:
 * {@code user_id}, {@code meta.name}) and {@code GET {baseUrl}/api/v1/files/{id}/content} with the
 * operator's key as a Bearer token (Open-WebUI answers the file with {@code Content-Disposition:
 * attachment; filename*=UTF-8''<name>}, or 404 for a file that does not exist or the key may not read).
 * Only the configured base URL is ever asked, redirects are not followed, and the key is never put in
 * an answer or an error.
 */
final class OpenWebUiFiles implements ChatFiles {

    private static final Pattern FILENAME_STAR = Pattern.compile("filename\\*\\s*=\\s*([^']*)'[^']*'([^;]+)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern FILENAME = Pattern.compile("filename\\s*=\\s*(\"([^\"]*)\"|[^;]+)",
            Pattern.CASE_INSENSITIVE);

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A file model is a few hundred bytes plus its extracted text; more is not read. */
    private static final int MAX_MODEL_BYTES = 4 * 1024 * 1024;

    private final URI base;
    private final String apiKey;
    private final Duration timeout;
    private final HttpClient client;

    private OpenWebUiFiles(URI base, String apiKey, Duration timeout) {
        this.base = base;
        this.apiKey = apiKey;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout)
                .build();
    }

    /** The files API at {@code baseUrl}; {@link ChatFiles#OFF} when it is empty. */
    static ChatFiles of(String baseUrl, String apiKey, Duration timeout) {
        if (baseUrl == null || baseUrl.isBlank()) {
            return ChatFiles.OFF;
        }
        URI base;
        try {
            base = URI.create(baseUrl.strip().replaceAll("/+$", "") + "/");
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("openwebui.baseUrl is not a URL: " + e.getMessage());
        }
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || base.getHost() == null || base.getQuery() != null
                || base.getRawUserInfo() != null) {
            throw new IllegalStateException("openwebui.baseUrl must be an http(s) address such as"
                    + " http://open-webui:8080, without user, query or fragment");
        }
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalStateException("openwebui.baseUrl is set but openwebui.apiKey is empty: give an"
                    + " Open-WebUI API key (SHEETSMITH_OPENWEBUI_KEY) that may read users' files");
        }
        return new OpenWebUiFiles(base, apiKey.strip(), Objects.requireNonNull(timeout, "timeout"));
    }

    @Override
    public boolean configured() {
        return true;
    }

    @Override
    public ChatFile open(String fileId) throws IOException {
        URI file = base.resolve("api/v1/files/" + URLEncoder.encode(fileId, StandardCharsets.UTF_8));
        // the file model first: whose file it is (user_id) and its name (meta.name)
        HttpResponse<InputStream> model = send(file, "application/json");
        JsonNode json;
        try (InputStream in = model.body()) {
            check(model.statusCode(), fileId);
            json = JSON.readTree(in.readNBytes(MAX_MODEL_BYTES));
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("Open-WebUI answered something other than a file model for file '"
                    + fileId + "'; check openwebui.baseUrl. Nothing was stored");
        }
        String owner = json.path("user_id").isTextual() ? json.path("user_id").asText() : null;
        String metaName = json.path("meta").path("name").isTextual() ? json.path("meta").path("name").asText() : null;
        HttpResponse<InputStream> content = send(URI.create(file + "/content"), "*/*");
        if (content.statusCode() != 200) {
            content.body().close();
            check(content.statusCode(), fileId);
        }
        long length = content.headers().firstValueAsLong("Content-Length").orElse(-1);
        String name = filename(content.headers().firstValue("Content-Disposition").orElse(null));
        return new ChatFile(name != null ? name : metaName == null ? null : clean(metaName), owner, length,
                content.body());
    }

    private HttpResponse<InputStream> send(URI uri, String accept) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Authorization", "Bearer " + apiKey)
                .header("Accept", accept).GET().build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking Open-WebUI");
        }
    }

    /** Nothing for 200; otherwise the error for the status (a 404 for a file that is missing or not readable). */
    private static void check(int status, String fileId) {
        if (status == 200) {
            return;
        }
        if (status == 404) {
            throw new NotFoundException("Open-WebUI has no file '" + fileId + "' (or none its key may read); give the"
                    + " id of a file attached in this chat as 'fileId'. Nothing was stored");
        }
        if (status == 401 || status == 403) {
            throw new InvalidInputException("Open-WebUI refused Sheetsmith's key (HTTP " + status + "): the operator"
                    + " must set openwebui.apiKey (SHEETSMITH_OPENWEBUI_KEY) to a valid Open-WebUI API key that may"
                    + " read users' files. Nothing was stored");
        }
        throw new InvalidInputException("Open-WebUI answered HTTP " + status + " for file '" + fileId + "'; nothing"
                + " was stored. Try again, or tell the operator if it persists");
    }

    /** The file name of a Content-Disposition header: RFC 5987's filename* first, then filename; null if none. */
    static String filename(String contentDisposition) {
        if (contentDisposition == null) {
            return null;
        }
        Matcher star = FILENAME_STAR.matcher(contentDisposition);
        if (star.find()) {
            String charset = star.group(1).isBlank() ? "UTF-8" : star.group(1).strip();
            try {
                return clean(URLDecoder.decode(star.group(2).strip().replace("+", "%2B"), charset));
            } catch (IllegalArgumentException | java.io.UnsupportedEncodingException e) {
                // fall through to the plain filename
            }
        }
        Matcher plain = FILENAME.matcher(contentDisposition);
        if (plain.find()) {
            return clean(plain.group(2) != null ? plain.group(2) : plain.group(1).strip());
        }
        return null;
    }

    /** Only the last path segment: a name never says where to store. */
    private static String clean(String name) {
        String last = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1).strip();
        return last.isEmpty() ? null : last;
    }
}
