package io.portcullis.proxy.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.portcullis.config.ConfigLoader;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.proxy.ConfigCompiler;
import io.portcullis.proxy.RuntimeConfig;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The router's index never changes which route takes a request: for random route tables (exact and
 * wildcard hosts, exact paths, prefixes, regexes, methods, in any order) and requests around them,
 * it answers what trying every route in file order answers.
 */
class RouterIndexTest {

    private static final String[] HOSTS = {"a.test", "B.Test", "*.apps.test", "x.apps.test"};
    private static final String[] PATHS = {"/", "/a", "/a/b", "/ab", "/b", "/a/b/c", "/c/", "/x/y", "/A"};
    private static final String[] REGEXES = {"/a.*", ".*b", "/[ab]/.*", "/x/y"};
    private static final String[] METHODS = {"[GET]", "[GET, POST]", "[PUT]"};
    private static final String[] REQUEST_HOSTS = {"a.test", "A.TEST:8080", "b.test", "B.test.", "x.apps.test",
        "X.Apps.Test:443", "apps.test", "y.x.apps.test", "", "[::1]:8080", "c.test"};
    private static final String[] REQUEST_PATHS = {"/", "/a", "/a/", "/a/b", "/a/b/c/d", "/ab", "/abc", "/b",
        "/c", "/c/", "/x/y", "/x/y/z", "/A", "//", "/a//b", "*", ""};
    private static final String[] REQUEST_METHODS = {"GET", "POST", "PUT", "DELETE"};

    private static <T> T pick(Random random, T[] from) {
        return from[random.nextInt(from.length)];
    }

    private static String randomTable(Random random, int routes) {
        StringBuilder yaml = new StringBuilder("""
                listen: 127.0.0.1:0
                admin: 127.0.0.1:0
                routes:
                """);
        for (int i = 0; i < routes; i++) {
            StringBuilder match = new StringBuilder();
            if (random.nextInt(3) == 0) {
                match.append("host: \"").append(pick(random, HOSTS)).append("\", ");
            }
            switch (random.nextInt(5)) {
                case 0 -> match.append("path: \"").append(pick(random, PATHS)).append("\", ");
                case 1, 2 -> match.append("path_prefix: \"").append(pick(random, PATHS)).append("\", ");
                case 3 -> match.append("path_regex: \"").append(pick(random, REGEXES)).append("\", ");
                default -> match.append("path_prefix: \"").append(pick(random, PATHS)).append("\", path_regex: \"")
                        .append(pick(random, REGEXES)).append("\", ");
            }
            if (random.nextInt(3) == 0) {
                match.append("methods: ").append(pick(random, METHODS)).append(", ");
            }
            yaml.append("  - id: r").append(i).append('\n')
                .append("    match: { ").append(match, 0, match.length() - 2).append(" }\n")
                .append("    upstream: http://127.0.0.1:9\n")
                .append("    policy: public\n");
        }
        return yaml.append("""
                policies:
                  public:
                    allow: { public: true }
                """).toString();
    }

    private static Router compile(String yaml) throws Exception {
        PortcullisConfig config = ConfigLoader.parse(yaml, "routes.yaml");
        return RuntimeConfig.of(config, ConfigCompiler.compile(config).policies(), null).router();
    }

    /** What the router answered before it had an index: every route, in order. */
    private static Route everyRouteInOrder(Router router, String hostHeader, String path, String method) {
        String host = Router.hostWithoutPort(hostHeader);
        for (Route route : router.routes()) {
            if (route.matches(host, path, method)) {
                return route;
            }
        }
        return null;
    }

    @Test
    void theIndexedRouterPicksTheRouteThatTryingEveryRouteInOrderPicks() throws Exception {
        Random random = new Random(2026);
        int compared = 0;
        int matched = 0;
        for (int table = 0; table < 300; table++) {
            Router router = compile(randomTable(random, 1 + random.nextInt(40)));
            for (String host : REQUEST_HOSTS) {
                for (String path : REQUEST_PATHS) {
                    String method = pick(random, REQUEST_METHODS);
                    Route expected = everyRouteInOrder(router, host, path, method);
                    assertSame(expected, router.match(host, path, method),
                            () -> "table " + " request " + method + " " + host + " " + path);
                    compared++;
                    matched += expected == null ? 0 : 1;
                }
            }
        }
        // The tables must exercise both outcomes, or agreeing would prove little.
        assertEquals(true, matched > compared / 4 && matched < compared * 3 / 4,
                "matched " + matched + " of " + compared);
    }

    @Test
    void aRouteDeepInALongTableIsFoundAndAnEarlierCatchAllStillWins() throws Exception {
        StringBuilder yaml = new StringBuilder("listen: 127.0.0.1:0\nadmin: 127.0.0.1:0\nroutes:\n");
        for (int i = 0; i < 1000; i++) {
            yaml.append("  - id: r").append(i).append("\n    match: { path_prefix: /svc").append(i)
                .append(" }\n    upstream: http://127.0.0.1:9\n    policy: public\n");
        }
        yaml.append("  - id: app\n    match: { path_prefix: / }\n    upstream: http://127.0.0.1:9\n    policy: public\n");
        yaml.append("  - id: late\n    match: { path_prefix: /svc7 }\n    upstream: http://127.0.0.1:9\n    policy: public\n");
        yaml.append("policies:\n  public:\n    allow: { public: true }\n");
        Router router = compile(yaml.toString());

        assertEquals("r999", router.match("a.test", "/svc999/x", "GET").id());
        assertEquals("app", router.match("a.test", "/svc1000", "GET").id());
        assertEquals("r7", router.match("a.test", "/svc7", "GET").id(), "the first of two routes for one prefix");
        assertEquals("app", router.match("a.test", "/svc7x", "GET").id(), "a prefix is whole segments");
    }

    @Test
    void firstSegmentIsTheTextUpToTheSecondSlash() {
        assertEquals(List.of("", "a", "a", "ab", ""), List.of(Router.firstSegment("/"), Router.firstSegment("/a"),
                Router.firstSegment("/a/b"), Router.firstSegment("/ab/"), Router.firstSegment("//x")));
    }
}
