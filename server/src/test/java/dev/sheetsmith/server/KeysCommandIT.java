package dev.sheetsmith.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import io.dropwizard.testing.DropwizardTestSupport;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * The operator's key commands, run as {@code java -jar sheetsmith.jar keys ...} would run them: in
 * this JVM on a free database, and as the packaged jar in its own JVM next to a running server that
 * holds the H2 database (the command then goes through the server's admin API).
 * Its own class: a running test app sets dw.* system properties that would redirect an in-JVM command.
 */
class KeysCommandIT {

    @Test
    void theKeysCommandCreatesListsAndRevokesKeys() throws Exception {
        Path dir = TestServers.tempDir("sheetsmith-keys-cli");
        Path config = dir.resolve("config.yml");
        Files.writeString(config, Files.readString(Path.of(TestServers.CONFIG))
                .replace("${SHEETSMITH_DB_URL:-jdbc:h2:file:./data/sheetsmith}", "jdbc:h2:file:" + dir.resolve("db"))
                .replace("${SHEETSMITH_FILES_DIR:-./data/files}", dir.resolve("files").toString()));

        String created = runKeys("create", "--owner", "carol", "--admin", config.toString());
        assertThat(created).contains("Created admin key").contains("owner carol");
        String key = created.lines().filter(l -> l.startsWith("ssk_")).findFirst().orElseThrow();
        String id = key.split("_")[1];

        String listed = runKeys("list", config.toString());
        assertThat(listed).contains(id).contains("carol").contains("admin").contains("active").doesNotContain(key);

        assertThat(runKeys("revoke", "--id", id, config.toString())).contains("Revoked key " + id);
        assertThat(runKeys("list", config.toString())).contains("revoked");
        String hashes = Jdbi.create("jdbc:h2:file:" + dir.resolve("db"), "sa", "").withHandle(h -> h
                .createQuery("SELECT secret_sha256 FROM api_keys").mapTo(String.class).one());
        assertThat(hashes).hasSize(64).doesNotContain(key.substring(22));
    }

    @Test
    void whileTheServerRunsOnTheDatabaseTheCommandGoesThroughItAndEveryChangeCountsAtOnce() throws Exception {
        Path data = TestServers.tempDir("sheetsmith-keys-running");
        DropwizardTestSupport<SheetsmithConfiguration> app = TestServers.support(data);
        app.before();
        try {
            int port = app.getLocalPort();
            assertThat(tool(port, null, "create_excel_file", "{\"filename\":\"before-keys\",\"headers\":[\"x\"]}")
                    .statusCode()).isEqualTo(200);

            // The database is held by the server and nothing answers on the configured port: what to do, briefly.
            int nobody;
            try (ServerSocket socket = new ServerSocket(0)) {
                nobody = socket.getLocalPort();
            }
            Run unreachable = jar(data, nobody, Map.of(), "keys", "list");
            assertThat(unreachable.exit()).isEqualTo(1);
            assertThat(unreachable.err()).contains("is in use by another program")
                    .contains("no Sheetsmith server answers at http://127.0.0.1:" + nobody + "/")
                    .contains("Stop the program that uses the database").contains("--url");
            assertNoStackTrace(unreachable);

            // Key-less: a loopback caller is the local admin, so the first key is made through the server.
            Run first = jar(data, port, Map.of(), "keys", "create", "--owner", "ops", "--admin");
            assertThat(first.exit()).as(first.err()).isZero();
            assertThat(first.out()).contains("Created admin key").contains("through the running server at"
                    + " http://127.0.0.1:" + port + "/");
            String ops = secret(first);
            assertThat(admin(port, ops, "GET", "/api/admin/info").statusCode()).isEqualTo(200);

            // Keys exist now: without an admin key the command says how to get on, with the curl line.
            Run refused = jar(data, port, Map.of(), "keys", "list");
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.err()).contains("refused the request (401)").contains("--admin-key")
                    .contains(KeysCommand.ADMIN_KEY_ENV).contains("stop the server")
                    .contains("curl -H 'Authorization: Bearer <admin key>' 'http://127.0.0.1:" + port
                            + "/api/admin/keys?limit=500'");
            assertNoStackTrace(refused);

            // With the admin key from the environment: alice's key, and the files made before any key.
            Run alice = jar(data, port, Map.of(KeysCommand.ADMIN_KEY_ENV, ops), "keys", "create", "--owner", "alice",
                    "--take-local-files");
            assertThat(alice.exit()).as(alice.err()).isZero();
            assertThat(alice.out()).contains("Created user key").contains("Gave 1 file(s) of owner local to alice")
                    .contains("before-keys.xlsx");
            String aliceKey = secret(alice);
            String aliceId = aliceKey.split("_")[1];
            HttpResponse<String> files = tool(port, aliceKey, "list_files", "{}");
            assertThat(files.statusCode()).isEqualTo(200);
            assertThat(files.body()).contains("before-keys.xlsx");

            Run listed = jar(data, port, Map.of(), "keys", "list", "--admin-key", ops);
            assertThat(listed.exit()).as(listed.err()).isZero();
            assertThat(listed.out()).contains(aliceId).contains("alice").contains("ops").contains("admin")
                    .doesNotContain(aliceKey);

            // A user key is not enough, and says so; an admin key revokes, and the key stops at once.
            Run notAdmin = jar(data, port, Map.of(), "keys", "revoke", "--id", aliceId, "--admin-key", aliceKey);
            assertThat(notAdmin.exit()).isEqualTo(1);
            assertThat(notAdmin.err()).contains("(403)").contains("not an admin key")
                    .contains("curl -X DELETE -H 'Authorization: Bearer <admin key>' 'http://127.0.0.1:" + port
                            + "/api/admin/keys/" + aliceId + "'");
            assertNoStackTrace(notAdmin);
            Run revoked = jar(data, port, Map.of(), "keys", "revoke", "--id", aliceId, "--admin-key", ops);
            assertThat(revoked.exit()).as(revoked.err()).isZero();
            assertThat(revoked.out()).contains("Revoked key " + aliceId);
            assertThat(tool(port, aliceKey, "list_files", "{}").statusCode()).isEqualTo(401);
            Run again = jar(data, port, Map.of(), "keys", "revoke", "--id", aliceId, "--admin-key", ops);
            assertThat(again.exit()).isEqualTo(1);
            assertThat(again.err()).contains("keys: no active key with id " + aliceId);
            assertNoStackTrace(again);
        } finally {
            app.after();
        }
    }

    @Test
    void withTheServerStoppedTheCommandTakesTheLocalFilesInTheDatabaseItself() throws Exception {
        Path data = TestServers.tempDir("sheetsmith-keys-stopped");
        DropwizardTestSupport<SheetsmithConfiguration> app = TestServers.support(data);
        app.before();
        int port = app.getLocalPort();
        try {
            assertThat(tool(port, null, "create_excel_file", "{\"filename\":\"report\",\"headers\":[\"x\"]}")
                    .statusCode()).isEqualTo(200);
        } finally {
            app.after();
        }
        Run gateway = jar(data, port, Map.of(), "keys", "create", "--owner", "openwebui", "--gateway",
                "--take-local-files");
        assertThat(gateway.exit()).isEqualTo(1);
        assertThat(gateway.err()).contains("a gateway key acts for its end users")
                .contains("/api/admin/owners/local/transfer");
        assertNoStackTrace(gateway);

        Run carol = jar(data, port, Map.of(), "keys", "create", "--owner", "carol", "--take-local-files");
        assertThat(carol.exit()).as(carol.err()).isZero();
        assertThat(carol.out()).contains("Created user key").contains("Gave 1 file(s) of owner local to carol")
                .doesNotContain("through the running server");
        Jdbi db = Jdbi.create("jdbc:h2:file:" + data.resolve("db").toAbsolutePath(), "sa", "");
        String owner = db.withHandle(h -> h.createQuery("SELECT owner_id FROM files WHERE name = 'report.xlsx'")
                .mapTo(String.class).one());
        assertThat(owner).isEqualTo("carol");
        String actor = db.withHandle(h -> h.createQuery("SELECT actor FROM audit_log WHERE action = 'owner.transfer'")
                .mapTo(String.class).one());
        assertThat(actor).isEqualTo("keys command");
    }

    private record Run(int exit, String out, String err) {
    }

    /** The packaged jar in its own JVM, as an operator runs it, with config.yml and the test's database and port. */
    private static Run jar(Path data, int port, Map<String, String> env, String... args) throws Exception {
        Path jar = Path.of("target", "sheetsmith.jar");
        assertThat(jar).as("the packaged jar (built in the package phase, before these tests)").exists();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        command.add(TestServers.CONFIG);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove(KeysCommand.ADMIN_KEY_ENV);
        builder.environment().put("SHEETSMITH_DB_URL", "jdbc:h2:file:" + data.resolve("db").toAbsolutePath());
        builder.environment().put("SHEETSMITH_FILES_DIR", data.resolve("files").toString());
        builder.environment().put("SHEETSMITH_PORT", String.valueOf(port));
        builder.environment().putAll(env);
        Path out = Files.createTempFile(data, "keys-out", ".txt");
        Path err = Files.createTempFile(data, "keys-err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("keys " + String.join(" ", args) + " did not finish in 90 s");
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static void assertNoStackTrace(Run run) {
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("! at");
        assertThat(run.err().strip().lines().count()).as(run.err()).isBetween(1L, 3L);
    }

    private static String secret(Run run) {
        return run.out().lines().filter(l -> l.startsWith("ssk_")).findFirst().orElseThrow(() -> new AssertionError(
                "no key in: " + run.out() + run.err()));
    }

    private static HttpResponse<String> tool(int port, String key, String tool, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/tools/"
                + tool)).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> admin(int port, String key, String method, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + key).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String runKeys(String... args) throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            String[] full = new String[args.length + 1];
            full[0] = "keys";
            System.arraycopy(args, 0, full, 1, args.length);
            new SheetsmithApplication().run(full);
        } finally {
            System.setOut(previous);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

}
