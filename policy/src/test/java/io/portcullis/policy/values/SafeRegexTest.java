package io.portcullis.policy.values;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.google.re2j.Pattern;
import io.portcullis.config.yaml.Node;
import io.portcullis.config.yaml.YamlNodes;
import io.portcullis.policy.compile.InvalidRule;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every pattern the java.util.regex SafeRegex was tested with (0.1's engine, with its nesting check
 * and step budget), beside what the RE2/J SafeRegex does with it. A pattern that loads must mean what
 * java.util.regex made of it: both engines are run on every short string over the pattern's own
 * characters (and a few more) plus the samples given, and must agree on each.
 */
class SafeRegexTest {

    private static final String ACCEPTED = "accepted";
    private static final String NESTED = "refused: nested repetition";
    private static final String BACKREFERENCE = "refused: backreference";

    static Stream<Arguments> table() {
        return Stream.of(
                // pattern, what the java.util.regex SafeRegex did, what RE2/J does (or the construct named)
                row("[a-z]+@corp\\.com", ACCEPTED, ACCEPTED, "alice@corp.com", "Alice@corp.com"),
                row("(?:ab)+", ACCEPTED, ACCEPTED, "ababab"),
                row("(?i)admin", ACCEPTED, ACCEPTED, "ADMIN", "Admin", "admin"),
                row("^(foo|bar)$", ACCEPTED, ACCEPTED, "foo", "bar", "foobar"),
                row("(a)+", ACCEPTED, ACCEPTED),
                row("(a+)?", ACCEPTED, ACCEPTED),
                row("x{2}", ACCEPTED, ACCEPTED),
                row("(ab){3}", ACCEPTED, ACCEPTED, "ababab", "abababab"),
                row("(a+){1}", ACCEPTED, ACCEPTED),
                row("[(a+)]+", ACCEPTED, ACCEPTED),
                row("\\(a+\\)+", ACCEPTED, ACCEPTED, "(aa)", "(a))"),
                row("\\Q(a+)+\\E", ACCEPTED, ACCEPTED, "(a+)+"),
                row("\\p{L}+", ACCEPTED, ACCEPTED, "été", "ÉTÉ", "日本"),
                row("(?<name>ab)+", ACCEPTED, ACCEPTED, "abab"),
                row("(?=a+)b", ACCEPTED, "lookahead (?= and (?! is not supported"),
                row("a++b", ACCEPTED, "possessive quantifiers (a++, a*+, a?+, a{2}+) are not supported"),
                row("lap-[0-9]{4}", ACCEPTED, ACCEPTED, "lap-1234", "lap-123", "lap-12345"),
                row("(a+){0,1}", ACCEPTED, ACCEPTED),
                row("(a+)+", NESTED, ACCEPTED),
                row("(a*)*", NESTED, ACCEPTED),
                row("(a|aa)+", NESTED, ACCEPTED),
                row("((ab)+c)*", NESTED, ACCEPTED, "abcababc"),
                row("(\\d+)+", NESTED, ACCEPTED, "123", "١٢٣"),
                row("([a-z]+)*", NESTED, ACCEPTED),
                row("(a|b)*", NESTED, ACCEPTED),
                row("(?:a+)+", NESTED, ACCEPTED),
                row("(a+){2,}", NESTED, ACCEPTED),
                row("(a+){1,3}", NESTED, ACCEPTED),
                row("(.*a){10}", NESTED, ACCEPTED, "aaaaaaaaaa", "xaxaxaxaxaxaxaxaxaxa"),
                row("(x+x+)+y", NESTED, ACCEPTED, "xxy", "xxxxxy"),
                row("^(([a-z])+.)+[A-Z]([a-z])+$", NESTED, ACCEPTED, "ab.Cd", "abcXyz"),
                row("(a+)++", NESTED, "possessive quantifiers (a++, a*+, a?+, a{2}+) are not supported"),
                row("(\\p{L}+)*", NESTED, ACCEPTED, "été"),
                row("(a)\\1", BACKREFERENCE, "backreferences (\\1, \\k<name>) are not supported"),
                row("(?<x>a)\\k<x>", BACKREFERENCE, "backreferences (\\1, \\k<name>) are not supported"));
    }

    private static Arguments row(String regex, String before, String after, String... samples) {
        return arguments(regex, before, after, List.of(samples));
    }

    @ParameterizedTest(name = "{0}: {1}, now {2}")
    @MethodSource("table")
    void loadsWhatItLoadedBeforeWithTheSameMeaningOrNamesTheConstruct(String regex, String before, String after,
            List<String> samples) throws Exception {
        Node node = YamlNodes.parse("'" + regex.replace("'", "''") + "'", "policy.yaml");
        if (!after.equals(ACCEPTED)) {
            InvalidRule refused = assertThrows(InvalidRule.class, () -> SafeRegex.compile(node, "claim.matches"));
            assertEquals("policy.yaml:1:1", refused.problem().position().toString());
            assertEquals(true, refused.getMessage().startsWith("claim.matches: RE2 syntax: linear-time matching; "
                    + after), refused.getMessage());
            return;
        }
        Pattern re2 = SafeRegex.compile(node, "claim.matches");
        // refused before or not, a pattern that loads means what java.util.regex made of it (on short
        // inputs, where backtracking is harmless)
        java.util.regex.Pattern jdk = java.util.regex.Pattern.compile(regex);
        for (String value : inputs(regex, samples)) {
            assertEquals(jdk.matcher(value).matches(), re2.matches(value), () -> regex + " on '" + value + "'");
        }
    }

    /** Every string up to four characters over the pattern's characters and a few others, and the samples. */
    private static List<String> inputs(String regex, List<String> samples) {
        Set<Character> alphabet = new LinkedHashSet<>(List.of('a', 'b', 'x', '-', ' ', '\n'));
        regex.chars().filter(c -> "\\^$".indexOf(c) < 0).forEach(c -> alphabet.add((char) c));
        List<Character> chars = new ArrayList<>(alphabet).subList(0, Math.min(alphabet.size(), 14));
        List<String> inputs = new ArrayList<>(samples);
        List<String> layer = List.of("");
        for (int length = 0; length <= 4; length++) {
            inputs.addAll(layer);
            List<String> longer = new ArrayList<>();
            for (String s : layer) {
                for (char c : chars) {
                    longer.add(s + c);
                }
            }
            layer = longer;
        }
        return inputs;
    }
}
