package dev.sheetsmith.server;

import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Without API keys anyone who reaches the port is the owner of every file, so the server listens
 * only on loopback unless the operator says allowUnauthenticated: true.
 */
final class LoopbackGuard {

    private static final Logger LOG = LoggerFactory.getLogger(LoopbackGuard.class);

    private LoopbackGuard() {
    }

    static void requireLoopbackWithoutKeys(SheetsmithConfiguration config, boolean anyKeys) {
        if (anyKeys || !(config.getServerFactory() instanceof DefaultServerFactory factory)) {
            return;
        }
        for (ConnectorFactory connector : factory.getApplicationConnectors()) {
            if (connector instanceof HttpConnectorFactory http && !isLoopback(http.getBindHost())) {
                if (!config.allowUnauthenticated) {
                    throw new IllegalStateException("server.applicationConnectors binds to '" + http.getBindHost()
                            + "' but no API key exists, so anyone reaching the port would see every file. Create a"
                            + " key first (java -jar sheetsmith.jar keys create --owner NAME), bind to 127.0.0.1, or"
                            + " set allowUnauthenticated: true.");
                }
                LOG.warn("*** allowUnauthenticated is true and the server listens on '{}' with no API key:"
                        + " ANYONE WHO CAN REACH THIS PORT CAN READ AND CREATE FILES. ***", http.getBindHost());
            }
        }
    }

    private static boolean isLoopback(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
