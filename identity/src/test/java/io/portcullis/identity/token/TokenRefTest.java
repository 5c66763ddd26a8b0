package io.portcullis.identity.token;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.regex.Pattern;
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

    @Test
    void agreesWithTheGrammarForEveryCharAndTheLengthBounds() {
        Pattern grammar = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            String jti = "a" + c + "b";
            boolean plain = grammar.matcher(jti).matches();
            assertEquals(plain ? jti : "hash", TokenRef.of(jti, "hash"), "char " + (int) c);
        }
        assertEquals("x".repeat(64), TokenRef.of("x".repeat(64), "hash"));
        assertEquals("hash", TokenRef.of("", "hash"));
    }
}
