package io.portcullis.proxy.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BearerTokenTest {

    @ParameterizedTest
    @ValueSource(strings = {"Bearer abc.DEF-09_~+/", "bearer abc==", "BEARER  a.b.c ", "Bearer a"})
    void token68IsAccepted(String header) {
        BearerToken.Extraction e = BearerToken.extract(List.of(header));
        assertEquals(header.substring(7).trim(), e.token());
        assertNull(e.problem());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer a=b", "Bearer a b", "Bearer a!b", "Bearer café", "Bearer a\u0100b",
        "Bearer a\u007fb", "Bearer a\"b"})
    void anythingElseIsMalformedAndNoTokenIsReturned(String header) {
        BearerToken.Extraction e = BearerToken.extract(List.of(header));
        assertNull(e.token());
        assertFalse(e.present());
        assertEquals("token-malformed", e.problem());
    }

    @Test
    void schemeAndHeaderCountAreChecked() {
        assertEquals("credentials-unsupported-scheme", BearerToken.extract(List.of("Basic YTpi")).problem());
        assertEquals("multiple-authorization-headers",
                BearerToken.extract(List.of("Bearer a", "Bearer b")).problem());
        assertFalse(BearerToken.extract(List.of()).present());
        assertNull(BearerToken.extract(List.of()).problem());
    }
}
