package io.portcullis.policy.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HintsTest {

    private static final List<String> KNOWN = List.of("groups", "device", "source_ip");

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("group", " (did you mean 'groups'?)"),
                arguments("devcie", " (did you mean 'device'?)"),
                arguments("source-ip", " (did you mean 'source_ip'?)"),
                arguments("roles", " (expected one of: groups, device, source_ip)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void suggestsTheClosestKnownWordOrListsThemAll(String typed, String hint) {
        assertEquals(hint, Hints.suggest(typed, KNOWN));
    }

    static Stream<Arguments> shortWords() {
        return Stream.of(
                arguments("iss", " (did you mean 'is'?)"),
                arguments("has", " (expected one of: is, in)"),
                arguments("on", " (did you mean 'in'?)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shortWords")
    void allowsOnlyOneEditInShortWords(String typed, String hint) {
        assertEquals(hint, Hints.suggest(typed, List.of("is", "in")));
    }
}
