package io.portcullis.policy.values;

import io.portcullis.policy.Tri;
import java.util.regex.Pattern;

/**
 * {@code matches: <regex>}: a string matched whole against a pattern vetted by {@link SafeRegex}.
 * Non-strings, strings longer than {@link SafeRegex#MAX_INPUT}, and matches that would read more
 * than {@link SafeRegex#MAX_STEPS} characters are UNKNOWN: the engine never runs unbounded.
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
        try {
            return Tri.of(pattern.matcher(new BudgetedChars(s, SafeRegex.MAX_STEPS)).matches());
        } catch (BudgetedChars.Exhausted e) {
            return Tri.UNKNOWN;
        }
    }
}
