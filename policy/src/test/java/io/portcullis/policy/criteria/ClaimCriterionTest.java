package io.portcullis.policy.criteria;

import static io.portcullis.policy.Tri.FALSE;
import static io.portcullis.policy.Tri.TRUE;
import static io.portcullis.policy.Tri.UNKNOWN;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.portcullis.policy.testing.CriterionTable;
import io.portcullis.policy.testing.Facts;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

class ClaimCriterionTest extends CriterionTable {

    private static final List<String> OK = List.of("claim-ok");
    private static final List<String> NO = List.of("claim-unauthorized");

    static Stream<Arguments> cases() {
        String dept = "{claim: {name: dept, is: eng}}";
        String verified = "{claim: {name: email_verified, is: true}}";
        String level = "{claim: {name: level, is: 3}}";
        String roles = "{claim: {name: roles, has: editor}}";
        String tenant = "{claim: {name: tenant, exists: true}}";
        String noTenant = "{claim: {name: tenant, exists: false}}";
        String nested = "{claim: {name: realm_access.roles, has: admin}}";
        String range = "{claim: {name: level, gt: 1, lt: 5}}";
        String corp = "{claim: {name: email, matches: '[a-z]+@corp\\.com'}}";
        return Stream.of(
                arguments(dept, Facts.user("dept", "eng"), TRUE, OK),
                arguments(dept, Facts.user("dept", "ops"), FALSE, NO),
                arguments(dept, Facts.anonymous(), UNKNOWN, NO),
                arguments(dept, Facts.user("sub", "alice"), UNKNOWN, NO),
                arguments(dept, Facts.user("dept", 5), UNKNOWN, NO),
                arguments(verified, Facts.user("email_verified", true), TRUE, OK),
                arguments(verified, Facts.user("email_verified", false), FALSE, NO),
                arguments(verified, Facts.user("email_verified", "true"), UNKNOWN, NO),
                arguments("{claim: {name: email_verified, is: \"true\"}}", Facts.user("email_verified", true), UNKNOWN, NO),
                arguments(level, Facts.user("level", 3L), TRUE, OK),
                arguments(level, Facts.user("level", 3), TRUE, OK),
                arguments(level, Facts.user("level", 3.0), TRUE, OK),
                arguments(level, Facts.user("level", 4), FALSE, NO),
                arguments(level, Facts.user("level", "3"), UNKNOWN, NO),
                arguments("{claim: {name: dept, in: [eng, ops]}}", Facts.user("dept", "ops"), TRUE, OK),
                arguments("{claim: {name: dept, in: [eng, ops]}}", Facts.user("dept", "hr"), FALSE, NO),
                arguments(roles, Facts.user("roles", List.of("viewer", "editor")), TRUE, OK),
                arguments(roles, Facts.user("roles", "editor"), TRUE, OK),
                arguments(roles, Facts.user("roles", List.of("viewer")), FALSE, NO),
                arguments("{claim: {name: roles, has_all: [a, b]}}", Facts.user("roles", List.of("b", "a")), TRUE, OK),
                arguments("{claim: {name: roles, has_any: [a, b]}}", Facts.user("roles", List.of("c")), FALSE, NO),
                arguments(tenant, Facts.user("tenant", "t1"), TRUE, OK),
                arguments(tenant, Facts.user("sub", "alice"), FALSE, NO),
                arguments(tenant, Facts.anonymous(), UNKNOWN, NO),
                arguments(noTenant, Facts.user("sub", "alice"), TRUE, OK),
                arguments(noTenant, Facts.user("tenant", "t1"), FALSE, NO),
                arguments(nested, Facts.user("realm_access", Map.of("roles", List.of("admin"))), TRUE, OK),
                arguments(nested, Facts.user("realm_access", Map.of("roles", List.of("user"))), FALSE, NO),
                arguments(nested, Facts.user("realm_access", Map.of("other", 1)), UNKNOWN, NO),
                arguments(nested, Facts.user("realm_access", "admin"), UNKNOWN, NO),
                arguments(nested, Facts.user("realm_access.roles", List.of("admin")), TRUE, OK),
                arguments("{claim: {name: level, gte: 3}}", Facts.user("level", 5), TRUE, OK),
                arguments("{claim: {name: level, gte: 3}}", Facts.user("level", 2.5), FALSE, NO),
                arguments("{claim: {name: level, gte: 3}}", Facts.user("level", true), UNKNOWN, NO),
                arguments(range, Facts.user("level", 3), TRUE, OK),
                arguments(range, Facts.user("level", 5), FALSE, NO),
                arguments(range, Facts.user("level", 1), FALSE, NO),
                arguments(corp, Facts.user("email", "alice@corp.com"), TRUE, OK),
                arguments(corp, Facts.user("email", "alice@corp.com.evil.io"), FALSE, NO),
                arguments(corp, Facts.user("email", "Alice@corp.com"), FALSE, NO),
                arguments(corp, Facts.user("email", 42), UNKNOWN, NO),
                arguments("{claim: {name: x, matches: 'a+'}}", Facts.user("x", "a".repeat(2048)), TRUE, OK),
                arguments("{claim: {name: x, matches: 'a+'}}", Facts.user("x", "a".repeat(2049)), UNKNOWN, NO),
                // RE2 is linear: the patterns that backtrack in java.util.regex get a definite answer
                arguments("{claim: {name: x, matches: 'a*a*a*a*a*a*b'}}", Facts.user("x", "a".repeat(2000)), FALSE, NO),
                arguments("{claim: {name: x, matches: 'a*a*a*a*a*a*b'}}", Facts.user("x", "a".repeat(2000) + "b"), TRUE, OK),
                arguments("{claim: {name: x, matches: '(a|aa)+$'}}", Facts.user("x", "a".repeat(2047) + "!"), FALSE, NO),
                arguments("{claim: {name: x, matches: '(a|aa)+$'}}", Facts.user("x", "a".repeat(2048)), TRUE, OK),
                arguments("{claim: {name: x, matches: 'a*a*a*a*a*a*b'}}", Facts.user("x", "aaab"), TRUE, OK));
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                arguments("{claim: {is: x}}", "test.yaml:1:9: claim: 'name' is required"),
                arguments("{claim: {name: x}}", "test.yaml:1:9: claim: an operator is required besides 'name'"
                        + " (one of: is, in, has, has_any, has_all, lt, lte, gt, gte, eq, matches, exists)"),
                arguments("{claim: {name: x, exists: true, is: y}}",
                        "test.yaml:1:19: claim: 'exists' cannot be combined with other operators"),
                arguments("{claim: {name: x, iss: y}}",
                        "test.yaml:1:19: unknown operator 'iss' for claim (did you mean 'is'?)"),
                arguments("{claim: {name: a..b, is: y}}", "test.yaml:1:16: claim.name: 'a..b' has an empty path segment"),
                arguments("{claim: {name: x, gt: abc}}",
                        "test.yaml:1:23: claim.gt: expected a number or a dotted version like 14.2, got 'abc'"),
                arguments("{claim: {name: x, exists: maybe}}", "test.yaml:1:27: claim.exists: expected true or false,"
                        + " got a scalar"),
                arguments("{claim: [x]}", "test.yaml:1:9: claim: expected a map, got a list"),
                arguments("{claim: {name: x, matches: '(?<!test-)user'}}", "test.yaml:1:28: claim.matches: RE2"
                        + " syntax: linear-time matching; lookbehind (?<= and (?<! is not supported; express the"
                        + " condition as a separate rule (at index 0)"),
                arguments("{claim: {name: x, matches: '[a-'}}", "test.yaml:1:28: claim.matches: RE2 syntax:"
                        + " linear-time matching; invalid regular expression: missing closing ]: `[a-`"));
    }
}
