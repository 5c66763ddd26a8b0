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

class AuthAgeCriterionTest extends CriterionTable {

    private static final String FRESH = "{auth_age: {lte: 15m}}";
    private static final long NOW = Facts.NOW.getEpochSecond();
    private static final List<String> OK = List.of("auth-age-ok");
    private static final List<String> OLD = List.of("auth-too-old");
    private static final List<String> MISSING = List.of("auth-time-missing");

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments(FRESH, Facts.user("auth_time", NOW - 60), TRUE, OK),
                arguments(FRESH, Facts.user("auth_time", NOW - 900), TRUE, OK),
                arguments(FRESH, Facts.user("auth_time", NOW - 901), FALSE, OLD),
                arguments(FRESH, Facts.user("auth_time", "yesterday"), UNKNOWN, MISSING),
                arguments(FRESH, Facts.user("iat", NOW), UNKNOWN, MISSING),
                arguments(FRESH, Facts.user("auth_time", NOW).now(null), UNKNOWN, OLD),
                arguments(FRESH, Facts.anonymous(), UNKNOWN, MISSING),
                arguments("{auth_age: {lt: 15m}}", Facts.user("auth_time", NOW - 900), FALSE, OLD),
                arguments("{auth_age: {gte: 1m, lte: 1h}}", Facts.user("auth_time", NOW - 120), TRUE, OK),
                arguments("{auth_age: {gte: 1m, lte: 1h}}", Facts.user("auth_time", NOW - 30), FALSE,
                        List.of("auth-age-failed")));
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                arguments("{auth_age: {lte: 15}}",
                        "test.yaml:1:18: auth_age.lte: expected a duration like 15m, 8h or 1d, got '15'"),
                arguments("{auth_age: {max: 15m}}",
                        "test.yaml:1:13: unknown operator 'max' for auth_age (expected one of: lt, lte, gt, gte)"));
    }
}
