package dev.sheetsmith.adapters.http;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;

/**
 * The base of links handed to users: the configured public URL (for a server behind a proxy or
 * in Docker), else the scheme and host the client used to reach us.
 */
public final class BaseUrls {

    private final String configured;

    public BaseUrls(String configured) {
        this.configured = configured == null || configured.isBlank() ? null : stripSlash(configured.strip());
    }

    public String of(HttpServletRequest request) {
        if (configured != null) {
            return configured;
        }
        String host = request.getHeader("Host");
        if (host == null || host.isBlank()) {
            host = request.getServerName() + ":" + request.getServerPort();
        }
        return request.getScheme() + "://" + host + stripSlash(request.getContextPath());
    }

    /** The same from JAX-RS: Jersey's base URI is the scheme, the Host the client sent and the context path. */
    public String of(URI baseUri) {
        return configured != null ? configured : stripSlash(baseUri.toString());
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
