package io.portcullis.policy.values;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.portcullis.policy.Tri;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RegexTestTest {

    @Test
    void matchesTheWholeValueThroughTheBudgetedView() {
        RegexTest test = new RegexTest(Pattern.compile("(?i)ADMIN-[0-9]+"));
        assertEquals(Tri.TRUE, test.test("admin-42"));
        assertEquals(Tri.FALSE, test.test("admin-42x"));
        assertEquals(Tri.FALSE, test.test("xadmin-42"));
        assertEquals(Tri.UNKNOWN, test.test(42));
        assertEquals(Tri.UNKNOWN, test.test(List.of("admin-42")));
    }

    @Test
    void givesUpOnPolynomialBacktrackingInsteadOfRunningUnbounded() {
        RegexTest test = new RegexTest(Pattern.compile("(.*,){0,1}.*.*.*.*x"));
        assertEquals(Tri.UNKNOWN, test.test(",".repeat(SafeRegex.MAX_INPUT)));
        assertEquals(Tri.TRUE, test.test("a,bx"));
    }

    @Test
    void aSpentBudgetDoesNotLeakIntoTheNextMatch() {
        RegexTest test = new RegexTest(Pattern.compile("a*a*a*a*a*b"));
        assertEquals(Tri.UNKNOWN, test.test("a".repeat(2000)));
        assertEquals(Tri.TRUE, test.test("aab"));
    }
}
