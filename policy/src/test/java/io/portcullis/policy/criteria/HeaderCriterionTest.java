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

class HeaderCriterionTest extends CriterionTable {

    private static final String IS_PROD = "{header: {name: X-Env, is: prod}}";
    private static final List<String> OK = List.of("header-ok");
    private static final List<String> NO = List.of("header-not-allowed");

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments(IS_PROD, Facts.anonymous().header("X-Env", "prod"), TRUE, OK),
                arguments(IS_PROD, Facts.anonymous().header("x-env", "prod"), TRUE, OK),
                arguments(IS_PROD, Facts.anonymous().header("X-Env", "Prod"), FALSE, NO),
                arguments(IS_PROD, Facts.anonymous().noHeaders(), FALSE, NO),
                // a second value could be appended by the client to slip past: undecidable
                arguments(IS_PROD, Facts.anonymous().header("X-Env", "prod").header("X-Env", "dev"), UNKNOWN, NO),
                arguments(IS_PROD, Facts.anonymous(), UNKNOWN, NO),
                // header values are strings, even when they look like numbers
                arguments("{header: {name: X-Tier, in: [1, 2]}}", Facts.anonymous().header("X-Tier", "2"), TRUE, OK),
                arguments("{header: {name: X-Tier, in: [1, 2]}}", Facts.anonymous().header("X-Tier", "3"), FALSE, NO),
                arguments("{header: {name: X-Req, matches: '[a-f0-9]{8}'}}",
                        Facts.anonymous().header("X-Req", "deadbeef"), TRUE, OK),
                arguments("{header: {name: X-Req, matches: '[a-f0-9]{8}'}}",
                        Facts.anonymous().header("X-Req", "deadbeef0"), FALSE, NO),
                arguments("{header: {name: X-Env, exists: true}}", Facts.anonymous().header("X-Env", ""), TRUE, OK),
                arguments("{header: {name: X-Env, exists: true}}", Facts.anonymous().noHeaders(), FALSE, NO),
                arguments("{header: {name: X-Env, exists: false}}", Facts.anonymous().noHeaders(), TRUE, OK),
                arguments("{header: {name: X-Env, exists: false}}", Facts.anonymous(), UNKNOWN, NO));
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                arguments("{header: {is: prod}}", "test.yaml:1:10: header: 'name' is required"),
                arguments("{header: {name: 'X Env', is: prod}}", "test.yaml:1:17: header.name: 'X Env' is not a header name"),
                arguments("{header: {name: X-Env}}", "test.yaml:1:10: header: expected 'name' and exactly one of: is, in, matches, exists"),
                arguments("{header: {name: X-Env, is: a, in: [b]}}",
                        "test.yaml:1:10: header: expected 'name' and exactly one of: is, in, matches, exists"),
                arguments("{header: {name: X-Env, equals: a}}",
                        "test.yaml:1:24: unknown operator 'equals' for header (expected one of: name, is, in, matches, exists)"),
                arguments("{header: {name: X-Env, matches: '(?>prod|staging)'}}",
                        "test.yaml:1:33: header.matches: RE2 syntax: linear-time matching; atomic groups (?>...) are"
                                + " not supported; RE2 never backtracks, so write (?:...) (at index 0)"));
    }
}
