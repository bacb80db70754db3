package dev.sheetsmith.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests under deploy/kubernetes, rendered by {@code kubectl kustomize} as an
 * operator would, then parsed strictly into fabric8's typed model: a misspelt field, a wrong type or
 * an unknown kind fails here, as would a broken reference between the objects (a volume, a ConfigMap,
 * a port name, a selector). Needs kubectl (SHEETSMITH_KUBECTL names it, else PATH); CI requires it.
 */
class KubernetesManifestsTest {

    private static final Path DEPLOY = Path.of("..", "deploy", "kubernetes");
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "v1/Service", Service.class,
            "v1/PersistentVolumeClaim", PersistentVolumeClaim.class,
            "apps/v1/Deployment", Deployment.class,
            "batch/v1/Job", Job.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class);

    @Test
    void baseIsOnePodOnAVolumeWithItsFirstAdminInitContainer() throws Exception {
        List<HasMetadata> objects = render("base");
        assertThat(names(objects)).containsExactlyInAnyOrder("ConfigMap/sheetsmith", "Secret/sheetsmith",
                "Service/sheetsmith", "PersistentVolumeClaim/sheetsmith-data", "Deployment/sheetsmith",
                "PodDisruptionBudget/sheetsmith", "NetworkPolicy/sheetsmith");
        Deployment deployment = one(objects, Deployment.class);
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
        assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("Recreate");
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(pod.getInitContainers()).extracting(Container::getName).containsExactly("first-admin");
        assertThat(pod.getInitContainers().get(0).getArgs()).containsExactly("first-admin");
        assertThat(pod.getVolumes()).anySatisfy(v -> assertThat(v.getPersistentVolumeClaim().getClaimName())
                .isEqualTo("sheetsmith-data"));
        consistent(objects);
    }

    @Test
    void postgresS3OverlayIsTwoReplicasWithAJobForTheFirstAdmin() throws Exception {
        List<HasMetadata> objects = render("overlays/postgres-s3");
        assertThat(names(objects)).containsExactlyInAnyOrder("ConfigMap/sheetsmith", "Secret/sheetsmith",
                "Service/sheetsmith", "Deployment/sheetsmith", "PodDisruptionBudget/sheetsmith",
                "Job/sheetsmith-first-admin", "NetworkPolicy/sheetsmith");
        Deployment deployment = one(objects, Deployment.class);
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(pod.getInitContainers()).isEmpty();
        assertThat(pod.getVolumes()).allSatisfy(v -> assertThat(v.getPersistentVolumeClaim()).isNull());
        PodDisruptionBudget pdb = one(objects, PodDisruptionBudget.class);
        assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
        assertThat(pdb.getSpec().getMaxUnavailable()).isNull();
        Map<String, String> config = one(objects, ConfigMap.class).getData();
        assertThat(config).containsEntry("SHEETSMITH_DB_DRIVER", "org.postgresql.Driver")
                .containsEntry("SHEETSMITH_STORAGE", "s3");
        assertThat(one(objects, Job.class).getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
                .containsExactly("first-admin");
        consistent(objects);
    }

    /** What holds in every rendering: references resolve, probes and limits are there, settings exist. */
    private static void consistent(List<HasMetadata> objects) throws IOException {
        Deployment deployment = one(objects, Deployment.class);
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        assertThat(deployment.getSpec().getSelector().getMatchLabels()).isNotEmpty();
        assertThat(podLabels).containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
        Service service = one(objects, Service.class);
        assertThat(service.getSpec().getSelector()).isNotEmpty();
        assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector());
        PodDisruptionBudget pdb = one(objects, PodDisruptionBudget.class);
        assertThat(podLabels).containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());

        List<PodSpec> pods = new ArrayList<>();
        pods.add(deployment.getSpec().getTemplate().getSpec());
        objects.stream().filter(Job.class::isInstance).map(Job.class::cast)
                .forEach(job -> pods.add(job.getSpec().getTemplate().getSpec()));
        Set<String> configMaps = namesOf(objects, ConfigMap.class);
        Set<String> secrets = namesOf(objects, Secret.class);
        Set<String> claims = namesOf(objects, PersistentVolumeClaim.class);
        for (PodSpec pod : pods) {
            Set<String> volumes = pod.getVolumes().stream().map(Volume::getName).collect(Collectors.toSet());
            pod.getVolumes().stream().filter(v -> v.getPersistentVolumeClaim() != null)
                    .forEach(v -> assertThat(claims).as("claim of volume %s", v.getName())
                            .contains(v.getPersistentVolumeClaim().getClaimName()));
            for (Container c : Stream.concat(pod.getInitContainers().stream(), pod.getContainers().stream()).toList()) {
                assertThat(c.getVolumeMounts()).extracting(VolumeMount::getName).as("mounts of %s", c.getName())
                        .allMatch(volumes::contains);
                for (EnvFromSource from : c.getEnvFrom()) {
                    if (from.getConfigMapRef() != null) {
                        assertThat(configMaps).contains(from.getConfigMapRef().getName());
                    }
                    if (from.getSecretRef() != null) {
                        assertThat(secrets).contains(from.getSecretRef().getName());
                    }
                }
                assertThat(c.getResources().getLimits()).as("memory limit of %s", c.getName()).containsKey("memory");
                assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
            }
        }

        Container server = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, Integer> ports = server.getPorts().stream()
                .collect(Collectors.toMap(ContainerPort::getName, ContainerPort::getContainerPort));
        assertThat(ports).containsEntry("http", 9080).containsEntry("admin", 9081);
        for (Probe probe : List.of(server.getReadinessProbe(), server.getLivenessProbe(), server.getStartupProbe())) {
            assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("admin");
        }
        assertThat(server.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/healthcheck");
        assertThat(ports).containsKey(service.getSpec().getPorts().get(0).getTargetPort().getStrVal());
        assertThat(service.getSpec().getPorts()).extracting(p -> p.getPort()).doesNotContain(9081);
        Quantity request = server.getResources().getRequests().get("memory");
        assertThat(Quantity.getAmountInBytes(request))
                .isEqualTo(Quantity.getAmountInBytes(server.getResources().getLimits().get("memory")));
        assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("prometheus.io/port", "9081").containsEntry("prometheus.io/path", AdminPort.PROMETHEUS_PATH);

        // The admin port is open to scrapers only; the application port to all.
        NetworkPolicy policy = one(objects, NetworkPolicy.class);
        assertThat(podLabels).containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels());
        policy.getSpec().getIngress().stream()
                .filter(rule -> rule.getPorts().stream().anyMatch(p -> p.getPort().getIntVal() == 9081))
                .forEach(rule -> assertThat(rule.getFrom()).as("who may reach the admin port").isNotEmpty());

        // Every SHEETSMITH_* setting is one config.yml or the image's entry point reads.
        String known = Files.readString(Path.of("..", "config.yml"))
                + Files.readString(Path.of("..", "deploy", "container", "sheetsmith"));
        Stream.concat(objects.stream().filter(ConfigMap.class::isInstance)
                        .flatMap(o -> ((ConfigMap) o).getData().keySet().stream()),
                objects.stream().filter(Secret.class::isInstance)
                        .flatMap(o -> ((Secret) o).getStringData().keySet().stream()))
                .forEach(key -> assertThat(known).as("a setting named %s", key).contains(key));
    }

    private static List<HasMetadata> render(String dir) throws Exception {
        String kubectl = System.getenv().getOrDefault("SHEETSMITH_KUBECTL", "kubectl");
        boolean required = System.getenv("CI") != null || System.getenv("SHEETSMITH_REQUIRE_KUBECTL") != null;
        Process process;
        try {
            process = new ProcessBuilder(kubectl, "kustomize", DEPLOY.resolve(dir).toString())
                    .redirectErrorStream(false).start();
        } catch (IOException e) {
            if (required) {
                throw new AssertionError("kubectl is needed to render deploy/kubernetes (" + e.getMessage() + ")", e);
            }
            Assumptions.abort("kubectl not found (SHEETSMITH_KUBECTL or PATH): manifests not rendered");
            throw e;
        }
        byte[] out = process.getInputStream().readAllBytes();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("kubectl kustomize %s: %s", dir, err).isZero();

        List<HasMetadata> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = new ObjectMapper(new YAMLFactory()).readerFor(JsonNode.class).readValues(out)) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc == null || doc.isNull() || doc.isEmpty()) {
                    continue;
                }
                String type = doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
                Class<? extends HasMetadata> model = KINDS.get(type);
                assertThat(model).as("a known kind: %s", type).isNotNull();
                HasMetadata object = MAPPER.treeToValue(doc, model);
                String where = type + " " + object.getMetadata().getName();
                List<String> unknown = new ArrayList<>();
                unknownFields(object, where, unknown);
                assertThat(unknown).as("fields the Kubernetes API does not know").isEmpty();
                objects.add(object);
            }
        }
        System.out.printf("kubectl kustomize deploy/kubernetes/%s: %s%n", dir, names(objects));
        return objects;
    }

    /**
     * fabric8's model keeps fields it does not know in additionalProperties rather than failing; any
     * there, at any depth, is a field Kubernetes would reject or silently ignore.
     */
    private static void unknownFields(Object value, String path, List<String> unknown) throws Exception {
        if (value instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                unknownFields(item, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                unknownFields(e.getValue(), path + "." + e.getKey(), unknown);
            }
            return;
        }
        if (value == null || !value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object field;
            try {
                field = getter.invoke(value);
            } catch (InvocationTargetException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (field instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + ": " + extra.keySet());
                }
                continue;
            }
            unknownFields(field, path + "." + getter.getName().substring(3), unknown);
        }
    }

    private static <T> T one(List<HasMetadata> objects, Class<T> type) {
        List<T> found = objects.stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(found).as("one %s", type.getSimpleName()).hasSize(1);
        return found.get(0);
    }

    private static Set<String> namesOf(List<HasMetadata> objects, Class<? extends HasMetadata> type) {
        return objects.stream().filter(type::isInstance).map(o -> o.getMetadata().getName()).collect(Collectors.toSet());
    }

    private static List<String> names(List<HasMetadata> objects) {
        return objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList();
    }
}
