package dev.sheetsmith.adapters.http.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * CORS for the OpenAPI routes, for tool servers a user adds in their own Open-WebUI settings (the
 * browser calls those). Only configured origins are answered; {@code *} allows any. The key still
 * travels as a header, and no cookies are used, so a foreign page learns nothing without one.
 */
public final class CorsFilter implements Filter {

    private final Set<String> origins;

    public CorsFilter(Set<String> origins) {
        this.origins = origins.stream().map(o -> o.strip().toLowerCase(Locale.ROOT).replaceAll("/$", ""))
                .collect(Collectors.toSet());
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String origin = request.getHeader("Origin");
        boolean allowed = origin != null && (origins.contains("*") || origins.contains(origin.toLowerCase(Locale.ROOT)));
        if (allowed) {
            response.setHeader("Access-Control-Allow-Origin", origins.contains("*") ? "*" : origin);
            response.setHeader("Vary", "Origin");
            response.setHeader("Access-Control-Expose-Headers", "Content-Disposition");
        }
        if ("OPTIONS".equals(request.getMethod()) && request.getHeader("Access-Control-Request-Method") != null) {
            if (allowed) {
                response.setHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
                response.setHeader("Access-Control-Allow-Headers", "Authorization, Content-Type, X-OpenWebUI-User-Id,"
                        + " X-OpenWebUI-User-Email, X-OpenWebUI-User-Name, X-OpenWebUI-User-Role, X-OpenWebUI-Chat-Id,"
                        + " X-OpenWebUI-User-Jwt");
                response.setHeader("Access-Control-Max-Age", "600");
            }
            response.setStatus(allowed ? HttpServletResponse.SC_NO_CONTENT : HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        chain.doFilter(req, res);
    }
}
