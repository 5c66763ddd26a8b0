package io.portcullis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RouteLintTest {

    private static final String HEAD = """
            policies:
              open: { allow: { public: true } }
            routes:
              - id: first
                match: %s
                upstream: http://127.0.0.1:1
                policy: open
              - id: second
                match: %s
                upstream: http://127.0.0.1:2
                policy: open
            """;

    private static final String SHADOWED = "f.yaml:8:5: route 'second' can never match: route 'first' (f.yaml:4:5)"
            + " comes first and takes every request it would";

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("{ path_prefix: / }", "{ path_prefix: /api }", true),
                Arguments.of("{ path_prefix: /api/ }", "{ path_prefix: /api/v1, methods: [GET] }", true),
                Arguments.of("{ path_prefix: /api }", "{ path: /api }", true),
                Arguments.of("{ path_prefix: /api }", "{ path_prefix: /apix }", false),
                Arguments.of("{ path_prefix: /api/v1 }", "{ path_prefix: /api }", false),
                Arguments.of("{ path: /health }", "{ path: /health, methods: [GET] }", true),
                Arguments.of("{ path: /health }", "{ path_prefix: /health }", false),
                Arguments.of("{ path_prefix: /, methods: [GET, HEAD] }", "{ path_prefix: /a, methods: [GET] }", true),
                Arguments.of("{ path_prefix: /, methods: [GET] }", "{ path_prefix: /a }", false),
                Arguments.of("{ path_prefix: /, methods: [GET] }", "{ path_prefix: /a, methods: [GET, POST] }", false),
                Arguments.of("{ host: a.example, path_prefix: / }", "{ host: a.example, path: /x }", true),
                Arguments.of("{ host: a.example, path_prefix: / }", "{ path: /x }", false),
                Arguments.of("{ host: '*.apps.example', path_prefix: / }", "{ host: x.apps.example, path: /x }", true),
                Arguments.of("{ host: '*.apps.example', path_prefix: / }", "{ host: apps.example, path: /x }", false),
                Arguments.of("{ host: x.apps.example, path_prefix: / }", "{ host: '*.apps.example', path: /x }", false),
                Arguments.of("{ host: a.example }", "{ host: a.example, path_regex: '/x.*' }", true),
                // an earlier regex is never analysed, so never taken to cover
                Arguments.of("{ path_regex: '.*' }", "{ path: /x }", false),
                // a later regex only narrows what the later route matches
                Arguments.of("{ path_prefix: / }", "{ path_regex: '/x.*' }", true),
                Arguments.of("{ path_prefix: /a }", "{ path_regex: '/a/x.*' }", false));
    }

    @ParameterizedTest(name = "{0} then {1}: shadowed {2}")
    @MethodSource("cases")
    void findsRoutesAnEarlierRouteFullyShadows(String first, String second, boolean shadowed) throws Exception {
        PortcullisConfig config = ConfigLoader.parse(HEAD.formatted(first, second), "f.yaml");
        List<String> expected = shadowed ? List.of(SHADOWED) : List.of();
        assertEquals(expected, RouteLint.unreachableRoutes(config).stream().map(ConfigProblem::format).toList());
    }
}
