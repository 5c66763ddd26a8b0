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
                arguments("{http_path: {is: [/a, /b]}}", Facts.anonymous().path("/b"), TRUE, OK));
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                arguments("{http_path: {is: health}}", "test.yaml:1:18: http_path.is: 'health' must start with '/'"),
                arguments("{http_path: {prefix: /api}}", "test.yaml:1:14: unknown operator 'prefix' for http_path"
                        + " (expected one of: is, starts_with)"));
    }
}
