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

class GroupsCriterionTest extends CriterionTable {

    private static final String HAS_ADMINS = "{groups: {has: admins}}";
    private static final List<String> OK = List.of("groups-authorized");
    private static final List<String> NO = List.of("groups-unauthorized");

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments(HAS_ADMINS, Facts.user("groups", List.of("dev", "admins")), TRUE, OK),
                arguments(HAS_ADMINS, Facts.user("groups", "admins"), TRUE, OK),
                arguments(HAS_ADMINS, Facts.user("groups", List.of("dev")), FALSE, NO),
                arguments(HAS_ADMINS, Facts.user("groups", "administrators"), FALSE, NO),
                arguments(HAS_ADMINS, Facts.user("groups", List.of("Admins")), FALSE, NO),
                arguments(HAS_ADMINS, Facts.user("groups", List.of()), FALSE, NO),
                arguments(HAS_ADMINS, Facts.anonymous(), UNKNOWN, NO),
                arguments(HAS_ADMINS, Facts.user("email", "a@corp.com"), UNKNOWN, NO),
                arguments(HAS_ADMINS, Facts.user("groups", 42), UNKNOWN, NO),
                arguments(HAS_ADMINS, Facts.user("groups", List.of("dev", 42)), UNKNOWN, NO),
                arguments(HAS_ADMINS, Facts.user("groups", List.of(42, "admins")), TRUE, OK),
                arguments("{groups: {has: 2024}}", Facts.user("groups", List.of("2024")), TRUE, OK),
                arguments("{groups: {has_any: [a, b]}}", Facts.user("groups", List.of("x", "b")), TRUE, OK),
                arguments("{groups: {has_any: [a, b]}}", Facts.user("groups", List.of("x")), FALSE, NO),
                arguments("{groups: {has_all: [a, b]}}", Facts.user("groups", List.of("b", "c", "a")), TRUE, OK),
                arguments("{groups: {has_all: [a, b]}}", Facts.user("groups", List.of("a")), FALSE, NO),
                arguments("{groups: {has_all: [a, b]}}", Facts.user("groups", List.of("a", 1)), UNKNOWN, NO));
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                arguments("{groups: admins}", "test.yaml:1:10: groups: expected a map, got a scalar"),
                arguments("{groups: {hass: admins}}",
                        "test.yaml:1:11: unknown operator 'hass' for groups (did you mean 'has'?)"),
                arguments("{groups: {contains: admins}}", "test.yaml:1:11: unknown operator 'contains' for groups"
                        + " (expected one of: has, has_any, has_all)"),
                arguments("{groups: {has_any: []}}", "test.yaml:1:20: groups.has_any: the list must not be empty"),
                arguments("{groups: {has: [a]}}", "test.yaml:1:16: groups.has: expected a value, got a list"),
                arguments("{groups: {has: a, has_all: [b]}}",
                        "test.yaml:1:10: groups: expected exactly one of: has, has_any, has_all"));
    }
}
