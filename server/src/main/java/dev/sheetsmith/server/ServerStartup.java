package dev.sheetsmith.server;

import ch.qos.logback.access.jetty.RequestLogImpl;
import ch.qos.logback.core.status.Status;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Environment;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the server says when it starts: its version and where to reach it, from the connectors it bound. */
final class ServerStartup {

    private static final Logger LOG = LoggerFactory.getLogger(ServerStartup.class);

    private ServerStartup() {
    }

    static void register(Environment env, DefaultServerFactory factory, String version) {
        env.lifecycle().addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                if (event instanceof Server server) {
                    quietRequestLog(server);
                }
            }
        });
        env.lifecycle().addServerLifecycleListener(server -> LOG.info("Sheetsmith {} started:\n{}", version,
                String.join("\n", urls(server, factory))));
    }

    /**
     * logback-access 2.0.9 prints every status of its start-up to stdout, among them two warnings
     * that are wrong for Dropwizard 5.0.1 with its own (BOM) logback versions: the version of
     * "logback-access-jetty12" is read from the class Dropwizard derives from it (so from
     * dropwizard-request-logging's manifest, or ours once shaded), and logback-core 1.5.26 looks for
     * "logback-access-common-dependencies.properties" where logback-access-common 2.0.9 ships
     * "-dependees.properties". Its own quiet switch stops the printing; errors still reach our log.
     */
    private static void quietRequestLog(Server server) {
        if (server.getRequestLog() instanceof RequestLogImpl requestLog) {
            requestLog.setQuiet(true);
            requestLog.getStatusManager().add(status -> {
                if (status.getLevel() == Status.ERROR) {
                    LOG.error("request log: {}", status.getMessage(), status.getThrowable());
                }
            });
        }
    }

    /** The full URLs of /mcp, the console and the health check, per bound connector. */
    static List<String> urls(Server server, DefaultServerFactory factory) {
        List<String> lines = new ArrayList<>();
        for (Connector connector : server.getConnectors()) {
            if (!(connector instanceof ServerConnector bound) || bound.getLocalPort() <= 0) {
                continue;
            }
            String base = (bound.getConnectionFactory(SslConnectionFactory.class) != null ? "https" : "http") + "://"
                    + host(bound.getHost()) + ":" + bound.getLocalPort();
            if ("admin".equals(bound.getName())) {
                lines.add("  health check  " + base + path(factory.getAdminContextPath()) + "healthcheck");
            } else {
                String app = base + path(factory.getApplicationContextPath());
                lines.add("  MCP endpoint  " + app + "mcp");
                lines.add("  console       " + app + "console/");
                lines.add("  OpenAPI       " + app + "openapi.json");
            }
        }
        return lines;
    }

    private static String host(String bound) {
        if (bound == null || bound.isBlank() || "0.0.0.0".equals(bound) || "::".equals(bound)) {
            return "127.0.0.1"; // every interface: loopback is one of them
        }
        return bound.contains(":") && !bound.startsWith("[") ? "[" + bound + "]" : bound;
    }

    private static String path(String contextPath) {
        return contextPath == null || contextPath.isEmpty() ? "/" : contextPath.endsWith("/") ? contextPath
                : contextPath + "/";
    }
}
