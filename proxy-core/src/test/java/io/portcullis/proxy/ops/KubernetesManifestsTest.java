package io.portcullis.proxy.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.config.ConfigLoader;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.proxy.ConfigCompiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests in docs/deploy/kubernetes, checked statically: they parse, the probes
 * and ports match the admin listener of the config they ship, the pod is locked down, and the
 * Service, PodDisruptionBudget and NetworkPolicy select the Deployment's pods.
 */
class KubernetesManifestsTest {

    private static final String DIR = "docs/deploy/kubernetes";

    private static final List<Map<String, Object>> DOCS = loadAll();

    private static List<Map<String, Object>> loadAll() {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object resource : Yamls.listAt(Yamls.loadFile(DIR + "/kustomization.yaml"), "resources")) {
            docs.addAll(Yamls.loadAllFile(DIR + "/" + Yamls.string(resource, "resources[]")));
        }
        return docs;
    }

    private static Map<String, Object> only(String kind) {
        List<Map<String, Object>> found = DOCS.stream().filter(d -> kind.equals(d.get("kind"))).toList();
        assertEquals(1, found.size(), "one " + kind);
        return found.get(0);
    }

    private static Map<String, Object> podSpec() {
        return Yamls.mapAt(only("Deployment"), "spec", "template", "spec");
    }

    private static Map<String, Object> container() {
        List<Map<String, Object>> containers = JsonFiles.objects(podSpec().get("containers"), "containers");
        assertEquals(1, containers.size());
        return containers.get(0);
    }

    private static Map<String, Object> podLabels() {
        return Yamls.mapAt(only("Deployment"), "spec", "template", "metadata", "labels");
    }

    private static Map<String, Integer> containerPorts() {
        return JsonFiles.objects(container().get("ports"), "ports").stream()
                .collect(Collectors.toMap(p -> (String) p.get("name"), p -> (Integer) p.get("containerPort")));
    }

    private static Map<String, Object> volume(String name) {
        return JsonFiles.objects(podSpec().get("volumes"), "volumes").stream()
                .filter(v -> name.equals(v.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    private static Map<String, Object> mountAt(String path) {
        return JsonFiles.objects(container().get("volumeMounts"), "volumeMounts").stream()
                .filter(m -> path.equals(m.get("mountPath"))).findFirst()
                .orElseThrow(() -> new AssertionError("nothing mounted at " + path));
    }

    private static String configText() {
        Map<String, Object> data = Yamls.mapAt(only("ConfigMap"), "data");
        return Yamls.string(data.get("portcullis.yaml"), "ConfigMap data portcullis.yaml");
    }

    /** The ConfigMap's config, fully compiled (policies too), as {@code serve} would load it. */
    private static PortcullisConfig shippedConfig() throws Exception {
        return ConfigCompiler.compile(ConfigLoader.parse(configText(), "portcullis.yaml")).config();
    }

    @Test
    void kustomizationListsEveryManifestAndEachIsAnObject() throws IOException {
        Set<String> listed = Yamls.listAt(Yamls.loadFile(DIR + "/kustomization.yaml"), "resources").stream()
                .map(String::valueOf).collect(Collectors.toSet());
        try (Stream<Path> files = Files.list(RepoFiles.path(DIR))) {
            Set<String> present = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml")).collect(Collectors.toSet());
            assertEquals(present, listed);
        }
        for (Map<String, Object> doc : DOCS) {
            assertNotNull(doc.get("apiVersion"), "apiVersion in " + doc.get("kind"));
            assertNotNull(Yamls.stringAt(doc, "metadata", "name"));
        }
        Set<Object> kinds = DOCS.stream().map(d -> d.get("kind")).collect(Collectors.toSet());
        assertTrue(kinds.containsAll(Set.of("Deployment", "ConfigMap", "Secret", "Service", "PodDisruptionBudget")),
                kinds.toString());
    }

    @Test
    void deploymentRunsThreeReplicasOfTheConfigMapsConfig() throws Exception {
        assertEquals(3, Yamls.at(only("Deployment"), "spec", "replicas"));
        assertEquals(podLabels(), Yamls.mapAt(only("Deployment"), "spec", "selector", "matchLabels"));
        List<Object> args = Yamls.listAt(container(), "args");
        assertEquals("serve", args.get(0));
        assertEquals("--config", args.get(1));
        Path configPath = Path.of(Yamls.string(args.get(2), "--config"));
        Map<String, Object> mount = mountAt(configPath.getParent().toString());
        assertFalse(mount.containsKey("subPath"), "a subPath mount never sees ConfigMap updates (reload)");
        Map<String, Object> configVolume = volume((String) mount.get("name"));
        assertEquals(Yamls.stringAt(only("ConfigMap"), "metadata", "name"), Yamls.stringAt(configVolume, "configMap", "name"));
        assertTrue(Yamls.mapAt(only("ConfigMap"), "data").containsKey(configPath.getFileName().toString()));
        assertNotNull(shippedConfig().routes());
    }

    @Test
    void probesUseTheAdminListenerOfTheShippedConfig() throws Exception {
        PortcullisConfig config = shippedConfig();
        Map<String, Integer> ports = containerPorts();
        assertEquals(config.admin().port(), ports.get("admin"));
        assertEquals(config.listen().port(), ports.get("http"));
        assertEquals("0.0.0.0", config.admin().host(), "the kubelet probes the pod IP, not its loopback");
        assertEquals("0.0.0.0", config.listen().host());
        Map<String, String> expectedPaths = Map.of("livenessProbe", "/healthz", "startupProbe", "/healthz",
                "readinessProbe", "/readyz");
        for (Map.Entry<String, String> probe : expectedPaths.entrySet()) {
            Map<String, Object> httpGet = Yamls.mapAt(container(), probe.getKey(), "httpGet");
            assertEquals(probe.getValue(), httpGet.get("path"), probe.getKey());
            assertEquals("admin", httpGet.get("port"), probe.getKey() + " goes to the admin listener");
        }
    }

    @Test
    void podIsNonRootWithAReadOnlyRootAndOnlyTmpWritable() {
        String dockerUser = DockerfileInstructions.parse(RepoFiles.read("Dockerfile")).stream()
                .filter(i -> i.keyword().equals("USER")).reduce((a, b) -> b).orElseThrow().args();
        Map<String, Object> pod = Yamls.mapAt(podSpec(), "securityContext");
        assertEquals(true, pod.get("runAsNonRoot"));
        assertEquals(dockerUser, pod.get("runAsUser") + ":" + pod.get("runAsGroup"), "the image's own uid:gid");
        assertEquals(false, podSpec().get("automountServiceAccountToken"), "Portcullis never calls the API server");
        Map<String, Object> c = Yamls.mapAt(container(), "securityContext");
        assertEquals(true, c.get("readOnlyRootFilesystem"));
        assertEquals(false, c.get("allowPrivilegeEscalation"));
        assertEquals(List.of("ALL"), Yamls.listAt(c, "capabilities", "drop"));
        assertTrue(volume((String) mountAt("/tmp").get("name")).containsKey("emptyDir"));
        List<Map<String, Object>> writable = JsonFiles.objects(container().get("volumeMounts"), "volumeMounts").stream()
                .filter(m -> !Boolean.TRUE.equals(m.get("readOnly"))).toList();
        assertEquals(List.of("/tmp"), writable.stream().map(m -> m.get("mountPath")).toList());
    }

    @Test
    void podKeepsServingWhileItsEndpointIsRemoved() {
        List<Object> preStop = Yamls.listAt(container(), "lifecycle", "preStop", "exec", "command");
        assertEquals("bash", preStop.get(0), "the image has bash; there is no other shell guarantee");
        int sleep = Integer.parseInt(String.valueOf(preStop.get(2)).replace("sleep ", "").strip());
        int grace = (Integer) podSpec().get("terminationGracePeriodSeconds");
        assertTrue(sleep > 0 && sleep < grace, "the pause fits in the grace period: " + sleep + " < " + grace);
    }

    @Test
    void resourcesAreSetAndTheSecretIsMountedReadOnly() {
        Map<String, Object> resources = Yamls.mapAt(container(), "resources");
        assertNotNull(Yamls.at(resources, "requests", "cpu"));
        assertNotNull(Yamls.at(resources, "requests", "memory"));
        assertNotNull(Yamls.at(resources, "limits", "memory"));
        Map<String, Object> keys = volume((String) mountAt("/etc/portcullis/keys").get("name"));
        assertEquals(Yamls.stringAt(only("Secret"), "metadata", "name"), Yamls.stringAt(keys, "secret", "secretName"));
    }

    @Test
    void serviceBudgetAndNetworkPolicySelectThePods() {
        Map<String, Object> labels = podLabels();
        assertEquals(labels, Yamls.mapAt(only("Service"), "spec", "selector"));
        Set<String> named = containerPorts().keySet();
        for (Map<String, Object> port : JsonFiles.objects(Yamls.at(only("Service"), "spec", "ports"), "ports")) {
            assertTrue(named.contains(port.get("targetPort")), "Service targets a named container port");
            assertFalse("admin".equals(port.get("targetPort")), "the unauthenticated admin port is not in the Service");
        }
        Map<String, Object> pdb = only("PodDisruptionBudget");
        assertEquals(labels, Yamls.mapAt(pdb, "spec", "selector", "matchLabels"));
        int minAvailable = (Integer) Yamls.at(pdb, "spec", "minAvailable");
        assertTrue(minAvailable >= 1 && minAvailable < 3, "drains can proceed and never take all replicas");
        Map<String, Object> np = only("NetworkPolicy");
        assertEquals(labels, Yamls.mapAt(np, "spec", "podSelector", "matchLabels"));
        for (Map<String, Object> rule : JsonFiles.objects(Yamls.at(np, "spec", "ingress"), "ingress")) {
            boolean admin = JsonFiles.objects(rule.get("ports"), "ports").stream().anyMatch(p -> "admin".equals(p.get("port")));
            if (admin) {
                assertTrue(rule.containsKey("from"), "the admin port is reachable only from named sources");
            }
        }
    }
}
