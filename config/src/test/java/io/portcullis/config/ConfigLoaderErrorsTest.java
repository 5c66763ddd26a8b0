package io.portcullis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of mistake is reported once, at the exact line and column, naming the field. Each case
 * edits one fragment of a valid file, so the line numbers below can be checked against {@link #BASE}.
 */
class ConfigLoaderErrorsTest {

    static final String BASE = """
            issuers:
              - id: corp
                issuer: https://idp.example.com
                jwks_uri: https://idp.example.com/jwks
                audiences: [portcullis]
            routes:
              - id: r
                match: { path_prefix: /app }
                upstream: http://127.0.0.1:9001
                policy: users
            policies:
              users:
                allow: { authenticated: true }
            """;

    /** Replace {@code from} (which must occur exactly once) by {@code to}; expect exactly one problem. */
    record Case(String name, String from, String to, String expected) {
        @Override
        public String toString() {
            return name;
        }

        String yaml() {
            if (from.isEmpty()) {
                return BASE + to;
            }
            assertEquals(BASE.indexOf(from), BASE.lastIndexOf(from), "ambiguous fragment in case " + name);
            assertTrue(BASE.contains(from), "fragment not in BASE for case " + name);
            return BASE.replace(from, to);
        }
    }

    static Case append(String name, String text, String expected) {
        return new Case(name, "", text, expected);
    }

    static Stream<Case> cases() {
        return Stream.of(
                // unknown keys at every level
                append("unknown top-level key", "lisen: 127.0.0.1:1\n",
                        "14:1: lisen: unknown key 'lisen' (did you mean 'listen'?)"),
                new Case("unknown issuer key", "    audiences: [portcullis]\n",
                        "    audiences: [portcullis]\n    audience: x\n",
                        "6:5: issuers[0].audience: unknown key 'audience' (did you mean 'audiences'?)"),
                new Case("unknown route key", "    policy: users\n", "    policy: users\n    polcy: x\n",
                        "11:5: routes[0].polcy: unknown key 'polcy' (did you mean 'policy'?)"),
                new Case("unknown match key", "{ path_prefix: /app }", "{ path_prefix: /app, pathprefix: /b }",
                        "8:33: routes[0].match.pathprefix: unknown key 'pathprefix' (did you mean 'path_prefix'?)"),
                append("unknown device_posture key", "device_posture:\n  header: X-Posture\n  max_ag: 1m\n",
                        "16:3: device_posture.max_ag: unknown key 'max_ag' (did you mean 'max_age'?)"),
                append("unknown limits key without a close match", "limits:\n  max_body: 1MB\n",
                        "15:3: limits.max_body: unknown key 'max_body'"),
                append("unknown timeouts key", "timeouts:\n  idel: 5s\n",
                        "15:3: timeouts.idel: unknown key 'idel' (did you mean 'idle'?)"),
                new Case("unknown policy key", "    allow: { authenticated: true }\n",
                        "    allow: { authenticated: true }\n    requires: {}\n",
                        "14:5: policies.users.requires: unknown key 'requires' (did you mean 'require'?)"),
                // YAML-level refusals
                append("duplicate key", "listen: 127.0.0.1:1\nlisten: 127.0.0.1:2\n",
                        "15:1: duplicate key 'listen' (first defined at f.yaml:14:1)"),
                new Case("anchor", "  users:\n", "  users: &u\n",
                        "12:10: YAML anchors and aliases are not supported"),
                // durations
                append("duration without a unit", "timeouts:\n  idle: 5 minutes\n",
                        "15:9: timeouts.idle: invalid duration '5 minutes' (expected e.g. 500ms, 30s, 15m, 8h, 1d or 1h30m)"),
                append("zero duration", "timeouts:\n  upstream_connect: 0s\n",
                        "15:21: timeouts.upstream_connect: must be greater than zero"),
                append("units out of order", "timeouts:\n  idle: 30m1h\n",
                        "15:9: timeouts.idle: invalid duration '30m1h' (expected e.g. 500ms, 30s, 15m, 8h, 1d or 1h30m)"
                                + " (units must go from largest to smallest, once each)"),
                new Case("clock skew too large", "    audiences: [portcullis]\n",
                        "    audiences: [portcullis]\n    clock_skew: 10m\n",
                        "6:17: issuers[0].clock_skew: must be at most 5m"),
                new Case("jwks refresh too short", "    audiences: [portcullis]\n",
                        "    audiences: [portcullis]\n    jwks_refresh: 5s\n",
                        "6:19: issuers[0].jwks_refresh: must be at least 10s"),
                new Case("route timeout negative", "    policy: users\n", "    policy: users\n    timeout: -5s\n",
                        "11:14: routes[0].timeout: invalid duration '-5s' (expected e.g. 500ms, 30s, 15m, 8h, 1d or 1h30m)"),
                // sizes and numbers
                append("size with a space", "limits:\n  max_body_bytes: 10 MB\n",
                        "15:19: limits.max_body_bytes: invalid size '10 MB' (expected e.g. 4096, 16KB, 10MB or 1GB)"),
                append("zero headers", "limits:\n  max_headers: 0\n",
                        "15:16: limits.max_headers: must be between 1 and 2147483647, got 0"),
                append("size too big for an int", "limits:\n  max_header_bytes: 2GB\n",
                        "15:21: limits.max_header_bytes: must be between 1 and 2147483647, got 2147483648"),
                // addresses
                append("CIDR prefix too long", "trusted_proxies: [10.0.0.0/33]\n",
                        "14:19: trusted_proxies[0]: prefix length 33 is larger than 32"),
                append("CIDR with a host name", "trusted_proxies: [10.0.0.0/8, proxy.local]\n",
                        "14:31: trusted_proxies[1]: invalid IP address 'proxy.local'"),
                append("port out of range", "listen: 127.0.0.1:70000\n",
                        "14:9: listen: port 70000 in '127.0.0.1:70000' is out of range 0..65535"),
                append("listen without a port", "listen: 127.0.0.1\n",
                        "14:9: listen: invalid address '127.0.0.1' (expected host:port or [v6]:port)"),
                append("admin equal to listen", "listen: 127.0.0.1:80\nadmin: 127.0.0.1:80\n",
                        "15:8: admin: must differ from listen (127.0.0.1:80)"),
                // URLs
                new Case("upstream not http", "http://127.0.0.1:9001", "ftp://127.0.0.1",
                        "9:15: routes[0].upstream: URL 'ftp://127.0.0.1' must start with http:// or https://"),
                new Case("upstream with a query", "http://127.0.0.1:9001", "http://127.0.0.1:9001/?a=b",
                        "9:15: routes[0].upstream: URL 'http://127.0.0.1:9001/?a=b' must not have a query or fragment"),
                new Case("issuer not a URL", "issuer: https://idp.example.com\n", "issuer: corp\n",
                        "3:13: issuers[0].issuer: URL 'corp' must start with http:// or https://"),
                // regex, methods, paths, match
                new Case("bad regex", "{ path_prefix: /app }", "{ path_regex: '/(a' }",
                        "8:26: routes[0].match.path_regex: RE2 syntax: linear-time matching; invalid regular"
                                + " expression: missing closing ): `/(a`"),
                new Case("lookahead in a path regex", "{ path_prefix: /app }", "{ path_regex: '/(?!admin).*' }",
                        "8:26: routes[0].match.path_regex: RE2 syntax: linear-time matching; lookahead (?= and (?!"
                                + " is not supported; express the condition as a separate rule (at index 1)"),
                new Case("path prefix without a slash", "{ path_prefix: /app }", "{ path_prefix: app }",
                        "8:27: routes[0].match.path_prefix: must start with '/'"),
                new Case("exact path without a slash", "{ path_prefix: /app }", "{ path: app }",
                        "8:20: routes[0].match.path: must start with '/'"),
                new Case("method not a token", "{ path_prefix: /app }", "{ path_prefix: /app, methods: ['GET POST'] }",
                        "8:43: routes[0].match.methods[0]: invalid method 'GET POST'"),
                new Case("empty methods", "{ path_prefix: /app }", "{ path_prefix: /app, methods: [] }",
                        "8:42: routes[0].match.methods: must not be empty"),
                new Case("match on methods only", "{ path_prefix: /app }", "{ methods: [GET] }",
                        "8:12: routes[0].match: needs at least one of path, path_prefix, path_regex or host"),
                new Case("host with a port", "{ path_prefix: /app }", "{ host: 'a.example:443' }",
                        "8:20: routes[0].match.host: invalid host 'a.example:443' (a host name without port or scheme)"),
                // algorithms
                new Case("wildcard inside a host", "{ path_prefix: /app }", "{ host: 'a.*.example' }",
                        "8:20: routes[0].match.host: invalid host 'a.*.example' (the only wildcard allowed is a whole"
                                + " first label: '*.example.com')"),
                new Case("wildcard without a domain", "{ path_prefix: /app }", "{ host: '*.' }",
                        "8:20: routes[0].match.host: invalid host pattern '*.' (a wildcard is '*.' followed by a host name)"),
                new Case("partial wildcard label", "{ path_prefix: /app }", "{ host: 'a*.example' }",
                        "8:20: routes[0].match.host: invalid host 'a*.example' (the only wildcard allowed is a whole"
                                + " first label: '*.example.com')"),
                new Case("unknown shadow policy", "    policy: users\n", "    policy: users\n    shadow_policy: usrs\n",
                        "11:20: routes[0].shadow_policy: unknown policy 'usrs' (did you mean 'users'?)"),
                new Case("shadow policy is the enforced one", "    policy: users\n",
                        "    policy: users\n    shadow_policy: users\n",
                        "11:20: routes[0].shadow_policy: is the enforced policy itself; comparing it tells nothing"),
                new Case("enforcing a shadow-mode policy", "    allow: { authenticated: true }\n",
                        "    allow: { authenticated: true }\n    mode: shadow\n",
                        "10:13: routes[0].policy: policy 'users' is in shadow mode, so it is never enforced;"
                                + " name it as shadow_policy"),
                new Case("unknown mode", "    allow: { authenticated: true }\n",
                        "    allow: { authenticated: true }\n    mode: audit\n",
                        "14:11: policies.users.mode: expected enforce or shadow, got 'audit'"),
                new Case("policy include not a list", "    allow: { authenticated: true }\n",
                        "    allow: { authenticated: true }\n    include: base\n",
                        "14:14: policies.users.include: expected a non-empty list of policy ids, got 'base'"),
                append("config include not a list", "include: policies/*.yaml\n",
                        "14:10: include: expected a list of file names, got 'policies/*.yaml'"),
                new Case("algorithm none", "    audiences: [portcullis]\n",
                        "    audiences: [portcullis]\n    algorithms: [none]\n",
                        "6:18: issuers[0].algorithms[0]: algorithm 'none' is never accepted: unsigned tokens prove nothing"),
                new Case("algorithm HS256", "    audiences: [portcullis]\n",
                        "    audiences: [portcullis]\n    algorithms: [RS256, HS256]\n",
                        "6:25: issuers[0].algorithms[1]: HMAC algorithm 'HS256' is not accepted: use an asymmetric algorithm"),
                new Case("unknown algorithm", "    audiences: [portcullis]\n",
                        "    audiences: [portcullis]\n    algorithms: [RS1]\n",
                        "6:18: issuers[0].algorithms[0]: unknown algorithm 'RS1' (allowed: RS256, RS384, RS512, PS256,"
                                + " PS384, PS512, ES256, ES384, ES512, EdDSA)"),
                // types
                new Case("map where a list belongs", "audiences: [portcullis]", "audiences: { a: b }",
                        "5:16: issuers[0].audiences: expected a list, got a map"),
                new Case("list where a map belongs", "{ path_prefix: /app }", "[/app]",
                        "8:12: routes[0].match: expected a map, got a list"),
                new Case("scalar where a list belongs", "audiences: [portcullis]", "audiences: portcullis",
                        "5:16: issuers[0].audiences: expected a list, got 'portcullis'"),
                new Case("empty audiences", "audiences: [portcullis]", "audiences: []",
                        "5:16: issuers[0].audiences: must not be empty"),
                new Case("blank audience", "audiences: [portcullis]", "audiences: [portcullis, \"  \"]",
                        "5:29: issuers[0].audiences[1]: must not be blank"),
                new Case("blank client_id", "    audiences: [portcullis]\n", "    audiences: [portcullis]\n    client_id: \" \"\n",
                        "6:16: issuers[0].client_id: must not be blank"),
                new Case("boolean spelt yes", "    policy: users\n", "    policy: users\n    pass_authorization: yes\n",
                        "11:25: routes[0].pass_authorization: expected true or false, got 'yes'"),
                new Case("quoted boolean", "    policy: users\n", "    policy: users\n    pass_device_posture: \"true\"\n",
                        "11:26: routes[0].pass_device_posture: expected true or false, got 'true'"),
                new Case("policy not a map", "    allow: { authenticated: true }\n", "    - allow\n",
                        "13:5: policies.users: expected a map, got a list"),
                new Case("top level not a map", BASE, "- a\n", "1:1: expected a map, got a list"),
                // references and duplicates
                new Case("missing policy", "policy: users", "policy: admins",
                        "10:13: routes[0].policy: unknown policy 'admins' (declare it under policies)"),
                new Case("device issuer with its own problem is not reported again", "routes:\n",
                        "  - id: mdm\n    issuer: https://mdm.example.com\n    discovery: true\n    audiences: []\n"
                                + "device_posture:\n  issuers: [mdm]\nroutes:\n",
                        "9:16: issuers[1].audiences: must not be empty"),
                append("missing device issuer", "device_posture:\n  issuers: [mdm]\n",
                        "15:13: device_posture.issuers[0]: unknown issuer 'mdm' (declare it under issuers)"),
                new Case("duplicate route id", "policies:\n",
                        "  - id: r\n    match: { path: /x }\n    upstream: http://127.0.0.1:1\n    policy: users\npolicies:\n",
                        "11:9: routes[1].id: duplicate route id 'r' (already used by routes[0].id)"),
                new Case("duplicate issuer id", "routes:\n",
                        "  - id: corp\n    issuer: https://other.example.com\n    discovery: true\n"
                                + "    audiences: [x]\nroutes:\n",
                        "6:9: issuers[1].id: duplicate issuer id 'corp' (already used by issuers[0].id)"),
                new Case("duplicate issuer URL", "routes:\n",
                        "  - id: other\n    issuer: https://idp.example.com\n    discovery: true\n"
                                + "    audiences: [x]\nroutes:\n",
                        "7:13: issuers[1].issuer: duplicate issuer 'https://idp.example.com' (already used by"
                                + " issuers[0].issuer)"),
                new Case("bad issuer id", "id: corp", "id: Corp",
                        "2:9: issuers[0].id: invalid id 'Corp' (must match [a-z0-9][a-z0-9_-]*)"),
                new Case("missing upstream", "    upstream: http://127.0.0.1:9001\n", "",
                        "7:5: routes[0].upstream: is required"),
                new Case("no routes", "routes:\n  - id: r\n    match: { path_prefix: /app }\n"
                        + "    upstream: http://127.0.0.1:9001\n    policy: users\n", "routes: []\n",
                        "6:9: routes: must not be empty"),
                new Case("jwks_uri and discovery", "    audiences: [portcullis]\n",
                        "    audiences: [portcullis]\n    discovery: true\n",
                        "2:5: issuers[0]: set either jwks_uri or discovery: true, not both"),
                new Case("neither jwks_uri nor discovery", "    jwks_uri: https://idp.example.com/jwks\n", "",
                        "2:5: issuers[0]: needs jwks_uri or discovery: true"),
                new Case("no user issuer for a non-public policy", BASE.substring(0, BASE.indexOf("routes:")), "",
                        "5:13: routes[0].policy: policy 'users' needs an identity, but no issuer vouches for users"),
                // headers
                new Case("reserved identity header", "    policy: users\n",
                        "    policy: users\n    identity_headers: { Authorization: sub }\n",
                        "11:25: routes[0].identity_headers.Authorization: 'Authorization' is reserved and cannot be set"),
                new Case("hop-by-hop identity header", "    policy: users\n",
                        "    policy: users\n    identity_headers:\n      connection: sub\n",
                        "12:7: routes[0].identity_headers.connection: 'connection' is a hop-by-hop header and cannot be set"),
                new Case("identity header twice in different case", "    policy: users\n",
                        "    policy: users\n    identity_headers:\n      X-User: sub\n      x-user: email\n",
                        "13:7: routes[0].identity_headers.x-user: header 'x-user' is set twice (names ignore case)"),
                new Case("identity header not a token", "    policy: users\n",
                        "    policy: users\n    identity_headers: { 'X User': sub }\n",
                        "11:25: routes[0].identity_headers.X User: 'X User' is not a valid header name"),
                append("posture header not a token", "device_posture:\n  header: 'X Posture'\n",
                        "15:11: device_posture.header: 'X Posture' is not a valid header name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsExactlyOneProblemAtItsPlace(Case c) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(c.yaml(), "f.yaml"));
        List<String> problems = e.problems().stream().map(ConfigProblem::format).toList();
        assertEquals(List.of("f.yaml:" + c.expected()), problems);
    }

    @Test
    void theBaseIsValid() throws Exception {
        assertEquals(1, ConfigLoader.parse(BASE, "f.yaml").routes().size());
    }

    @Test
    void everyProblemIsReportedInOneRound() {
        String yaml = BASE.replace("/app", "app").replace("http://127.0.0.1:9001", "ftp://x") + "lisen: x\n";
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml, "f.yaml"));
        assertEquals(List.of(
                "f.yaml:8:27: routes[0].match.path_prefix: must start with '/'",
                "f.yaml:9:15: routes[0].upstream: URL 'ftp://x' must start with http:// or https://",
                "f.yaml:14:1: lisen: unknown key 'lisen' (did you mean 'listen'?)"),
                e.problems().stream().map(ConfigProblem::format).toList());
        assertEquals(String.join("\n", e.problems().stream().map(ConfigProblem::format).toList()), e.getMessage());
    }

    @Test
    void problemsAreListedInFileOrderWhateverOrderTheyWereFoundIn() {
        String yaml = "limits: { max_headers: 0 }\n" + BASE.replace("policy: users", "policy: nope") + "lisen: x\n";
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml, "f.yaml"));
        assertEquals(List.of(
                "f.yaml:1:24: limits.max_headers: must be between 1 and 2147483647, got 0",
                "f.yaml:11:13: routes[0].policy: unknown policy 'nope' (declare it under policies)",
                "f.yaml:15:1: lisen: unknown key 'lisen' (did you mean 'listen'?)"),
                e.problems().stream().map(ConfigProblem::format).toList());
    }

    @Test
    void userInfoInAnUpstreamIsRefusedWithoutEchoingTheSecret() {
        String yaml = BASE.replace("http://127.0.0.1:9001", "http://bob:s3cret@127.0.0.1:9001");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml, "f.yaml"));
        assertEquals("f.yaml:9:15: routes[0].upstream: URL must not contain user info", e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"));
    }
}
