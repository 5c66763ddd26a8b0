package io.portcullis.identity.token;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TokenRefTest {

    @Test
    void plainShortJtiIsUsed() {
        assertEquals("2f9c-ab.01:x_y", TokenRef.of("2f9c-ab.01:x_y", "0123456789ab"));
    }

    @Test
    void longOddOrMissingJtiFallsBackToTheHash() {
        assertEquals("0123456789ab", TokenRef.of("a".repeat(65), "0123456789ab"));
        assertEquals("0123456789ab", TokenRef.of("evil\nINFO forged log line", "0123456789ab"));
        assertEquals("0123456789ab", TokenRef.of(12345, "0123456789ab"));
        assertEquals("0123456789ab", TokenRef.of(null, "0123456789ab"));
    }
}
