package io.portcullis.proxy.tools.policytest;

import io.portcullis.config.ConfigException;
import io.portcullis.config.ConfigProblem;
import io.portcullis.config.IssuerConfig;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.Position;
import io.portcullis.config.yaml.ListNode;
import io.portcullis.config.yaml.MapNode;
import io.portcullis.config.yaml.Node;
import io.portcullis.config.yaml.ScalarNode;
import io.portcullis.policy.DeviceFacts;
import io.portcullis.policy.IdentityFacts;
import io.portcullis.policy.RequestFacts;
import io.portcullis.policy.RequestHeaders;
import io.portcullis.policy.RiskFacts;
import io.portcullis.policy.compile.InvalidRule;
import io.portcullis.policy.compile.RuleNodes;
import io.portcullis.proxy.tools.FactValues;
import io.portcullis.proxy.tools.IpLiteral;
import io.portcullis.proxy.tools.ProxyAnswer;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads a policy-test file (see docs/policy-tools.md) into {@link PolicyTestCase}s. Every problem is
 * reported with file:line:col and all of them at once, like config problems.
 */
public final class PolicyTestParser {

    /** Used when a test gives no {@code source_ip}: a documentation address (RFC 5737) no network trusts. */
    public static final String DEFAULT_SOURCE_IP = "192.0.2.1";

    private static final List<String> FILE_KEYS = List.of("config", "now", "tests");
    private static final List<String> CASE_KEYS =
            List.of("name", "now", "request", "identity", "device", "risk", "expect", "reason");
    private static final List<String> REQUEST_KEYS = List.of("method", "path", "host", "source_ip", "headers");
    private static final List<String> RISK_KEYS = List.of("new_device", "new_network", "score");
    private static final List<String> IDENTITY_KEYS = List.of("iss", "sub", "claims");

    private final PortcullisConfig config;
    private final Instant clock;
    private final List<ConfigProblem> problems = new ArrayList<>();

    private PolicyTestParser(PortcullisConfig config, Instant clock) {
        this.config = config;
        this.clock = clock;
    }

    /** The config file a test file names, resolved against the test file's directory. */
    public static Path configOf(Node root, Path testFile) throws ConfigException {
        MapNode map = root(root);
        Node config = map.get("config").orElseThrow(() ->
                new ConfigException(map.position(), "config: is required (the config file these tests run against)"));
        try {
            String text = RuleNodes.string(config, "config");
            Path dir = testFile.toAbsolutePath().getParent();
            return dir.resolve(text).normalize();
        } catch (InvalidRule e) {
            throw new ConfigException(List.of(e.problem()));
        }
    }

    /**
     * The tests of a file, against the config they run on.
     *
     * @param clock the time a test without {@code now:} runs at
     */
    public static List<PolicyTestCase> cases(Node root, PortcullisConfig config, Instant clock) throws ConfigException {
        return new PolicyTestParser(config, clock).read(root(root));
    }

    private static MapNode root(Node root) throws ConfigException {
        if (root instanceof MapNode map) {
            return map;
        }
        throw new ConfigException(root.position(), "a policy-test file is a map with config: and tests:");
    }

    private List<PolicyTestCase> read(MapNode root) throws ConfigException {
        StrictKeys.check(root, "policy test file", FILE_KEYS, problems);
        Instant fileNow = root.get("now").map(n -> instant(n, clock)).orElse(clock);
        List<PolicyTestCase> cases = new ArrayList<>();
        Optional<Node> tests = root.get("tests");
        if (tests.isEmpty() || !(tests.get() instanceof ListNode list) || list.items().isEmpty()) {
            problems.add(new ConfigProblem(tests.map(Node::position).orElse(root.position()),
                    "tests: expected a non-empty list of tests"));
        } else {
            for (Node item : list.items()) {
                PolicyTestCase c = testCase(item, fileNow);
                if (c != null) {
                    cases.add(c);
                }
            }
        }
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparingInt((ConfigProblem p) -> p.position().line())
                    .thenComparingInt(p -> p.position().column()));
            throw new ConfigException(problems);
        }
        return cases;
    }

    private PolicyTestCase testCase(Node node, Instant fileNow) {
        int before = problems.size();
        MapNode map = attempt(() -> RuleNodes.map(node, "test"));
        if (map == null) {
            return null;
        }
        StrictKeys.check(map, "test", CASE_KEYS, problems);
        String name = attempt(() -> RuleNodes.string(required(map, "name"), "name"));
        Instant now = map.get("now").map(n -> instant(n, fileNow)).orElse(fileNow);
        RequestFacts request = attempt(() -> request(required(map, "request")));
        IdentityFacts identity = attempt(() -> map.get("identity").map(n -> identity(n, now)).orElse(null));
        DeviceFacts device = attempt(() -> map.get("device").map(n -> device(n, now)).orElse(null));
        RiskFacts risk = attempt(() -> map.get("risk").map(this::risk).orElse(null));
        ProxyAnswer expect = attempt(() -> expectation(required(map, "expect")));
        List<String> reasons = attempt(() -> map.get("reason").map(this::reasons).orElse(List.of()));
        return problems.size() == before
                ? new PolicyTestCase(name, request, identity, device, risk, now, expect, reasons, map.position())
                : null;
    }

    /** Runs one part of a test's parsing; a problem is recorded (so the others are still read) and gives null. */
    private <T> T attempt(Supplier<T> part) {
        try {
            return part.get();
        } catch (InvalidRule e) {
            problems.add(e.problem());
            return null;
        }
    }

    private static Node required(MapNode map, String key) {
        return map.get(key).orElseThrow(() -> new InvalidRule(map.position(), "test: " + key + ": is required"));
    }

    private RequestFacts request(Node node) {
        MapNode map = RuleNodes.map(node, "request");
        StrictKeys.check(map, "request", REQUEST_KEYS, problems);
        String method = map.get("method").map(n -> RuleNodes.string(n, "request.method")).orElse("GET");
        String path = RuleNodes.string(required(map, "path"), "request.path");
        String host = map.get("host").map(n -> RuleNodes.string(n, "request.host")).orElse("");
        Node ipNode = map.get("source_ip").orElse(null);
        String ip = ipNode == null ? DEFAULT_SOURCE_IP : RuleNodes.string(ipNode, "request.source_ip");
        RequestHeaders headers = map.get("headers").map(this::headers).orElse(null);
        return new RequestFacts(method.toUpperCase(Locale.ROOT), host, path,
                address(ip, ipNode == null ? map.position() : ipNode.position()), headers);
    }

    /** {@code headers: { X-Env: prod, Accept: [a, b] }}, looked up ignoring case like HTTP. */
    private RequestHeaders headers(Node node) {
        MapNode map = RuleNodes.map(node, "request.headers");
        Map<String, List<String>> byName = new LinkedHashMap<>();
        for (MapNode.Entry e : map.entries().values()) {
            List<String> values = e.value() instanceof ListNode
                    ? RuleNodes.strings(e.value(), "request.headers." + e.key())
                    : List.of(RuleNodes.string(e.value(), "request.headers." + e.key()));
            byName.computeIfAbsent(e.key().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).addAll(values);
        }
        return name -> byName.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /** {@code risk: { new_device: true, new_network: false, score: 40 }}; absent flags are false. */
    private RiskFacts risk(Node node) {
        MapNode map = RuleNodes.map(node, "risk");
        StrictKeys.check(map, "risk", RISK_KEYS, problems);
        boolean newDevice = map.get("new_device").map(n -> RuleNodes.bool(n, "risk.new_device")).orElse(false);
        boolean newNetwork = map.get("new_network").map(n -> RuleNodes.bool(n, "risk.new_network")).orElse(false);
        Integer score = map.get("score").map(n -> score(n)).orElse(null);
        return new RiskFacts(newDevice, newNetwork, score);
    }

    private static Integer score(Node node) {
        String text = RuleNodes.string(node, "risk.score");
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            throw new InvalidRule(node.position(), "risk.score: expected a whole number, got '" + text + "'");
        }
    }

    private static InetAddress address(String ip, Position position) {
        InetAddress address = IpLiteral.parse(ip);
        if (address == null) {
            throw new InvalidRule(position, "request.source_ip: expected an IP address, got '" + ip + "'");
        }
        return address;
    }

    private IdentityFacts identity(Node node, Instant now) {
        MapNode map = RuleNodes.map(node, "identity");
        StrictKeys.check(map, "identity", IDENTITY_KEYS, problems);
        String sub = RuleNodes.string(required(map, "sub"), "identity.sub");
        String iss = map.get("iss").map(n -> issuerUrl(RuleNodes.string(n, "identity.iss"))).orElse(defaultIssuer());
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", iss);
        claims.put("sub", sub);
        map.get("claims").ifPresent(n -> claims.putAll(new FactValues(now, problems).object(n, "identity.claims")));
        claims.values().removeIf(v -> v == null);
        return new IdentityFacts(iss, sub, claims, null);
    }

    /** {@code iss:} may name a configured issuer by id; anything else is taken as the iss value itself. */
    private String issuerUrl(String issOrId) {
        return config.issuer(issOrId).map(IssuerConfig::issuer).orElse(issOrId);
    }

    private String defaultIssuer() {
        for (IssuerConfig i : config.identity().issuers()) {
            if (!config.isDeviceIssuer(i.id())) {
                return i.issuer();
            }
        }
        return "test";
    }

    private DeviceFacts device(Node node, Instant now) {
        Map<String, Object> attributes = new LinkedHashMap<>(new FactValues(now, problems).object(node, "device"));
        attributes.values().removeIf(v -> v == null);
        Object id = attributes.get("id");
        List<String> deviceIssuers = config.identity().devicePosture().issuers();
        String source = deviceIssuers.isEmpty() ? "test" : "token:" + deviceIssuers.get(0);
        return new DeviceFacts(id == null ? null : id.toString(), source, attributes);
    }

    private static ProxyAnswer expectation(Node node) {
        String text = RuleNodes.string(node, "expect");
        ProxyAnswer answer = ProxyAnswer.byLabel(text);
        if (answer == null) {
            throw new InvalidRule(node.position(),
                    "expect: '" + text + "' is not one of allow, deny, challenge, no-route, reject");
        }
        return answer;
    }

    private List<String> reasons(Node node) {
        return node instanceof ScalarNode ? List.of(RuleNodes.string(node, "reason")) : RuleNodes.strings(node, "reason");
    }

    private Instant instant(Node node, Instant fallback) {
        try {
            return Instant.parse(RuleNodes.string(node, "now"));
        } catch (DateTimeException e) {
            problems.add(new ConfigProblem(node.position(), "now: expected an ISO-8601 instant like 2026-01-05T10:00:00Z"));
            return fallback;
        } catch (InvalidRule e) {
            problems.add(e.problem());
            return fallback;
        }
    }
}
