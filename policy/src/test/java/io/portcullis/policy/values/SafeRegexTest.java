package io.portcullis.policy.values;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafeRegexTest {

    private static final String NESTED = "a repeated group containing a quantifier or an alternation (like (a+)+ or"
            + " (a|b)*) can take exponential time; rewrite it without nesting";

    @ParameterizedTest
    @ValueSource(strings = {"[a-z]+@corp\\.com", "(?:ab)+", "(?i)admin", "^(foo|bar)$", "(a)+", "(a+)?",
            "x{2}", "(ab){3}", "(a+){1}", "[(a+)]+", "\\(a+\\)+", "\\Q(a+)+\\E", "\\p{L}+", "(?<name>ab)+",
            "(?=a+)b", "a++b", "lap-[0-9]{4}", "(a+){0,1}"})
    void acceptsPatternsWithoutNestedRepetition(String regex) {
        assertNull(SafeRegex.riskyShape(regex));
    }

    @ParameterizedTest
    @ValueSource(strings = {"(a+)+", "(a*)*", "(a|aa)+", "((ab)+c)*", "(\\d+)+", "([a-z]+)*", "(a|b)*", "(?:a+)+",
            "(a+){2,}", "(a+){1,3}", "(.*a){10}", "(x+x+)+y", "^(([a-z])+.)+[A-Z]([a-z])+$", "(a+)++", "(\\p{L}+)*"})
    void rejectsRepeatedGroupsThatContainRepetitionOrAlternation(String regex) {
        assertEquals(NESTED, SafeRegex.riskyShape(regex));
    }

    @ParameterizedTest
    @ValueSource(strings = {"(a)\\1", "(?<x>a)\\k<x>"})
    void rejectsBackreferences(String regex) {
        assertEquals("backreferences are not supported", SafeRegex.riskyShape(regex));
    }
}
