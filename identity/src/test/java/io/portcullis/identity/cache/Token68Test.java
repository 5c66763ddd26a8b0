package io.portcullis.identity.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Token68Test {

    /** RFC 7235 §2.1: token68 = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=". */
    private static boolean bodyCharPerRfc(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-._~+/".indexOf(c) >= 0;
    }

    @Test
    void notBodyIsZeroExactlyForTheRfcsCharactersAcrossAllOfUtf16() {
        List<Integer> wrong = new ArrayList<>();
        int accepted = 0;
        for (int i = 0; i <= Character.MAX_VALUE; i++) {
            char c = (char) i;
            boolean body = Token68.notBody(c) == 0;
            if (body != bodyCharPerRfc(c)) {
                wrong.add(i);
            }
            accepted += body ? 1 : 0;
        }
        assertEquals(List.of(), wrong);
        assertEquals(26 + 26 + 10 + 6, accepted);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "a=", "a==", "===", "", "abc.DEF-09_~+/", "A.b.C"})
    void token68Matches(String s) {
        assertTrue(Token68.matches(s));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=b", "=a", "a b", "a!b", "café", "a\u0100b", "a\u0141b", "a\u007fb", "a\"b", "a\u0000",
        "ab=\t", "x\uD83D\uDE00y", "a,b", "a%b", "a:b"})
    void anythingElseDoesNot(String s) {
        assertFalse(Token68.matches(s));
    }

    @Test
    void onlyTheGivenRangeIsChecked() {
        assertTrue(Token68.matches("Bearer abc==  ", 7, 12));
        assertFalse(Token68.matches("Bearer abc==  ", 6, 12));
        assertTrue(Token68.matches("x===", 1, 4), "padding only");
    }
}
