package io.portcullis.proxy.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.fixtures.EmbeddedTransmitter;
import io.portcullis.fixtures.TokenBuilder;
import io.portcullis.proxy.ProxyFixture;
import io.portcullis.proxy.RawHttp;
import io.portcullis.proxy.tls.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every metric, label and label value the Grafana dashboard and the alert rules use is one a running
 * Portcullis really exports. A real proxy (example config, real issuers, real upstream) serves an
 * allowed, a denied, a challenged and an unroutable request so the labelled series exist, then its
 * admin listener is scraped.
 */
class ExportedMetricsTest {

    /** Series Prometheus itself adds to every scrape, and the target labels it attaches. */
    private static final Set<String> SYNTHESIZED = Set.of("up");
    private static final Set<String> TARGET_LABELS = Set.of("instance", "job");
    private static final Pattern LABEL_VALUES = Pattern.compile(
            "label_values\\(\\s*([A-Za-z_:][A-Za-z0-9_:]*)\\s*(\\{[^}]*})?\\s*,\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\)");

    private static ProxyFixture fx;
    private static PrometheusScrape scrape;

    @BeforeAll
    static void runTrafficAndScrape(@TempDir Path dir) throws Exception {
        fx = new ProxyFixture(ProxyFixture.EXAMPLE);
        Map<String, Object> device = Map.of("compliant", true, "patch_age_days", 3);
        String alice = user("alice", List.of("admins"), List.of("pwd", "otp"), device).sign();
        String aliceWithoutMfa = user("alice", List.of("admins"), List.of("pwd"), device).sign();
        String bob = user("bob", List.of("staff"), List.of("pwd", "otp"), device).sign();
        assertEquals(200, get(fx.port(), "/admin/x", "Authorization: Bearer " + alice).status());
        assertEquals(200, get(fx.port(), "/public/x").status());
        assertEquals(401, get(fx.port(), "/admin/x").status());
        assertEquals(403, get(fx.port(), "/admin/x", "Authorization: Bearer " + bob).status());
        RawHttp.Response challenge = get(fx.port(), "/admin/x", "Authorization: Bearer " + aliceWithoutMfa);
        assertEquals(401, challenge.status());
        assertTrue(challenge.header("www-authenticate").contains("insufficient_user_authentication"));
        assertEquals(404, get(fx.port(), "/nowhere").status());
        assertEquals(400, get(fx.port(), "/public/a;b").status(), "a path parameter is rejected at the edge");
        RawHttp.Response metrics = get(fx.portcullis.adminPort(), "/metrics");
        assertEquals(200, metrics.status());
        scrape = PrometheusScrape.parse(metrics.body() + tlsProxyScrape(dir) + securityEventsScrape(dir));
    }

    /**
     * A third proxy receiving security events: by poll from a real transmitter (polls, lag) and by push
     * from one whose metadata cannot be reached (its keys never load, so a push is answered 503).
     */
    private static String securityEventsScrape(Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret"), "s3cret-s3cret\n");
        try (EmbeddedTransmitter tx = EmbeddedTransmitter.start("/tx", false, "receiver", "s3cret-s3cret")) {
            String events = """
                    security_events:
                      transmitters:
                        - id: polled
                          issuer: %1$s
                          metadata_url: %2$s
                          audiences: [receiver]
                          delivery: poll
                          poll_interval: 1s
                          client: { token_endpoint: %3$s, client_id: receiver, client_secret_file: %4$s }
                        - id: pushed
                          issuer: http://127.0.0.1:9/unreachable
                          metadata_url: http://127.0.0.1:9/unreachable/.well-known/ssf-configuration
                          audiences: [receiver]
                          delivery: push
                          push_authorization_file: %4$s
                    """.formatted(tx.issuer(), tx.metadataUrl(), tx.tokenEndpoint(), secret);
            try (ProxyFixture ssfFx = new ProxyFixture(ProxyFixture.PUBLIC_APP + events)) {
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (tx.queue().acked().isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(20); // the stream's verification event, polled and acknowledged
                }
                String set = fxSet(tx);
                try (RawHttp c = new RawHttp(ssfFx.port())) {
                    RawHttp.Response pushed = c.send("POST /.portcullis/ssf/push/pushed HTTP/1.1\r\nHost: x\r\n"
                            + "Authorization: Bearer s3cret-s3cret\r\nContent-Type: application/secevent+jwt\r\n"
                            + "Content-Length: " + set.length() + "\r\n\r\n" + set).read();
                    assertEquals(503, pushed.status(), "no keys yet: deliver again later");
                }
                RawHttp.Response metrics = get(ssfFx.portcullis.adminPort(), "/metrics");
                assertEquals(200, metrics.status());
                return metrics.body();
            }
        }
    }

    /** A well-formed SET claiming the unreachable transmitter's issuer (signed by another: never checked). */
    private static String fxSet(EmbeddedTransmitter tx) {
        return tx.set("receiver", "https://example.com/event", Map.of(), null).issuer("http://127.0.0.1:9/unreachable")
                .sign();
    }

    /** A second proxy with a TLS listener, for the series only TLS has (certificate expiry). */
    private static String tlsProxyScrape(Path dir) throws Exception {
        TestPki.create("Exported Metrics CA").server().write(dir, "server");
        String tls = "tls: { cert_file: " + dir.resolve("server.crt") + ", key_file: " + dir.resolve("server.key") + " }\n";
        try (ProxyFixture tlsFx = new ProxyFixture(tls + ProxyFixture.PUBLIC_APP)) {
            RawHttp.Response metrics = get(tlsFx.portcullis.adminPort(), "/metrics");
            assertEquals(200, metrics.status());
            return metrics.body();
        }
    }

    @AfterAll
    static void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    private static TokenBuilder user(String sub, List<String> groups, List<String> amr, Map<String, Object> device) {
        return fx.corp.token().subject(sub).audience("portcullis").expiresIn(Duration.ofMinutes(10))
                .claim("groups", groups).claim("amr", amr).claim("auth_time", Instant.now().getEpochSecond())
                .claim("device", device);
    }

    private static RawHttp.Response get(int port, String path, String... headers) throws IOException {
        try (RawHttp c = new RawHttp(port)) {
            return c.get(path, headers);
        }
    }

    /** Every PromQL expression of the dashboard and the alert rules, with where it came from. */
    private static Map<String, String> expressions() {
        Map<String, String> exprs = new LinkedHashMap<>();
        collectExprs(JsonFiles.loadFile("docs/operations/grafana-dashboard.json"), "dashboard", exprs);
        for (Map<String, Object> group : JsonFiles.objects(Yamls.loadFile("docs/operations/alerts.yml").get("groups"), "groups")) {
            for (Map<String, Object> rule : JsonFiles.objects(group.get("rules"), "rules")) {
                exprs.put("alert " + rule.get("alert"), Yamls.string(rule.get("expr"), "expr of " + rule.get("alert")));
            }
        }
        return exprs;
    }

    private static void collectExprs(Object node, String where, Map<String, String> out) {
        if (node instanceof Map<?, ?> m) {
            Object title = m.get("title");
            String here = title instanceof String t ? where + " / " + t : where;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if ((e.getKey().equals("expr") || e.getKey().equals("definition")) && e.getValue() instanceof String s
                        && !s.isBlank()) {
                    out.put(here + " (" + out.size() + ")", s);
                } else {
                    collectExprs(e.getValue(), here, out);
                }
            }
        } else if (node instanceof List<?> l) {
            for (Object o : l) {
                collectExprs(o, where, out);
            }
        }
    }

    @Test
    void scrapeHasTheSeriesTheTrafficCreated() {
        assertEquals(Set.of("allow", "deny", "challenge", "reject"),
                scrape.labelValues("portcullis_requests_total", "decision"));
        assertTrue(scrape.hasSample("portcullis_decision_latency_seconds_bucket"));
        assertTrue(scrape.hasSample("portcullis_upstream_latency_seconds_bucket"));
        assertEquals(Set.of("corp", "mdm"), scrape.labelValues("portcullis_issuer_keys_stale", "issuer"));
    }

    @Test
    void everyMetricTheDashboardAndAlertsUseIsExported() {
        Map<String, String> exprs = expressions();
        assertTrue(exprs.size() >= 20, "found the expressions: " + exprs.size());
        List<String> unknown = new ArrayList<>();
        Set<String> used = new java.util.TreeSet<>();
        for (Map.Entry<String, String> e : exprs.entrySet()) {
            String expr = e.getValue();
            Matcher lv = LABEL_VALUES.matcher(expr);
            Set<String> names = lv.find() ? Set.of(lv.group(1)) : PromQl.metricNames(expr);
            assertFalse(names.isEmpty(), e.getKey() + " uses no metric: " + expr);
            for (String name : names) {
                used.add(name);
                if (!scrape.hasSample(name) && !SYNTHESIZED.contains(name)) {
                    unknown.add(e.getKey() + ": " + name);
                }
            }
        }
        assertEquals(List.of(), unknown, "not exported by Portcullis");
        assertTrue(used.containsAll(Set.of("portcullis_requests_total", "portcullis_decision_latency_seconds_bucket",
                "portcullis_upstream_latency_seconds_bucket", "portcullis_jwks_fetches_total",
                "portcullis_issuer_keys_stale", "portcullis_config_reloads_total", "portcullis_connections_open",
                "portcullis_internal_errors_total")), "the dashboard and alerts cover the core metrics: " + used);
    }

    @Test
    void everyMetricTheDocsNameIsExported() {
        Pattern name = Pattern.compile("\\b((?:portcullis|jvm|netty_allocator)_[a-z0-9_]*[a-z0-9])\\b(?!_?\\*)");
        List<String> unknown = new ArrayList<>();
        int seen = 0;
        for (String doc : List.of("docs/operations/operations.md", "docs/decision-log.md", "docs/deployment.md",
                "docs/quickstart.md", "docs/threat-model.md")) {
            if (!RepoFiles.exists(doc)) {
                unknown.add(doc + " is missing");
                continue;
            }
            Matcher m = name.matcher(RepoFiles.read(doc));
            while (m.find()) {
                seen++;
                if (!scrape.exports(m.group(1))) {
                    unknown.add(doc + ": " + m.group(1));
                }
            }
        }
        assertTrue(seen >= 10, "the docs name the metrics: " + seen);
        assertEquals(List.of(), unknown);
    }

    @Test
    void everyLabelAndLabelValueTheyMatchOnExists() {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> e : expressions().entrySet()) {
            String expr = e.getValue();
            Matcher lv = LABEL_VALUES.matcher(expr);
            if (lv.find() && !TARGET_LABELS.contains(lv.group(3)) && !scrape.labelNames(lv.group(1)).contains(lv.group(3))) {
                problems.add(e.getKey() + ": " + lv.group(1) + " has no label " + lv.group(3));
            }
            for (PromQl.Selector s : PromQl.selectors(expr)) {
                for (PromQl.LabelMatcher m : s.matchers()) {
                    if (TARGET_LABELS.contains(m.label()) || SYNTHESIZED.contains(s.metric())) {
                        continue;
                    }
                    if (!scrape.labelNames(s.metric()).contains(m.label())) {
                        problems.add(e.getKey() + ": " + s.metric() + " has no label " + m.label());
                        continue;
                    }
                    for (String value : m.literalValues()) {
                        if (!scrape.labelValues(s.metric(), m.label()).contains(value)) {
                            problems.add(e.getKey() + ": " + s.metric() + "{" + m.label() + "} never is " + value);
                        }
                    }
                }
            }
            Set<String> labelsOfUsedMetrics = new java.util.HashSet<>(TARGET_LABELS);
            for (String name : PromQl.metricNames(expr)) {
                labelsOfUsedMetrics.addAll(scrape.labelNames(name));
            }
            for (String grouping : PromQl.groupingLabels(expr)) {
                if (!labelsOfUsedMetrics.contains(grouping)) {
                    problems.add(e.getKey() + ": groups by " + grouping + ", which none of its metrics has");
                }
            }
        }
        assertEquals(List.of(), problems);
    }
}
