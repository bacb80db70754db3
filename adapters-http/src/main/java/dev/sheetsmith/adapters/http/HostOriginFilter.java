package dev.sheetsmith.adapters.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Guards against DNS rebinding: a request whose Host or Origin names a host that is not on the
 * allow-list is refused with 403 before it reaches the MCP endpoint.
 */
public final class HostOriginFilter implements Filter {

    private final Set<String> allowedHosts;
    private final Set<String> allowedOrigins;

    /**
     * @param allowedHosts host names (no port) that may appear in Host and Origin; empty allows any
     * @param allowedOrigins full origins such as {@code https://chat.example.com}, allowed in addition
     */
    public HostOriginFilter(Set<String> allowedHosts, Set<String> allowedOrigins) {
        this.allowedHosts = allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        this.allowedOrigins = allowedOrigins.stream().map(o -> stripSlash(o.toLowerCase(Locale.ROOT)))
                .collect(Collectors.toSet());
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String host = request.getHeader("Host");
        if (host != null && !hostAllowed(hostOnly(host))) {
            refuse(response, "Forbidden: Host '" + clip(host) + "' is not allowed."
                            + " An operator can add it to mcp.allowedHosts.");
            return;
        }
        String origin = request.getHeader("Origin");
        if (origin != null && !originAllowed(origin)) {
            refuse(response, "Forbidden: Origin '" + clip(origin) + "' is not allowed."
                            + " An operator can add it to mcp.allowedOrigins.");
            return;
        }
        chain.doFilter(req, res);
    }

    private static void refuse(HttpServletResponse response, String message) throws IOException {
        // The body is not read, so the connection is not reused.
        response.setHeader("Connection", "close");
        JsonRpcErrors.write(response, HttpServletResponse.SC_FORBIDDEN, null, JsonRpcErrors.FORBIDDEN, message);
    }

    private boolean hostAllowed(String host) {
        return allowedHosts.isEmpty() || allowedHosts.contains(host.toLowerCase(Locale.ROOT));
    }

    private boolean originAllowed(String origin) {
        if (allowedOrigins.contains(stripSlash(origin.toLowerCase(Locale.ROOT)))) {
            return true;
        }
        try {
            String host = URI.create(origin.strip()).getHost();
            return host != null && hostAllowed(host.startsWith("[") ? host : bracketIpv6(host));
        } catch (IllegalArgumentException e) {
            return false;
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

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static String clip(String s) {
        String printable = s.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 100 ? printable.substring(0, 100) + "..." : printable;
    }
}
