package dev.sheetsmith.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sheetsmith.adapters.http.auth.BearerKeyOwners;
import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.ConfigurationSourceProvider;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.text.StringSubstitutor;
import org.apache.commons.text.lookup.StringLookupFactory;
import org.junit.jupiter.api.Test;

/**
 * config.yml's keys and values are a public contract: the shipped file, with the environments the
 * README and the deployment files document, parses into the typed configuration as Dropwizard's own
 * factory reads it (environment substitution, Jackson, the validator); a bad value is refused naming
 * its key.
 */
class SheetsmithConfigurationTest {

    private static final Path CONFIG = Path.of("../config.yml");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void theShippedConfigParsesToLocalFilesAndTheDocumentedDefaults() throws Exception {
        SheetsmithConfiguration config = shipped(Map.of());

        assertThat(config.storage).isInstanceOf(LocalFileStoreFactory.class);
        assertThat(config.storage.type()).isEqualTo("local");
        assertThat(config.storage.localDirectory()).contains(Path.of("./data/files"));
        assertThat(config.plugins.onError).isEqualTo(SheetsmithConfiguration.Plugins.OnError.FAIL);
        assertThat(config.identity.gatewayPolicy()).isEqualTo(BearerKeyOwners.GatewayWithoutUser.REFUSE);
        assertThat(config.limits.toDomain().maxRows()).isEqualTo(1_048_576);
        assertThat(config.limits.readLimits().maxTextChars()).isEqualTo(20_971_520);
        assertThat(config.mcp.endpointSettings().requestTimeout()).hasMinutes(5);
        assertThat(config.mcp.endpointSettings(config.getServerFactory()).gzip()).isTrue();
        assertThat(config.apiKeys.cacheLifetime()).isEqualTo(dev.sheetsmith.adapters.storage.JdbiApiKeyStore.KEY_CACHE_TTL)
                .hasSeconds(5);
        assertThat(config.downloads.linkLifetime()).hasDays(7);
        assertThat(config.allowedHosts()).containsExactly("localhost", "127.0.0.1", "[::1]");
        assertThat(config.formats).containsKey("csv");
        assertThat(config.files.readIndexPrebuildBytes).isEqualTo(1_048_576);
        assertThat(config.files.readIndexPrebuildDelay.toJavaDuration()).hasSeconds(1);
    }

    @Test
    void theScaleComposeFilesEnvironmentChoosesS3WithItsBucketAndEndpoint() throws Exception {
        JsonNode compose = YAML.readTree(Path.of("../deploy/docker-compose.scale.yml").toFile());
        SheetsmithConfiguration config = shipped(environment(compose.path("x-sheetsmith").path("environment")));

        S3FileStoreFactory s3 = (S3FileStoreFactory) config.storage;
        assertThat(s3.type()).isEqualTo("s3");
        assertThat(s3.localDirectory()).isEmpty();
        assertThat(s3.s3.bucket).isEqualTo("sheetsmith");
        assertThat(s3.s3.endpoint).isEqualTo("http://minio:9000");
        assertThat(s3.s3.pathStyle).isTrue();
        assertThat(s3.s3.accessKey).isEqualTo("sheetsmith");
        assertThat(config.allowedHosts()).contains("sheetsmith", "localhost");
    }

    @Test
    void theKubernetesPostgresS3OverlayChoosesS3() throws Exception {
        JsonNode configMap = YAML.readTree(Path.of("../deploy/kubernetes/overlays/postgres-s3/config.yaml").toFile());
        SheetsmithConfiguration config = shipped(environment(configMap.path("data")));

        S3FileStoreFactory s3 = (S3FileStoreFactory) config.storage;
        assertThat(s3.s3.bucket).isEqualTo("sheetsmith");
        assertThat(s3.s3.region).isEqualTo("us-east-1");
        assertThat(s3.s3.pathStyle).isFalse();
    }

    @Test
    void theReadmesDocumentedValuesParse() throws Exception {
        SheetsmithConfiguration config = shipped(Map.of("SHEETSMITH_STORAGE", "local", "SHEETSMITH_FILES_DIR",
                "/srv/files", "SHEETSMITH_GATEWAY_WITHOUT_USER", "shared", "SHEETSMITH_MEMORY_BUDGET", "512MiB",
                "MAX_ROWS", "5000", "SHEETSMITH_PUBLIC_URL", "https://sheets.example.com"));

        assertThat(config.storage.localDirectory()).contains(Path.of("/srv/files"));
        assertThat(config.identity.gatewayPolicy()).isEqualTo(BearerKeyOwners.GatewayWithoutUser.SHARED);
        assertThat(config.limits.memoryBudgetBytes(1L << 32)).isEqualTo(512L * 1024 * 1024);
        assertThat(config.limits.toDomain().maxRows()).isEqualTo(5000);
        assertThat(config.allowedHosts()).contains("sheets.example.com");

        SheetsmithConfiguration skip = parse("plugins:\n  onError: skip\n");
        assertThat(skip.plugins.onError).isEqualTo(SheetsmithConfiguration.Plugins.OnError.SKIP);
    }

    @Test
    void aStorageBlockWithoutTypeOrNoBlockAtAllIsLocalFiles() throws Exception {
        assertThat(parse("storage:\n  directory: /srv/files\n").storage.localDirectory())
                .contains(Path.of("/srv/files"));
        assertThat(parse("adminTasks: false\n").storage).isInstanceOf(LocalFileStoreFactory.class);
        assertThat(parse("storage:\n  type: s3\n  s3:\n    bucket: b\n    prefix: p/\n").storage)
                .isInstanceOfSatisfying(S3FileStoreFactory.class, s3 -> assertThat(s3.s3.prefix).isEqualTo("p/"));
    }

    @Test
    void aBadValueIsRefusedNamingItsKey() {
        assertThatThrownBy(() -> parse("storage:\n  type: ftp\n")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("storage.type must be local or s3, not 'ftp'");
        assertThatThrownBy(() -> parse("storage:\n  type: s3\n")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("storage.s3.bucket must name the bucket when storage.type is s3");
        assertThatThrownBy(() -> parse("plugins:\n  onError: sometimes\n")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("plugins.onError").hasMessageContaining("must be fail or skip, not 'sometimes'");
        assertThatThrownBy(() -> parse("identity:\n  gatewayWithoutUser: maybe\n"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("identity.gatewayWithoutUser")
                .hasMessageContaining("must be refuse or shared, not 'maybe'");
        assertThatThrownBy(() -> parse("files:\n  readIndexPrebuildBytes: -1\n"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("files.readIndexPrebuildBytes")
                .hasMessageContaining("greater than or equal to 0");
        assertThatThrownBy(() -> shipped(Map.of("SHEETSMITH_STORAGE", "S3 ")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("storage");
    }

    private static Map<String, String> environment(JsonNode variables) {
        Map<String, String> env = new LinkedHashMap<>();
        variables.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        return env;
    }

    /** The shipped config.yml, its ${VAR:-default}s taken from {@code env} as the application takes them from the environment. */
    private static SheetsmithConfiguration shipped(Map<String, String> env) throws Exception {
        StringSubstitutor substitutor = new StringSubstitutor(StringLookupFactory.INSTANCE.mapStringLookup(env));
        substitutor.setEnableSubstitutionInVariables(true);
        return factory().build(new SubstitutingSourceProvider(new FileConfigurationSourceProvider(), substitutor),
                CONFIG.toString());
    }

    /** A config of only {@code yaml} and the database, which has no default. */
    private static SheetsmithConfiguration parse(String yaml) throws Exception {
        String full = "database:\n  driverClass: org.h2.Driver\n  url: jdbc:h2:mem:config-test\n" + yaml;
        ConfigurationSourceProvider text = path -> new ByteArrayInputStream(full.getBytes(StandardCharsets.UTF_8));
        return factory().build(text, "test.yml");
    }

    private static YamlConfigurationFactory<SheetsmithConfiguration> factory() {
        return new YamlConfigurationFactory<>(SheetsmithConfiguration.class, Validators.newValidator(),
                Jackson.newObjectMapper(), "dw");
    }
}
