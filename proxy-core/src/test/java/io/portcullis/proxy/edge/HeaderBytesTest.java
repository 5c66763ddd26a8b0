package io.portcullis.proxy.edge;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HeaderBytesTest {

    @Test
    void tokensAreTchars() {
        assertTrue(HeaderBytes.isToken("X-Forwarded-User"));
        assertTrue(HeaderBytes.isToken("!#$%&'*+-.^_`|~09azAZ"));
        for (String bad : new String[] {"", "X Y", "X:", "X\t", "X\u0000", "X@", "(x)", "X/Y", "caf\u00e9", "\"x\""}) {
            assertFalse(HeaderBytes.isToken(bad), bad);
        }
    }

    @Test
    void valuesRefuseControlBytesButHtab() {
        assertTrue(HeaderBytes.isFieldValue(""));
        assertTrue(HeaderBytes.isFieldValue("a\tb c \u00e9\u00ff"));
        for (char c = 0; c < 0x20; c++) {
            if (c != '\t') {
                assertFalse(HeaderBytes.isFieldValue("a" + c + "b"), "control " + (int) c);
            }
        }
        assertFalse(HeaderBytes.isFieldValue("a\u007f"));
        assertFalse(HeaderBytes.isFieldValue("a\u0100"));
    }
}
