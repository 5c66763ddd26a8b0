package io.portcullis.identity.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

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

    @Test
    void paddingStartsAtTheTrailingEqualsSigns() {
        assertEquals(3, Token68.paddingStart("abc==", 0, 5));
        assertEquals(5, Token68.paddingStart("abc=d", 0, 5));
        assertEquals(1, Token68.paddingStart("x===", 1, 4), "never before the range");
        assertEquals(2, Token68.paddingStart("xyab", 2, 2));
    }
}
