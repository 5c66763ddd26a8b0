package io.portcullis.config.regex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * java.util.regex constructs (every one loaded as a {@code path_regex} until RE2, and as a
 * {@code matches} when SafeRegex let it through) that RE2 lacks or would read differently: each is
 * refused with the construct named, never loaded with another meaning. Then the differences left,
 * where both engines load a pattern and answer differently, pinned here and listed in docs/policy.md.
 */
class LinearRegexTest {

    private static final String LOOKAHEAD = "lookahead (?= and (?! is not supported; express the condition as a"
            + " separate rule";
    private static final String LOOKBEHIND = "lookbehind (?<= and (?<! is not supported; express the condition as"
            + " a separate rule";
    private static final String POSSESSIVE = "possessive quantifiers (a++, a*+, a?+, a{2}+) are not supported;"
            + " RE2 never backtracks, so drop the last +";
    private static final String BACKREFERENCE = "backreferences (\\1, \\k<name>) are not supported: no linear-time"
            + " engine can match them";
    private static final String VERTICAL = "\\v is not supported: java.util.regex reads it as any vertical"
            + " whitespace, RE2 as the vertical tab alone; write [\\n\\x0B\\f\\r] or \\x0B";
    private static final String NESTED_CLASS = "a [ inside a character class is not supported: java.util.regex"
            + " reads it as a nested class, RE2 as a POSIX class ([:alpha:]) or a literal; write \\[ or list the"
            + " members";
    private static final String INVALID = "invalid regular expression: ";

    static Stream<Arguments> javaOnly() {
        return Stream.of(
                arguments("/(?!admin).*", LOOKAHEAD + " (at index 1)"),
                arguments("(?=a)b", LOOKAHEAD + " (at index 0)"),
                arguments("x(?<=a)b", LOOKBEHIND + " (at index 1)"),
                arguments("(?<!a)b", LOOKBEHIND + " (at index 0)"),
                arguments("(?>ab|a)b", "atomic groups (?>...) are not supported; RE2 never backtracks, so write"
                        + " (?:...) (at index 0)"),
                arguments("a*+b", POSSESSIVE + " (at index 1)"),
                arguments("a?+", POSSESSIVE + " (at index 1)"),
                arguments("[0-9]{2,4}+", POSSESSIVE + " (at index 5)"),
                arguments("(a)\\1", BACKREFERENCE + " (at index 3)"),
                arguments("(a)\\12", BACKREFERENCE + " (at index 3)"),
                arguments("\\0101", "octal escapes (\\0nn) are not supported: RE2 reads \\0377 as \\037 then 7;"
                        + " write \\x{ff} (at index 0)"),
                arguments("a\\vb", VERTICAL + " (at index 1)"),
                arguments("[\\v]", VERTICAL + " (at index 0)"),
                arguments("caf\\u00e9", "\\uhhhh escapes are not supported; write \\x{hhhh} (at index 3)"),
                arguments("/app\\Z", "\\Z is not supported; the whole value is matched, so drop it (or write \\z)"
                        + " (at index 4)"),
                arguments("a\\hb", "\\h is not supported; list the characters, e.g. [ \\t] (at index 1)"),
                arguments("[a-z[^e]]", NESTED_CLASS + " (at index 0)"),
                arguments("[[:alpha:]]+", NESTED_CLASS + " (at index 0)"),
                arguments("x[a[bc]]", NESTED_CLASS + " (at index 1)"),
                arguments("[a-z&&aeiou]", "class intersection (&&) is not supported: RE2 reads it as two '&';"
                        + " list the members instead (e.g. [a-df-z] for [a-z&&[^e]]) (at index 0)"),
                arguments("[\\Q]\\E]", "\\Q...\\E inside a character class is not supported; escape each"
                        + " character (at index 0)"),
                arguments("(?U)\\w+", "the flag U is not supported: java.util.regex reads it as Unicode classes,"
                        + " RE2 as ungreedy; write \\p{L} or \\p{N} for Unicode letters or digits (at index 0)"),
                arguments("(?x)a b", "the flag x is not supported (RE2 knows i, m and s) (at index 0)"),
                arguments("(?iu:é)", "the flag u is not supported (RE2 knows i, m and s) (at index 0)"),
                arguments("\\p{Alpha}+", INVALID + "invalid character class range: `\\p{Alpha}`"),
                arguments("\\p{IsLatin}", INVALID + "invalid character class range: `\\p{IsLatin}`"),
                arguments("a\\Rb", INVALID + "invalid escape sequence: `\\R`"),
                arguments("a{1001}", INVALID + "invalid repeat count: `{1001}`"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("javaOnly")
    void refusesWhatOnlyJavaRegexReadsAndNamesIt(String regex, String message) {
        java.util.regex.Pattern.compile(regex); // loaded as a path_regex before RE2: the change is visible here
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LinearRegex.compile(regex));
        assertEquals("RE2 syntax: linear-time matching; " + message, e.getMessage());
    }

    static Stream<Arguments> sameMeaning() {
        return Stream.of(
                arguments("\\\\Q\\\\E", "\\Q\\E"),
                arguments("a[\\[\\]]", "a["),
                arguments("[]a]+", "]a]"),
                arguments("[^]a]", "b"),
                arguments("(?<n>a)|(?<m>b)", "b"),
                arguments("\\x{e9}\\x41", "éA"),
                arguments("a{2}b{1,}c{0,2}", "aabc"),
                arguments("a\\{2}", "a{2}"),
                arguments("(?i:ADMIN)-(?-i:x)", "admin-x"),
                arguments("(?s).+", "a\nb"),
                arguments("[a\\-z]+", "-az"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sameMeaning")
    void acceptsWhatBothEnginesReadAlike(String regex, String value) {
        assertEquals(true, java.util.regex.Pattern.compile(regex).matcher(value).matches());
        assertEquals(true, LinearRegex.compile(regex).matches(value));
    }

    static Stream<Arguments> knownDifferences() {
        return Stream.of(
                // . stops only at \n in RE2; java.util.regex also stops at \r, U+0085, U+2028, U+2029
                arguments(".+", "a\rb", false, true),
                arguments(".+", "a\u2028b", false, true),
                // \s: RE2 leaves out the vertical tab U+000B
                arguments("\\s", "\u000b", true, false),
                arguments("\\S", "\u000b", false, true),
                // (?i) folds all of Unicode in RE2, only ASCII in java.util.regex
                arguments("(?i)café", "CAFÉ", false, true),
                arguments("(?i)admins", "ADMINſ", false, true),
                arguments("(?i)[a-z]+", "\u212a", false, true),
                // $ is the very end in RE2; java.util.regex also allows one line terminator after it
                arguments("a$\n", "a\n", true, false));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("knownDifferences")
    void differsOnlyWhereDocumented(String regex, String value, boolean before, boolean now) {
        assertEquals(before, java.util.regex.Pattern.compile(regex).matcher(value).matches());
        assertEquals(now, LinearRegex.compile(regex).matches(value));
    }
}
