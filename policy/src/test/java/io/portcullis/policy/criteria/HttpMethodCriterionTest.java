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

class HttpMethodCriterionTest extends CriterionTable {

    private static final String READS = "{http_method: {in: [GET, head]}}";
    private static final List<String> OK = List.of("method-ok");
    private static final List<String> NO = List.of("method-not-allowed");

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments(READS, Facts.anonymous().method("GET"), TRUE, OK),
                arguments(READS, Facts.anonymous().method("HEAD"), TRUE, OK),
                arguments(READS, Facts.anonymous().method("POST"), FALSE, NO),
                arguments(READS, Facts.anonymous().method("get"), FALSE, NO),
                arguments(READS, Facts.anonymous().method(null), UNKNOWN, NO),
                arguments("{http_method: {is: DELETE}}", Facts.anonymous().method("DELETE"), TRUE, OK));
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                arguments("{http_method: {is: \"GET /\"}}", "test.yaml:1:20: http_method.is: 'GET /' is not an HTTP method"),
                arguments("{http_method: GET}", "test.yaml:1:15: http_method: expected a map, got a scalar"));
    }
}
