package dev.sheetsmith.server;

import io.dropwizard.core.setup.Environment;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.dropwizard.DropwizardExports;
import io.prometheus.client.servlet.jakarta.exporter.MetricsServlet;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;

/**
 * What the admin port serves besides Dropwizard's own pages: the metrics registry in Prometheus'
 * text format at {@code /prometheus}, and, unless {@code adminTasks} is true, a refusal of
 * Dropwizard's tasks ({@code /tasks/gc}, {@code /tasks/log-level}, ...).
 *
 * <p>The admin port has no authentication: probes and scrapers must reach it without a key. Its
 * read-only pages are harmless, but tasks act on the running process; where the port is opened
 * beyond loopback (a container, a pod) they are turned off here, whatever the network allows.
 */
final class AdminPort {

    static final String PROMETHEUS_PATH = "/prometheus";

    private AdminPort() {
    }

    static void install(Environment env, boolean tasksEnabled) {
        CollectorRegistry registry = new CollectorRegistry();
        new DropwizardExports(env.metrics()).register(registry);
        env.admin().addServlet("prometheus", new MetricsServlet(registry)).addMapping(PROMETHEUS_PATH);
        if (!tasksEnabled) {
            env.admin().addFilter("tasks-off", new TasksOff())
                    .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/tasks", "/tasks/*");
        }
    }

    /** Answers 403 to every task, naming the setting that turns them on. */
    static final class TasksOff implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException {
            HttpServletResponse http = (HttpServletResponse) response;
            http.setStatus(HttpServletResponse.SC_FORBIDDEN);
            http.setContentType("text/plain;charset=utf-8");
            http.getOutputStream().write(("Dropwizard's admin tasks are turned off on this server"
                    + " (adminTasks: false, environment variable SHEETSMITH_ADMIN_TASKS).\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
    }
}
