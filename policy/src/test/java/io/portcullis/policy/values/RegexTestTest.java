package io.portcullis.policy.values;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.re2j.Pattern;
import io.portcullis.policy.Tri;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegexTestTest {

    @Test
    void matchesTheWholeValue() {
        RegexTest test = new RegexTest(Pattern.compile("(?i)ADMIN-[0-9]+"));
        assertEquals(Tri.TRUE, test.test("admin-42"));
        assertEquals(Tri.FALSE, test.test("admin-42x"));
        assertEquals(Tri.FALSE, test.test("xadmin-42"));
        assertEquals(Tri.UNKNOWN, test.test(42));
        assertEquals(Tri.UNKNOWN, test.test(List.of("admin-42")));
    }

    @Test
    void answersDefinitelyWhereABacktrackingEngineRunsAway() {
        // polynomial (a*a*a*a*a*b) and exponential ((a|aa)+) for java.util.regex; linear for RE2
        RegexTest polynomial = new RegexTest(Pattern.compile("(.*,){0,1}.*.*.*.*x"));
        assertEquals(Tri.FALSE, polynomial.test(",".repeat(SafeRegex.MAX_INPUT)));
        assertEquals(Tri.TRUE, polynomial.test("a,bx"));
        RegexTest nested = new RegexTest(Pattern.compile("(a|aa)+"));
        assertEquals(Tri.FALSE, nested.test("a".repeat(SafeRegex.MAX_INPUT - 1) + "b"));
        assertEquals(Tri.TRUE, nested.test("a".repeat(SafeRegex.MAX_INPUT)));
    }

    @Test
    void valuesLongerThanTheBoundAreNotMatched() {
        RegexTest any = new RegexTest(Pattern.compile(".*"));
        assertEquals(Tri.TRUE, any.test("a".repeat(SafeRegex.MAX_INPUT)));
        assertEquals(Tri.UNKNOWN, any.test("a".repeat(SafeRegex.MAX_INPUT + 1)));
    }
}
