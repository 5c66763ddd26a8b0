package io.portcullis.proxy.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.config.IssuerConfig;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.RouteConfig;
import io.portcullis.proxy.ops.ComposeStack.Mount;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml checked statically: it parses, everything it mounts is in the repository, and
 * the services agree with the Portcullis config they run (upstreams, issuer, admin port, scrape
 * target, dashboard path). No Docker engine is needed.
 */
class ComposeStackTest {

    private static final Pattern NGINX_LISTEN = Pattern.compile("^\\s*listen\\s+(\\d+)\\s*;", Pattern.MULTILINE);

    private static Map<String, Object> env(String service) {
        return Yamls.mapAt(ComposeStack.service(service), "environment");
    }

    private static List<String> strings(Object node, String what) {
        return Yamls.list(node, what).stream().map(o -> Yamls.string(o, what)).toList();
    }

    private static Mount mountAt(String service, String targetPrefix) {
        return ComposeStack.mounts(service).stream().filter(m -> m.target().startsWith(targetPrefix)).findFirst()
                .orElseThrow(() -> new AssertionError(service + " mounts nothing at " + targetPrefix));
    }

    /** A "host:container" or "ip:host:container" port mapping, as [ip or null, host, container]. */
    private static List<String> portMappings(String service) {
        return strings(Yamls.at(ComposeStack.service(service), "ports"), service + ".ports");
    }

    @Test
    void hasTheWholeStack() {
        Set<String> services = Yamls.mapAt(ComposeStack.compose(), "services").keySet();
        assertEquals(Set.of("portcullis", "keycloak", "legacy-app", "prometheus", "grafana", "valkey"), services);
        Map<String, Object> build = Yamls.mapAt(ComposeStack.service("portcullis"), "build");
        assertEquals(".", build.get("context"));
        assertEquals("Dockerfile", build.get("dockerfile"));
    }

    @Test
    void everyMountedFileIsInTheRepositoryAndReadOnly() {
        int mounts = 0;
        for (String service : Yamls.mapAt(ComposeStack.compose(), "services").keySet()) {
            for (Mount m : ComposeStack.mounts(service)) {
                assertTrue(m.source().startsWith("./"), service + ": bind mounts come from the repo: " + m);
                assertTrue(RepoFiles.exists(m.source()), service + ": " + m.source() + " does not exist");
                assertTrue(m.readOnly(), service + ": " + m.source() + " should be mounted :ro");
                mounts++;
            }
        }
        assertTrue(mounts >= 9, "all config files are mounted, found " + mounts);
    }

    @Test
    void composeTextHasNoVariableInterpolation() {
        // Compose expands $VAR everywhere in the file; a literal dollar would silently become "".
        String text = RepoFiles.read(ComposeStack.FILE).replace("$$", "");
        assertFalse(text.contains("$"), "unescaped $ in docker-compose.yml");
    }

    @Test
    void portcullisConfigIsValidAndListensOnTheContainerInterfaces() throws Exception {
        assertEquals("./deploy/portcullis/portcullis.yaml", ComposeStack.portcullisConfigSource());
        PortcullisConfig config = ComposeStack.portcullisConfig();
        assertEquals("0.0.0.0", config.listen().host(), "the port mapping reaches the container's interface");
        assertEquals("0.0.0.0", config.admin().host(), "Prometheus scrapes from another container");
        List<String> ports = portMappings("portcullis");
        assertTrue(ports.contains(config.listen().port() + ":" + config.listen().port()), "data plane published: " + ports);
        assertTrue(ports.contains("127.0.0.1:" + config.admin().port() + ":" + config.admin().port()),
                "admin listener published on the host's loopback only: " + ports);
        assertTrue(ports.stream().noneMatch(p -> p.equals(config.admin().port() + ":" + config.admin().port())),
                "admin listener never published on every host interface");
    }

    @Test
    void portcullisSharesStateThroughTheValkeyServiceWhichIsNotPublished() throws Exception {
        PortcullisConfig config = ComposeStack.portcullisConfig();
        assertEquals(io.portcullis.config.StateConfig.Type.REDIS, config.state().type());
        assertEquals("valkey", config.state().redis().url().getHost());
        assertEquals(6379, config.state().redis().url().getPort());
        assertTrue(Yamls.mapAt(ComposeStack.compose(), "services", "valkey").get("ports") == null,
                "the store is reachable from the compose network only");
    }

    @Test
    void everyUpstreamIsAComposeServiceOnThePortItListensOn() throws Exception {
        PortcullisConfig config = ComposeStack.portcullisConfig();
        Set<String> services = Yamls.mapAt(ComposeStack.compose(), "services").keySet();
        assertFalse(config.routes().isEmpty());
        for (RouteConfig route : config.routes()) {
            URI upstream = route.upstream();
            assertTrue(services.contains(upstream.getHost()), route.id() + ": upstream host " + upstream.getHost());
            assertEquals("legacy-app", upstream.getHost(), "the sample app is the only upstream");
            Mount nginxConf = mountAt("legacy-app", "/etc/nginx/nginx.conf");
            Matcher listen = NGINX_LISTEN.matcher(RepoFiles.read(nginxConf.source()));
            assertTrue(listen.find(), "nginx.conf has a listen directive");
            assertEquals(Integer.parseInt(listen.group(1)), upstream.getPort(), route.id() + ": upstream port");
        }
        assertFalse(ComposeStack.service("legacy-app").containsKey("ports"),
                "the legacy app is reachable only through Portcullis");
    }

    @Test
    void issuerIsTheKeycloakServiceAndItsFixedHostname() throws Exception {
        PortcullisConfig config = ComposeStack.portcullisConfig();
        assertEquals(1, config.identity().issuers().size());
        IssuerConfig issuer = config.identity().issuers().get(0);
        String realm = Yamls.string(JsonFiles.loadFile(mountAt("keycloak", "/opt/keycloak/data/import/").source())
                .get("realm"), "realm");
        String hostname = Yamls.string(env("keycloak").get("KC_HOSTNAME"), "KC_HOSTNAME");
        assertEquals(hostname + "/realms/" + realm, issuer.issuer(), "iss as Keycloak mints it");
        URI published = URI.create(hostname);
        assertTrue(portMappings("keycloak").contains(published.getPort() + ":8080"),
                "KC_HOSTNAME's port is the published Keycloak port");
        assertNotNull(issuer.jwksUri(), "explicit jwks_uri: discovery would hand out the public hostname");
        URI jwks = issuer.jwksUri();
        assertEquals("keycloak", jwks.getHost(), "keys fetched over the compose network");
        assertEquals(8080, jwks.getPort(), "Keycloak's HTTP port inside its container");
        assertEquals("/realms/" + realm + "/protocol/openid-connect/certs", jwks.getPath());
        assertFalse(env("keycloak").containsKey("KC_HTTP_PORT"), "Keycloak keeps its default port 8080");
    }

    @Test
    void keycloakImportsTheRealmFromTheRepositoryIntoAFreshDatabase() {
        List<String> command = strings(Yamls.at(ComposeStack.service("keycloak"), "command"), "keycloak.command");
        assertEquals("start-dev", command.get(0));
        assertTrue(command.contains("--import-realm"));
        assertTrue(command.contains("--db=dev-mem"), "dev-file would keep an old realm and skip the import");
        Mount realm = mountAt("keycloak", "/opt/keycloak/data/import/");
        assertEquals("./src-test-fixtures/src/main/resources/keycloak/corp-realm.json", realm.source());
        assertTrue(realm.target().endsWith(".json"));
        assertTrue(Yamls.stringAt(ComposeStack.service("keycloak"), "image").startsWith("quay.io/keycloak/keycloak:26."));
        // portcullis waits for it: /readyz needs the issuer's keys.
        assertEquals("service_healthy", Yamls.stringAt(ComposeStack.service("portcullis"), "depends_on", "keycloak",
                "condition"));
        assertEquals("true", env("keycloak").get("KC_HEALTH_ENABLED"), "the healthcheck asks /health/ready");
        assertTrue(String.valueOf(Yamls.at(ComposeStack.service("keycloak"), "healthcheck", "test"))
                .contains("/dev/tcp/127.0.0.1/9000"), "the management port serves /health/ready");
    }

    @Test
    void prometheusScrapesTheAdminPortAndLoadsTheAlertRules() throws Exception {
        PortcullisConfig config = ComposeStack.portcullisConfig();
        List<String> command = strings(Yamls.at(ComposeStack.service("prometheus"), "command"), "prometheus.command");
        String configFile = command.stream().filter(c -> c.startsWith("--config.file=")).findFirst()
                .orElseThrow().substring("--config.file=".length());
        Mount promConfig = mountAt("prometheus", configFile);
        Map<String, Object> prom = Yamls.loadFile(promConfig.source());

        Map<String, Object> job = JsonFiles.objects(prom.get("scrape_configs"), "scrape_configs").stream()
                .filter(j -> "portcullis".equals(j.get("job_name"))).findFirst().orElseThrow();
        assertEquals("/metrics", job.get("metrics_path"));
        List<String> targets = strings(Yamls.at(JsonFiles.objects(job.get("static_configs"), "static_configs").get(0),
                "targets"), "targets");
        assertEquals(List.of(ComposeStack.PORTCULLIS + ":" + config.admin().port()), targets);

        Mount alerts = mountAt("prometheus", "/etc/prometheus/rules/");
        assertEquals("./docs/operations/alerts.yml", alerts.source());
        List<String> ruleFiles = strings(prom.get("rule_files"), "rule_files");
        assertTrue(ruleFiles.stream().anyMatch(glob -> Path.of(alerts.target()).getFileSystem()
                        .getPathMatcher("glob:" + glob).matches(Path.of(alerts.target()))),
                "rule_files " + ruleFiles + " loads " + alerts.target());
    }

    @Test
    void grafanaIsProvisionedWithThePrometheusDatasourceAndTheDashboard() {
        Mount datasources = mountAt("grafana", "/etc/grafana/provisioning/datasources");
        Map<String, Object> ds = JsonFiles.objects(Yamls.loadFile(datasources.source() + "/prometheus.yml")
                .get("datasources"), "datasources").get(0);
        assertEquals("prometheus", ds.get("type"));
        URI url = URI.create(Yamls.string(ds.get("url"), "datasource url"));
        assertTrue(Yamls.mapAt(ComposeStack.compose(), "services").containsKey(url.getHost()));
        assertTrue(portMappings(url.getHost()).contains("9090:" + url.getPort()), "Prometheus listens on 9090");

        Mount providers = mountAt("grafana", "/etc/grafana/provisioning/dashboards");
        Map<String, Object> provider = JsonFiles.objects(Yamls.loadFile(providers.source() + "/portcullis.yml")
                .get("providers"), "providers").get(0);
        String dashboardDir = Yamls.stringAt(provider, "options", "path");
        Mount dashboard = mountAt("grafana", dashboardDir + "/");
        assertEquals("./docs/operations/grafana-dashboard.json", dashboard.source());
        assertEquals("Portcullis", JsonFiles.loadFile(dashboard.source()).get("title"));
    }
}
