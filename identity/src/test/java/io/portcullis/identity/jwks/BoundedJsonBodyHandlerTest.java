package io.portcullis.identity.jwks;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BoundedJsonBodyHandlerTest {

    @Test
    void jsonMediaTypesAreRecognisedWithParameters() {
        assertTrue(BoundedJsonBodyHandler.isJson("application/json"));
        assertTrue(BoundedJsonBodyHandler.isJson("Application/JSON; charset=utf-8"));
        assertTrue(BoundedJsonBodyHandler.isJson("application/jwk-set+json"));
    }

    @Test
    void otherMediaTypesAreNot() {
        assertFalse(BoundedJsonBodyHandler.isJson("text/html"));
        assertFalse(BoundedJsonBodyHandler.isJson("text/plain; a=application/json"));
        assertFalse(BoundedJsonBodyHandler.isJson(""));
    }
}
