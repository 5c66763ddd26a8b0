package io.portcullis.policy.criteria;

import static io.portcullis.policy.Tri.FALSE;
import static io.portcullis.policy.Tri.TRUE;
import static io.portcullis.policy.Tri.UNKNOWN;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.portcullis.policy.testing.CriterionTable;
import io.portcullis.policy.testing.Facts;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

class HttpPathCriterionTest extends CriterionTable {

    private static final String API = "{http_path: {starts_with: /api}}";
    private static final String API_SLASH = "{http_path: {starts_with: /api/}}";
    private static final String HEALTH = "{http_path: {is: /health}}";
    private static final String ITEMS = "{http_path: {glob: \"/api/*/items/**\"}}";
    private static final String USERS = "{http_path: {regex: '/api/v[0-9]+/users'}}";
    private static final String SEGMENTS = "{http_path: {regex: '(/[a-z]+)*'}}";
    private static final List<String> OK = List.of("path-ok");
    private static final List<String> NO = List.of("path-not-allowed");

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments(API, Facts.anonymous().path("/api"), TRUE, OK),
                arguments(API, Facts.anonymous().path("/api/"), TRUE, OK),
                arguments(API, Facts.anonymous().path("/api/v1/users"), TRUE, OK),
                arguments(API, Facts.anonymous().path("/apix"), FALSE, NO),
                arguments(API, Facts.anonymous().path("/ap"), FALSE, NO),
                arguments(API, Facts.anonymous().path("/"), FALSE, NO),
                arguments(API, Facts.anonymous().path(null), UNKNOWN, NO),
                arguments(API_SLASH, Facts.anonymous().path("/api"), TRUE, OK),
                arguments(API_SLASH, Facts.anonymous().path("/api/x"), TRUE, OK),
                arguments(API_SLASH, Facts.anonymous().path("/apix/"), FALSE, NO),
                arguments("{http_path: {starts_with: /}}", Facts.anonymous().path("/anything/at/all"), TRUE, OK),
                arguments(HEALTH, Facts.anonymous().path("/health"), TRUE, OK),
                arguments(HEALTH, Facts.anonymous().path("/health/"), FALSE, NO),
                arguments(HEALTH, Facts.anonymous().path("/healthz"), FALSE, NO),
                arguments("{http_path: {is: [/a, /b]}}", Facts.anonymous().path("/b"), TRUE, OK),
                arguments(ITEMS, Facts.anonymous().path("/api/v1/items"), TRUE, OK),
                arguments(ITEMS, Facts.anonymous().path("/api/v1/items/3/parts"), TRUE, OK),
                arguments(ITEMS, Facts.anonymous().path("/api/v1/v2/items"), FALSE, NO),
                arguments(ITEMS, Facts.anonymous().path("/api/v1/itemsx"), FALSE, NO),
                arguments(ITEMS, Facts.anonymous().path(null), UNKNOWN, NO),
                arguments(USERS, Facts.anonymous().path("/api/v2/users"), TRUE, OK),
                arguments(USERS, Facts.anonymous().path("/api/v2/users/7"), FALSE, NO),
                arguments(USERS, Facts.anonymous().path("/x/api/v2/users"), FALSE, NO),
                arguments(USERS, Facts.anonymous().path("/api/v2/users" + "/".repeat(2048)), UNKNOWN, NO),
                // a repeated group with a repetition inside: refused by the backtracking engine, linear in RE2
                arguments(SEGMENTS, Facts.anonymous().path("/a/bc/def"), TRUE, OK),
                arguments(SEGMENTS, Facts.anonymous().path("/a".repeat(1000) + "/1"), FALSE, NO));
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                arguments("{http_path: {is: health}}", "test.yaml:1:18: http_path.is: 'health' must start with '/'"),
                arguments("{http_path: {glob: \"/a/**x\"}}",
                        "test.yaml:1:20: http_path.glob: '**' must be a whole path segment in '/a/**x'"),
                arguments("{http_path: {glob: \"a/*\"}}", "test.yaml:1:20: http_path.glob: 'a/*' must start with '/'"),
                arguments("{http_path: {regex: '/api/[a-z]++'}}", "test.yaml:1:21: http_path.regex: RE2 syntax:"
                        + " linear-time matching; possessive quantifiers (a++, a*+, a?+, a{2}+) are not supported;"
                        + " RE2 never backtracks, so drop the last + (at index 10)"),
                arguments("{http_path: {prefix: /api}}", "test.yaml:1:14: unknown operator 'prefix' for http_path"
                        + " (expected one of: is, starts_with, glob, regex)"));
    }
}
