package dev.sheetsmith.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged server ({@code server/target/sheetsmith.jar}, built in the package phase) run as an
 * operator runs it: its own process, the real config.yml, settings from the environment, a data
 * folder of its own. For what only a real process shows: kill -9, SIGTERM, a restart on the same data.
 */
final class PackagedServer implements AutoCloseable {

    static final Path JAR = Path.of("target", "sheetsmith.jar").toAbsolutePath();

    private final Path dataDir;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final int port;
    private final int adminPort;
    private Process process;

    PackagedServer(Path dataDir) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run 'mvn verify' (it packages before integration tests)");
        }
        this.dataDir = dataDir;
        this.port = freePort();
        this.adminPort = freePort();
        env.put("SHEETSMITH_DB_URL", "jdbc:h2:file:" + dataDir.resolve("db").toAbsolutePath());
        env.put("SHEETSMITH_FILES_DIR", dataDir.resolve("files").toAbsolutePath().toString());
        env.put("SHEETSMITH_PLUGINS_DIR", dataDir.resolve("plugins").toAbsolutePath().toString());
        env.put("SHEETSMITH_PORT", Integer.toString(port));
        env.put("SHEETSMITH_ADMIN_PORT", Integer.toString(adminPort));
        env.put("SHEETSMITH_DOWNLOAD_SECRET", TestServers.SECRET);
    }

    /** An extra environment variable for the next start. */
    PackagedServer env(String name, String value) {
        env.put(name, value);
        return this;
    }

    int port() {
        return port;
    }

    int adminPort() {
        return adminPort;
    }

    Path dataDir() {
        return dataDir;
    }

    Process process() {
        return process;
    }

    /** Starts the server and waits until its health check answers 200. */
    PackagedServer start() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("already running");
        }
        process = command("server", Path.of(TestServers.CONFIG).toAbsolutePath().toString())
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile())).start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + ":\n" + logTail(60));
            }
            try {
                HttpResponse<Void> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort
                        + "/healthcheck")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the server did not become healthy in 120 s:\n" + logTail(60));
    }

    /** {@code java -jar sheetsmith.jar keys ...} on this data (the server must not be running on H2). */
    String keys(String... args) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of("keys"));
        full.addAll(List.of(args));
        full.add(Path.of(TestServers.CONFIG).toAbsolutePath().toString());
        Process keys = command(full.toArray(String[]::new)).redirectErrorStream(true).start();
        String out = new String(keys.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!keys.waitFor(120, TimeUnit.SECONDS) || keys.exitValue() != 0) {
            throw new IllegalStateException("keys " + String.join(" ", args) + " failed:\n" + out);
        }
        return out;
    }

    /** SIGKILL: no shutdown hook, no flush, as a crash or the OOM killer would end it. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, as a container platform stops it; true when it exited within {@code within}. */
    boolean terminate(Duration within) throws InterruptedException {
        process.destroy();
        return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    Path log() {
        return dataDir.resolve("server.log");
    }

    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log());
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private ProcessBuilder command(String... args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dataDir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        return builder;
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
