package io.portcullis.policy.values;

import com.google.re2j.Pattern;
import io.portcullis.policy.Tri;

/**
 * {@code matches: <regex>}: a string matched whole against a pattern compiled by {@link SafeRegex}
 * (RE2/J, linear in the value). Non-strings and strings longer than {@link SafeRegex#MAX_INPUT} are
 * UNKNOWN; every other value gets a definite answer.
 */
public final class RegexTest implements ValueTest {

    private final Pattern pattern;

    public RegexTest(Pattern pattern) {
        this.pattern = pattern;
    }

    @Override
    public Tri test(Object fact) {
        if (!(fact instanceof String s) || s.length() > SafeRegex.MAX_INPUT) {
            return Tri.UNKNOWN;
        }
        return Tri.of(pattern.matches(s));
    }
}
