package io.portcullis.config.regex;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * Compiles an operator's pattern for RE2/J, which matches in time linear in the input by
 * construction (no backtracking), so neither a nested repetition like {@code (a|b)+} nor a crafted
 * value can make a match run away. What RE2 does not support, or what java.util.regex (the dialect
 * these patterns were written for until 0.1) read differently, is an error naming the construct.
 */
public final class LinearRegex {

    /** Starts every refusal: the reason patterns are RE2's dialect, then what to change. */
    static final String DIALECT = "RE2 syntax: linear-time matching; ";

    private LinearRegex() {
    }

    /**
     * The compiled pattern; match a whole value with {@code matches(String)}.
     *
     * @throws IllegalArgumentException with a message for the operator when the pattern is refused
     */
    public static Pattern compile(String regex) {
        String javaOnly = JavaOnlySyntax.find(regex);
        if (javaOnly != null) {
            throw new IllegalArgumentException(DIALECT + javaOnly);
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(DIALECT + "invalid regular expression: " + e.getDescription()
                    + ": `" + e.getPattern() + "`");
        }
    }
}
