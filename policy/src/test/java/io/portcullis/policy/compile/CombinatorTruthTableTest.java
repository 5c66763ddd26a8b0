package io.portcullis.policy.compile;

import static io.portcullis.policy.Tri.FALSE;
import static io.portcullis.policy.Tri.TRUE;
import static io.portcullis.policy.Tri.UNKNOWN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.portcullis.policy.Tri;
import io.portcullis.policy.testing.Facts;
import io.portcullis.policy.testing.PolicyYaml;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kleene truth tables of and/or/nor/not as compiled from YAML, driven by two real criteria: claim
 * {@code a} (or {@code b}) is true → TRUE, false → FALSE, absent → UNKNOWN.
 */
class CombinatorTruthTableTest {

    private static final String A = "{claim: {name: a, is: true}}";
    private static final String B = "{claim: {name: b, is: true}}";

    static Stream<Arguments> binary() {
        // combinator, a, b, expected — written out, not computed, so the table checks Tri too.
        return Stream.of(
                arguments("and", TRUE, TRUE, TRUE), arguments("and", TRUE, FALSE, FALSE),
                arguments("and", TRUE, UNKNOWN, UNKNOWN), arguments("and", FALSE, TRUE, FALSE),
                arguments("and", FALSE, FALSE, FALSE), arguments("and", FALSE, UNKNOWN, FALSE),
                arguments("and", UNKNOWN, TRUE, UNKNOWN), arguments("and", UNKNOWN, FALSE, FALSE),
                arguments("and", UNKNOWN, UNKNOWN, UNKNOWN),
                arguments("or", TRUE, TRUE, TRUE), arguments("or", TRUE, FALSE, TRUE),
                arguments("or", TRUE, UNKNOWN, TRUE), arguments("or", FALSE, TRUE, TRUE),
                arguments("or", FALSE, FALSE, FALSE), arguments("or", FALSE, UNKNOWN, UNKNOWN),
                arguments("or", UNKNOWN, TRUE, TRUE), arguments("or", UNKNOWN, FALSE, UNKNOWN),
                arguments("or", UNKNOWN, UNKNOWN, UNKNOWN),
                arguments("nor", TRUE, TRUE, FALSE), arguments("nor", TRUE, FALSE, FALSE),
                arguments("nor", TRUE, UNKNOWN, FALSE), arguments("nor", FALSE, TRUE, FALSE),
                arguments("nor", FALSE, FALSE, TRUE), arguments("nor", FALSE, UNKNOWN, UNKNOWN),
                arguments("nor", UNKNOWN, TRUE, FALSE), arguments("nor", UNKNOWN, FALSE, UNKNOWN),
                arguments("nor", UNKNOWN, UNKNOWN, UNKNOWN),
                // not with a list means not(and)
                arguments("not", TRUE, TRUE, FALSE), arguments("not", TRUE, FALSE, TRUE),
                arguments("not", TRUE, UNKNOWN, UNKNOWN), arguments("not", FALSE, UNKNOWN, TRUE),
                arguments("not", UNKNOWN, UNKNOWN, UNKNOWN));
    }

    @ParameterizedTest(name = "{0}({1}, {2}) = {3}")
    @MethodSource("binary")
    void combinesTwoConditions(String combinator, Tri a, Tri b, Tri expected) {
        String rule = "{" + combinator + ": [" + A + ", " + B + "]}";
        assertEquals(expected, PolicyYaml.rule(rule).evaluate(facts(a, b)));
    }

    static Stream<Arguments> andRows() {
        return binary().filter(row -> row.get()[0].equals("and"));
    }

    @ParameterizedTest(name = "map of two keys: {1} and {2} = {3}")
    @MethodSource("andRows")
    void severalKeysInOneMapAreAnded(String and, Tri a, Tri b, Tri expected) {
        // one map cannot name 'claim' twice; not(b is false) has b's value in all three cases
        String rule = "{claim: {name: a, is: true}, not: {claim: {name: b, is: false}}}";
        assertEquals(expected, PolicyYaml.rule(rule).evaluate(facts(a, b)));
    }

    static Stream<Arguments> unary() {
        return Stream.of(arguments(TRUE, FALSE), arguments(FALSE, TRUE), arguments(UNKNOWN, UNKNOWN));
    }

    @ParameterizedTest(name = "not({0}) = {1}")
    @MethodSource("unary")
    void negatesOneCondition(Tri a, Tri expected) {
        assertEquals(expected, PolicyYaml.rule("{not: " + A + "}").evaluate(facts(a, UNKNOWN)));
    }

    static Stream<Arguments> reasons() {
        String groups = "{groups: {has: g}}";
        String device = "{device: {compliant: true}}";
        String and = "{and: [" + groups + ", " + device + "]}";
        String or = "{or: [" + groups + ", " + device + "]}";
        Facts inGroupCompliant = Facts.user("groups", "g").device("compliant", true);
        Facts inGroupNoDevice = Facts.user("groups", "g");
        Facts outsiderNotCompliant = Facts.user("groups", "x").device("compliant", false);
        Facts outsiderNoDevice = Facts.user("groups", "x");
        return Stream.of(
                arguments(and, inGroupCompliant, List.of("groups-authorized", "device-ok")),
                arguments(and, inGroupNoDevice, List.of("device-posture-missing")),
                arguments(and, outsiderNotCompliant, List.of("groups-unauthorized", "device-not-compliant")),
                arguments(and, outsiderNoDevice, List.of("groups-unauthorized")),
                arguments(or, inGroupNoDevice, List.of("groups-authorized")),
                arguments(or, outsiderNotCompliant, List.of("groups-unauthorized", "device-not-compliant")),
                arguments(or, outsiderNoDevice, List.of("device-posture-missing")),
                arguments("{not: " + groups + "}", outsiderNoDevice, List.of("groups-authorized")),
                arguments("{nor: [" + groups + ", " + device + "]}", inGroupNoDevice, List.of("groups-unauthorized")));
    }

    @ParameterizedTest(name = "{0} on {1} explains {2}")
    @MethodSource("reasons")
    void reportsTheChildrenThatDecided(String rule, Facts facts, List<String> expected) {
        var condition = PolicyYaml.rule(rule);
        var input = facts.input();
        List<String> reasons = new ArrayList<>();
        condition.explain(input, condition.evaluate(input) != TRUE, reasons);
        assertEquals(expected, reasons);
    }

    private static io.portcullis.policy.PolicyInput facts(Tri a, Tri b) {
        List<Object> claims = new ArrayList<>(List.of("sub", "alice"));
        if (a != UNKNOWN) {
            claims.addAll(List.of("a", a == TRUE));
        }
        if (b != UNKNOWN) {
            claims.addAll(List.of("b", b == TRUE));
        }
        return Facts.user(claims.toArray()).input();
    }
}
