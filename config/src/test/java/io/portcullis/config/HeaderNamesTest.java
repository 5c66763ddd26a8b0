package io.portcullis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HeaderNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"X-Forwarded-User", "X-Email", "x_groups", "X-Device-Posture"})
    void acceptsOrdinaryNames(String name) {
        assertNull(HeaderNames.whyNotSettable(name));
        assertTrue(HeaderNames.isToken(name));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Host | 'Host' is reserved and cannot be set",
            "content-length | 'content-length' is reserved and cannot be set",
            "Authorization | 'Authorization' is reserved and cannot be set",
            "COOKIE | 'COOKIE' is reserved and cannot be set",
            "Transfer-Encoding | 'Transfer-Encoding' is a hop-by-hop header and cannot be set",
            "Connection | 'Connection' is a hop-by-hop header and cannot be set",
            "Upgrade | 'Upgrade' is a hop-by-hop header and cannot be set",
            "Proxy-Authorization | 'Proxy-Authorization' is a hop-by-hop header and cannot be set",
            "'X User' | 'X User' is not a valid header name",
            "'X:User' | 'X:User' is not a valid header name",
            "'X-Ü' | 'X-Ü' is not a valid header name",
    })
    void refuses(String name, String why) {
        assertEquals(why, HeaderNames.whyNotSettable(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "a\r\nb", "(x)"})
    void tokensExcludeSeparatorsAndControls(String s) {
        assertFalse(HeaderNames.isToken(s));
    }
}
