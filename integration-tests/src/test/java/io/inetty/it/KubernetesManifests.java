package io.inetty.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The manifests of deploy/kubernetes as the API server would take them: each kustomization rendered (the subset of
 * Kustomize these files use: {@code resources}, {@code $patch: delete} patches; any other field fails, so that a
 * new one is not silently ignored here), each resource parsed by the Kubernetes API's model classes (fabric8),
 * strictly: no unknown field anywhere (the model keeps unknown fields aside; this walks every object and fails on
 * any), no scalar coercion (a quoted number where a number belongs), no duplicate key.
 */
final class KubernetesManifests {
    /** The kinds these manifests may hold, with the API group/version of each. */
    private static final Map<String, Kind> KINDS = Map.of(
            "Deployment", new Kind("apps/v1", Deployment.class),
            "DaemonSet", new Kind("apps/v1", DaemonSet.class),
            "Service", new Kind("v1", Service.class),
            "PodDisruptionBudget", new Kind("policy/v1", PodDisruptionBudget.class));
    private static final Set<String> KUSTOMIZATION_FIELDS = Set.of("apiVersion", "kind", "resources", "patches");

    private static final ObjectMapper YAML = JsonMapper.builder(YAMLFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    private record Kind(String apiVersion, Class<? extends HasMetadata> type) {
    }

    private KubernetesManifests() {
    }

    /** The resources {@code kustomization}'s directory renders to, each parsed strictly. */
    static List<HasMetadata> render(Path directory) throws IOException {
        List<HasMetadata> out = new ArrayList<>();
        for (JsonNode resource : renderTrees(directory)) {
            out.add(parse(resource, directory.toString()));
        }
        return out;
    }

    /** Every file of the kustomization tree under {@code directory} that is a resource (not a kustomization). */
    static List<Path> resourceFiles(Path directory) throws IOException {
        List<Path> files = new ArrayList<>();
        JsonNode k = read(directory.resolve("kustomization.yaml"));
        for (JsonNode r : k.path("resources")) {
            Path p = directory.resolve(r.asText()).normalize();
            files.addAll(Files.isDirectory(p) ? resourceFiles(p) : List.of(p));
        }
        return files;
    }

    private static List<JsonNode> renderTrees(Path directory) throws IOException {
        Path file = directory.resolve("kustomization.yaml");
        JsonNode k = read(file);
        assertThat(k.path("apiVersion").asText()).as("%s apiVersion", file).isEqualTo("kustomize.config.k8s.io/v1beta1");
        assertThat(k.path("kind").asText()).as("%s kind", file).isEqualTo("Kustomization");
        k.fieldNames().forEachRemaining(f -> assertThat(KUSTOMIZATION_FIELDS)
                .as("%s: field '%s' (this test renders only %s: teach it the new one)", file, f, KUSTOMIZATION_FIELDS)
                .contains(f));
        List<JsonNode> resources = new ArrayList<>();
        for (JsonNode r : k.path("resources")) {
            Path p = directory.resolve(r.asText()).normalize();
            resources.addAll(Files.isDirectory(p) ? renderTrees(p) : List.of(read(p)));
        }
        for (JsonNode patch : k.path("patches")) {
            JsonNode body = YAML.readTree(patch.path("patch").asText());
            assertThat(body.path("$patch").asText()).as("%s: only '$patch: delete' patches are rendered here", file)
                    .isEqualTo("delete");
            boolean removed = resources.removeIf(r -> r.path("kind").equals(body.path("kind"))
                    && r.path("metadata").path("name").equals(body.path("metadata").path("name")));
            assertThat(removed).as("%s: the patch %s deletes an existing resource", file, body).isTrue();
        }
        return resources;
    }

    private static JsonNode read(Path file) throws IOException {
        JsonNode tree = YAML.readTree(Files.readString(file));
        assertThat(tree).as("%s: one YAML document, a mapping", file).isInstanceOf(ObjectNode.class);
        return tree;
    }

    /** One resource given as YAML text, strictly. */
    static HasMetadata parse(String yaml) throws IOException {
        return parse(YAML.readTree(yaml), "(text)");
    }

    /** One resource, strictly, as its kind's model class. */
    static HasMetadata parse(JsonNode tree, String where) throws IOException {
        String kind = tree.path("kind").asText();
        Kind k = KINDS.get(kind);
        assertThat(k).as("%s: kind '%s' (expected one of %s)", where, kind, KINDS.keySet()).isNotNull();
        assertThat(tree.path("apiVersion").asText()).as("%s: apiVersion of %s", where, kind).isEqualTo(k.apiVersion());
        HasMetadata resource = YAML.treeToValue(tree, k.type());
        noUnknownFields(resource, kind + "/" + resource.getMetadata().getName(), new IdentityHashMap<>());
        return resource;
    }

    /** Fails if the model kept any field aside as unknown, anywhere in {@code o} (its {@code additionalProperties}). */
    private static void noUnknownFields(Object o, String path, Map<Object, Boolean> seen) {
        if (o == null || o instanceof String || o instanceof Number || o instanceof Boolean || seen.put(o, true) != null) {
            return;
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object e : c) {
                noUnknownFields(e, path + "[" + i++ + "]", seen);
            }
            return;
        }
        if (o instanceof Map<?, ?> m) {
            m.forEach((key, value) -> noUnknownFields(value, path + "." + key, seen));
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : o.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(o);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new AssertionError(path + "." + getter.getName() + "()", e);
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    fail("%s: unknown field(s) %s (not in the Kubernetes API's schema of %s)", path, extra.keySet(),
                            o.getClass().getSimpleName());
                }
                continue;
            }
            noUnknownFields(value, path + "." + field(getter.getName()), seen);
        }
    }

    private static String field(String getter) {
        return Character.toLowerCase(getter.charAt(3)) + getter.substring(4);
    }
}
