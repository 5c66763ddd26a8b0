package io.portcullis.policy.criteria;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PathGlobTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("/**", "/", true), arguments("/**", "/a/b/c", true),
                arguments("/*", "/x", true), arguments("/*", "/", true), arguments("/*", "/x/y", false),
                arguments("/a", "/a", true), arguments("/a", "/a/", false), arguments("/a", "/ab", false),
                arguments("/a/**", "/a", true), arguments("/a/**", "/a/x/y", true), arguments("/a/**", "/ab", false),
                arguments("/a/**/b", "/a/b", true), arguments("/a/**/b", "/a/x/b", true),
                arguments("/a/**/b", "/a/x/y/b", true), arguments("/a/**/b", "/a/x/c", false),
                arguments("/a/**/b", "/a/b/c", false),
                arguments("/a/**/b/**/c", "/a/b/c", true), arguments("/a/**/b/**/c", "/a/1/b/2/c", true),
                arguments("/a/**/b/**/c", "/a/b/x/b/c", true), arguments("/a/**/b/**/c", "/a/c", false),
                arguments("/**/*.js", "/app.js", true), arguments("/**/*.js", "/a/b/app.js", true),
                arguments("/**/*.js", "/a/b/app.json", false), arguments("/**/*.js", "/a.js/b", false),
                arguments("/*x*y*", "/axbyc", true), arguments("/*x*y*", "/ayx", false),
                arguments("/report-????.pdf", "/report-2024.pdf", true),
                arguments("/report-????.pdf", "/report-24.pdf", false),
                arguments("/a/*/c", "/a/b/c", true), arguments("/a/*/c", "/a/b/b/c", false),
                arguments("/a", "", false), arguments("/a", "a", false));
    }

    @ParameterizedTest(name = "{0} on {1}: {2}")
    @MethodSource("cases")
    void matchesStarsWithinAndDoubleStarsAcrossSegments(String glob, String path, boolean expected) {
        assertEquals(expected, PathGlob.compile(glob).matches(path));
    }
}
