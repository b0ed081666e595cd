package io.inetty.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/kubernetes: every manifest of the base and of the daemonset overlay passes the Kubernetes API's schema
 * (strictly, {@link KubernetesManifests}), and everything it names exists: the ports in the image (EXPOSE) and the
 * daemon ({@code services --json}), the user of the image, the variables the daemon knows, the probe paths the
 * admin endpoint answers (the image's entrypoint run with the manifests' environment).
 */
class KubernetesManifestsTest {
    private static final Pattern MIB = Pattern.compile("-X(?:mx|X:MaxDirectMemorySize=|X:MaxMetaspaceSize="
            + "|X:ReservedCodeCacheSize=)(\\d+)m");
    private static Path repo;
    private static DockerEntrypointTest.Dockerfile dockerfile;
    private static Map<String, List<HasMetadata>> rendered;

    @TempDir
    Path tmp;

    @BeforeAll
    static void render() throws IOException {
        repo = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).resolve("..").toAbsolutePath()
                .normalize();
        dockerfile = DockerEntrypointTest.Dockerfile.parse(repo.resolve("docker/Dockerfile"));
        rendered = new LinkedHashMap<>();
        for (String root : new String[] {"deploy/kubernetes", "deploy/kubernetes/overlays/daemonset"}) {
            rendered.put(root, KubernetesManifests.render(repo.resolve(root)));
        }
    }

    @Test
    void everyFileAndEveryRenderingPassesTheApiSchema() throws IOException {
        assertThat(kinds("deploy/kubernetes")).containsExactly("Deployment/inetty", "Service/inetty",
                "PodDisruptionBudget/inetty");
        assertThat(kinds("deploy/kubernetes/overlays/daemonset")).containsExactly("Service/inetty",
                "DaemonSet/inetty-peer", "Service/inetty-peers");
        try (var files = Files.walk(repo.resolve("deploy/kubernetes"))) {
            List<Path> yaml = files.filter(f -> f.toString().endsWith(".yaml")).toList();
            List<Path> resources = new ArrayList<>(KubernetesManifests.resourceFiles(repo.resolve("deploy/kubernetes")));
            resources.addAll(KubernetesManifests.resourceFiles(repo.resolve("deploy/kubernetes/overlays/daemonset")));
            assertThat(yaml).as("every YAML file is a kustomization or one of their resources").allMatch(f ->
                    f.getFileName().toString().equals("kustomization.yaml") || resources.contains(f));
        }
    }

    @Test
    void theStrictParseRejectsWhatTheApiServerWould() {
        String service = "apiVersion: v1\nkind: Service\nmetadata: {name: x}\nspec:\n  ports:\n    - %s\n";
        assertThatThrownBy(() -> KubernetesManifests.parse(String.format(service, "{name: a, port: 7, protocl: UDP}")))
                .hasMessageContaining("Service/x.spec.ports[0]: unknown field(s) [protocl]");
        assertThatThrownBy(() -> KubernetesManifests.parse(String.format(service, "{name: a, port: \"7\"}")))
                .as("a quoted number").isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> KubernetesManifests.parse(String.format(service, "{name: a, port: 7, port: 9}")))
                .as("a duplicate key").hasMessageContaining("Duplicate field 'port'");
        assertThatThrownBy(() -> KubernetesManifests.parse("apiVersion: apps/v1beta1\nkind: Deployment\nmetadata: {name: x}\n"))
                .hasMessageContaining("apiVersion of Deployment");
    }

    @Test
    void theWorkloadsAreLockedDownAndSizedInsideTheirLimit() {
        String user = dockerfile.runtime().last("USER");
        for (PodTemplateSpec pod : pods()) {
            var spec = pod.getSpec();
            var psc = spec.getSecurityContext();
            assertThat(psc.getRunAsNonRoot()).isTrue();
            assertThat(psc.getRunAsUser() + ":" + psc.getRunAsGroup()).as("the image's USER").isEqualTo(user);
            assertThat(psc.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            assertThat(spec.getEnableServiceLinks()).as("no INETTY_SERVICE_HOST... from the Service").isFalse();
            Container c = spec.getContainers().get(0);
            assertThat(spec.getContainers()).hasSize(1);
            assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
            assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
            assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
            assertThat(c.getSecurityContext().getCapabilities().getAdd()).isNullOrEmpty();
            String tmpVolume = c.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp")).findFirst()
                    .orElseThrow().getName();
            assertThat(spec.getVolumes()).filteredOn(v -> v.getName().equals(tmpVolume))
                    .singleElement().satisfies(v -> assertThat(v.getEmptyDir()).isNotNull());

            Map<String, Quantity> requests = c.getResources().getRequests();
            Map<String, Quantity> limits = c.getResources().getLimits();
            BigDecimal limit = Quantity.getAmountInBytes(limits.get("memory"));
            assertThat(Quantity.getAmountInBytes(requests.get("memory"))).isLessThanOrEqualTo(limit)
                    .as("the measured resident size of a busy idle instance, 110 MiB").isGreaterThan(mib(110));
            long caps = 0;
            Matcher m = MIB.matcher(env(c).get("JAVA_TOOL_OPTIONS"));
            for (int found = 0; found < 4; found++) {
                assertThat(m.find()).as("heap, direct, metaspace and code cache capped in JAVA_TOOL_OPTIONS").isTrue();
                caps += Long.parseLong(m.group(1));
            }
            assertThat(limit).as("the JVM's caps and room for its threads and itself").isGreaterThan(mib(caps + 16));

            Duration drain = duration(env(c).get("INETTY_SHUTDOWN_DELAY")).plus(duration(env(c).get("INETTY_SHUTDOWN_TIMEOUT")));
            assertThat(spec.getTerminationGracePeriodSeconds()).as("grace above the shutdown delay and the drain")
                    .isGreaterThan(drain.toSeconds() + 5);
        }
    }

    @Test
    void everyPortIsTheDaemonsAndTheImagesOnBothTransportsAndTheServiceOffersThemAll() {
        List<String> daemon = ServiceList.ofDaemon().portsAndTransports();
        TreeSet<String> exposed = new TreeSet<>();
        dockerfile.runtime().all("EXPOSE").forEach(e -> exposed.addAll(List.of(e.trim().split("\\s+"))));
        for (PodTemplateSpec pod : pods()) {
            Container c = pod.getSpec().getContainers().get(0);
            int admin = Integer.parseInt(env(c).get("INETTY_ADMIN").replaceAll(".*:", ""));
            TreeSet<String> served = new TreeSet<>();
            for (ContainerPort p : c.getPorts()) {
                String key = p.getContainerPort() + "/" + p.getProtocol().toLowerCase(Locale.ROOT);
                assertThat(exposed).as("EXPOSE of docker/Dockerfile").contains(key);
                assertThat(p.getName()).matches("[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?");
                if (p.getName().equals("admin")) {
                    assertThat(p.getContainerPort()).as("INETTY_ADMIN's port").isEqualTo(admin);
                } else {
                    served.add(key);
                }
            }
            assertThat(served).containsExactlyElementsOf(new TreeSet<>(daemon));
            assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
            assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/livez");
            assertThat(c.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("admin");
            assertThat(c.getLivenessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("admin");
        }
        for (List<HasMetadata> resources : rendered.values()) {
            Service service = resources.stream().filter(r -> r instanceof Service && r.getMetadata().getName()
                    .equals("inetty")).map(Service.class::cast).findFirst().orElseThrow();
            Map<Integer, List<String>> protocols = new HashMap<>();
            for (ServicePort p : service.getSpec().getPorts()) {
                protocols.computeIfAbsent(p.getPort(), k -> new ArrayList<>()).add(p.getProtocol());
                assertThat(p.getTargetPort().getStrVal()).as("targets the container port by name")
                        .isEqualTo(p.getName());
            }
            assertThat(protocols.values()).as("each port number on TCP and UDP").allSatisfy(list ->
                    assertThat(list).containsExactlyInAnyOrder("TCP", "UDP"));
            assertThat(service.getSpec().getPorts()).extracting(p -> p.getPort() + "/" + p.getProtocol().toLowerCase(Locale.ROOT))
                    .containsExactlyInAnyOrderElementsOf(daemon);
            assertThat(service.getSpec().getSelector()).isEqualTo(pods(resources).get(0).getMetadata().getLabels());
        }
        DaemonSet peers = (DaemonSet) rendered.get("deploy/kubernetes/overlays/daemonset").get(1);
        assertThat(peers.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts())
                .filteredOn(p -> p.getHostPort() != null)
                .extracting(p -> p.getHostPort() + "/" + p.getContainerPort() + "/" + p.getProtocol())
                .containsExactlyInAnyOrder("4242/4242/TCP", "4242/4242/UDP");
        PodDisruptionBudget pdb = (PodDisruptionBudget) rendered.get("deploy/kubernetes").get(2);
        Deployment deployment = (Deployment) rendered.get("deploy/kubernetes").get(0);
        assertThat(pdb.getSpec().getSelector()).isEqualTo(deployment.getSpec().getSelector());
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
    }

    @Test
    void theImageRunWithTheManifestsEnvironmentKnowsEveryVariableAndAnswersTheProbes() throws IOException {
        for (PodTemplateSpec pod : pods()) {
            Container c = pod.getSpec().getContainers().get(0);
            Map<String, String> env = new LinkedHashMap<>(dockerfile.runtime().env());
            env.putAll(env(c));
            assertThat(env.get("INETTY_ADMIN_TOKEN_FILE")).as("the token file is the mounted secret's")
                    .startsWith(c.getVolumeMounts().stream().filter(v -> v.getMountPath().startsWith("/etc/inetty"))
                            .findFirst().orElseThrow().getMountPath() + "/");
            Path token = Files.writeString(tmp.resolve("token"), "t0ken\n");
            // Here: loopback and ephemeral ports, the token in a file of this test's own.
            env.put("INETTY_ADMIN", "127.0.0.1:0");
            env.put("INETTY_ADMIN_TOKEN_FILE", token.toString());
            env.put("INETTY_BIND", "127.0.0.1");
            env.put("INETTY_SERVICE", "echo:0");
            try (InettyProcess inetty = InettyProcess.launch(env, DockerEntrypointTest.entrypoint(dockerfile, repo))) {
                String admin = inetty.stdout().stream().filter(l -> l.startsWith("listening admin http "))
                        .findFirst().orElseThrow().substring("listening admin http ".length());
                for (String path : List.of(c.getReadinessProbe().getHttpGet().getPath(),
                        c.getLivenessProbe().getHttpGet().getPath(), c.getStartupProbe().getHttpGet().getPath())) {
                    assertThat(SocketActivationTest.curl("http://" + admin + path)).as(path).startsWith("200 ");
                }
                assertThat(inetty.stderr()).doesNotContain("unknown environment variable");
                assertThat(inetty.stop()).isZero();
            }
        }
    }

    private List<String> kinds(String root) {
        return rendered.get(root).stream().map(r -> r.getKind() + "/" + r.getMetadata().getName()).toList();
    }

    private static List<PodTemplateSpec> pods() {
        return rendered.values().stream().flatMap(r -> pods(r).stream()).toList();
    }

    private static List<PodTemplateSpec> pods(List<HasMetadata> resources) {
        List<PodTemplateSpec> out = new ArrayList<>();
        for (HasMetadata r : resources) {
            if (r instanceof Deployment d) {
                out.add(d.getSpec().getTemplate());
            } else if (r instanceof DaemonSet d) {
                out.add(d.getSpec().getTemplate());
            }
        }
        return out;
    }

    private static Map<String, String> env(Container c) {
        Map<String, String> out = new LinkedHashMap<>();
        for (EnvVar e : c.getEnv()) {
            assertThat(e.getValue()).as("%s: a literal value", e.getName()).isNotNull();
            out.put(e.getName(), e.getValue());
        }
        return out;
    }

    private static Duration duration(String value) {
        return Duration.ofSeconds(SystemdUnitsTest.seconds(value));
    }

    private static BigDecimal mib(long n) {
        return BigDecimal.valueOf(n * 1024 * 1024);
    }
}
