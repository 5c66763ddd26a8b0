package io.portcullis.identity.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReturnPathTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/app", "/app/reports?year=2026&q=a%20b", "/a/b/c#frag", "/%2e%2e/x"})
    void keepsSameOriginPaths(String path) {
        assertEquals(path, ReturnPath.sanitize(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"//evil.example", "//evil.example/path", "https://evil.example", "http://evil.example/",
        "/\\evil.example", "\\\\evil.example", "/%2fevil.example", "/%5Cevil.example", "evil.example",
        "javascript:alert(1)", "/\t/evil.example", "/\n/evil.example", "/a b", "/caf\u00e9", " /app", ""})
    void neverLeavesTheOrigin(String attempt) {
        assertEquals("/", ReturnPath.sanitize(attempt));
    }

    @org.junit.jupiter.api.Test
    void refusesNullAndOverlongPaths() {
        assertEquals("/", ReturnPath.sanitize(null));
        assertEquals("/", ReturnPath.sanitize("/" + "a".repeat(ReturnPath.MAX_LENGTH)));
    }
}
