package io.portcullis.policy.values;

import com.google.re2j.Pattern;
import io.portcullis.config.regex.LinearRegex;
import io.portcullis.config.yaml.Node;
import io.portcullis.policy.compile.InvalidRule;
import io.portcullis.policy.compile.RuleNodes;

/**
 * Compiles a policy regex once with {@link LinearRegex} (RE2/J: time linear in the value whatever
 * the pattern, so nested repetitions like {@code (a|b)+} are safe), refusing at the pattern's
 * position what RE2 does not support or would read differently from java.util.regex. What is
 * compiled is matched against the whole value, only for values up to {@link #MAX_INPUT} characters.
 */
public final class SafeRegex {

    /**
     * Longer values are not matched at all (UNKNOWN): linear time is still time per character, and no
     * claim, header or path a rule should trust is this long.
     */
    public static final int MAX_INPUT = 2048;

    private SafeRegex() {
    }

    public static Pattern compile(Node node, String what) {
        String regex = RuleNodes.string(node, what);
        try {
            return LinearRegex.compile(regex);
        } catch (IllegalArgumentException e) {
            throw new InvalidRule(node.position(), what + ": " + e.getMessage());
        }
    }
}
