package io.portcullis.policy.criteria;

import static io.portcullis.policy.Tri.FALSE;
import static io.portcullis.policy.Tri.TRUE;
import static io.portcullis.policy.Tri.UNKNOWN;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.portcullis.policy.testing.CriterionTable;
import io.portcullis.policy.testing.Facts;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

class ValidBetweenCriterionTest extends CriterionTable {

    private static final String MARCH = "{valid_between: {from: \"2026-03-01T00:00:00Z\", until: \"2026-04-01T00:00:00Z\"}}";
    private static final List<String> OK = List.of("valid-between-ok");

    private static Facts at(String instant) {
        return Facts.anonymous().now(Instant.parse(instant));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments(MARCH, Facts.anonymous(), TRUE, OK),
                arguments(MARCH, at("2026-03-01T00:00:00Z"), TRUE, OK),
                arguments(MARCH, at("2026-02-28T23:59:59Z"), FALSE, List.of("not-yet-valid")),
                arguments(MARCH, at("2026-04-01T00:00:00Z"), FALSE, List.of("expired")),
                arguments(MARCH, Facts.anonymous().now(null), UNKNOWN, List.of("validity-unknown")),
                arguments("{valid_between: {from: \"2026-03-04T11:00:01+01:00\"}}", Facts.anonymous(), FALSE,
                        List.of("not-yet-valid")),
                arguments("{valid_between: {from: \"2026-03-04T11:00:00+01:00\"}}", Facts.anonymous(), TRUE, OK),
                arguments("{valid_between: {until: \"2026-03-04T10:00:00Z\"}}", Facts.anonymous(), FALSE,
                        List.of("expired")));
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                arguments("{valid_between: {from: \"2026-04-01T00:00:00Z\", until: \"2026-03-01T00:00:00Z\"}}",
                        "test.yaml:1:17: valid_between: 'from' must be before 'until'"),
                arguments("{valid_between: {from: \"2026-03-01\"}}", "test.yaml:1:24: valid_between.from: expected an"
                        + " ISO-8601 instant with a zone, like 2026-01-31T18:00:00Z, got '2026-03-01'"),
                arguments("{valid_between: {}}", "test.yaml:1:17: valid_between: expected one of: from, until"));
    }
}
