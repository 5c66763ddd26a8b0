package io.portcullis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HostPatternTest {

    static Stream<Arguments> matches() {
        return Stream.of(
                arguments("*.apps.corp.example", "a.apps.corp.example", true),
                arguments("*.apps.corp.example", "A.Apps.CORP.example", true),
                arguments("*.apps.corp.example", "apps.corp.example", false),
                arguments("*.apps.corp.example", ".apps.corp.example", false),
                arguments("*.apps.corp.example", "a.b.apps.corp.example", false),
                arguments("*.apps.corp.example", "evilapps.corp.example", false),
                arguments("*.apps.corp.example", "a.apps.corp.example.evil", false),
                arguments("*.apps.corp.example", "", false),
                arguments("*.apps.corp.example", null, false),
                // the Kelvin sign folds to k in Unicode, never in host names
                arguments("*.apps.corp.example", "k.apps.corp.exa\u212Aple", false),
                arguments("app.example", "app.example", true),
                arguments("app.example", "APP.example", true),
                arguments("app.example", "x.app.example", false),
                arguments("app.example", "app.exampl", false));
    }

    @ParameterizedTest(name = "{0} vs {1} → {2}")
    @MethodSource("matches")
    void matchesExactlyOneLabel(String pattern, String host, boolean expected) {
        assertEquals(expected, new HostPattern(pattern).matches(host));
    }

    static Stream<Arguments> covers() {
        return Stream.of(
                arguments("a.apps.example", "*.apps.example", true),
                arguments("*.apps.example", "*.apps.example", true),
                arguments("*.apps.example", "a.apps.example", false),
                arguments("apps.example", "*.apps.example", false),
                arguments("a.apps.example", "a.apps.example", true),
                arguments("*.b.apps.example", "*.apps.example", false));
    }

    @ParameterizedTest(name = "{0} covered by {1} → {2}")
    @MethodSource("covers")
    void coverage(String narrow, String broad, boolean expected) {
        assertEquals(expected, new HostPattern(narrow).isCoveredBy(new HostPattern(broad)));
    }
}
