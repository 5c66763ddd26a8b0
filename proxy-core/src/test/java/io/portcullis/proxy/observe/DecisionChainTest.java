package io.portcullis.proxy.observe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class DecisionChainTest {

    static String sha256Hex(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void eachLineHashesThePreviousChainAndItsOwnJsonWithoutTheChainField() throws Exception {
        DecisionChain chain = new DecisionChain();
        String first = chain.seal("{\"a\":1}");
        String firstChain = sha256Hex("{\"a\":1}");
        assertEquals("{\"a\":1,\"chain\":\"" + firstChain + "\"}", first);
        String second = chain.seal("{\"b\":\"x\"}");
        String secondChain = sha256Hex(firstChain + "{\"b\":\"x\"}");
        assertEquals("{\"b\":\"x\",\"chain\":\"" + secondChain + "\"}", second);
        assertEquals(secondChain, chain.head());
    }

    @Test
    void linesWithAnyTextChainOverTheirUtf8AndLongOnesAsWellAsShort() throws Exception {
        // Non-ASCII subjects, a lone surrogate (what the JDK's UTF-8 encoder turns into '?'), and a
        // line longer than the chain's reused buffer, then a short one after it.
        String[] lines = {
            "{\"subject\":\"jos\u00e9\"}", "{\"path\":\"/\u20ac/\uD83D\uDE00\"}", "{\"x\":\"\uD800\"}",
            "{\"path\":\"/" + "a".repeat(40_000) + "\"}", "{\"n\":1}"};
        DecisionChain chain = new DecisionChain();
        String previous = "";
        for (String json : lines) {
            String sealed = chain.seal(new StringBuilder(json));
            String expected = sha256Hex(previous + json);
            assertEquals(json.substring(0, json.length() - 1) + ",\"chain\":\"" + expected + "\"}", sealed);
            assertEquals(expected, DecisionChain.link(previous, json), "what the log verifier recomputes");
            previous = expected;
        }
    }

    @Test
    void aBuilderIsSealedInPlaceAndTheStringFormGivesTheSameLine() {
        DecisionChain byString = new DecisionChain();
        DecisionChain byBuilder = new DecisionChain();
        StringBuilder builder = new StringBuilder("{\"a\":1}");

        String sealed = byBuilder.seal(builder);

        assertEquals(byString.seal("{\"a\":1}"), sealed);
        assertEquals(sealed, builder.toString());
    }

    @Test
    void aLineSealedAsUtf8BytesIsTheLineSealedAsTextAndAdvancesTheChainAlike() {
        // The same texts as above, ASCII and not, long and short: the writer's byte path must write and
        // chain exactly what the text path (every other logback config) does.
        String[] lines = {
            "{\"subject\":\"jos\u00e9\"}", "{\"path\":\"/\u20ac/\uD83D\uDE00\"}", "{\"x\":\"\uD800\"}",
            "{\"path\":\"/" + "a".repeat(40_000) + "\"}", "{\"n\":1}"};
        DecisionChain byText = new DecisionChain();
        DecisionChain byBytes = new DecisionChain();
        for (String json : lines) {
            byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
            byte[] seal = byBytes.sealUtf8(utf8);
            byte[] written = Arrays.copyOf(utf8, utf8.length - 1 + seal.length);
            System.arraycopy(seal, 0, written, utf8.length - 1, seal.length);

            // Compared as the bytes that reach the output: the text path's line is encoded there too.
            assertArrayEquals(byText.seal(new StringBuilder(json)).getBytes(StandardCharsets.UTF_8), written, json);
            assertEquals(byText.head(), byBytes.head());
        }
        byte[] notAnObject = "[1]".getBytes(StandardCharsets.UTF_8);
        String head = byBytes.head();
        assertThrows(IllegalArgumentException.class, () -> byBytes.sealUtf8(notAnObject));
        assertThrows(IllegalArgumentException.class, () -> byBytes.sealUtf8(new byte[0]));
        assertEquals(head, byBytes.head(), "a refused line leaves the chain as it was");
    }

    @Test
    void somethingThatIsNotAnObjectIsNotSealedAndLeavesTheChainAsItWas() {
        DecisionChain chain = new DecisionChain();
        chain.seal("{\"a\":1}");
        String head = chain.head();

        assertThrows(IllegalArgumentException.class, () -> chain.seal(new StringBuilder("[1]")));
        assertThrows(IllegalArgumentException.class, () -> chain.seal(new StringBuilder()));
        assertEquals(head, chain.head());
    }

    @Test
    void theSameLineGetsADifferentChainAfterADifferentPredecessor() {
        DecisionChain a = new DecisionChain();
        DecisionChain b = new DecisionChain();
        a.seal("{\"n\":1}");
        b.seal("{\"n\":2}");
        assertNotEquals(a.seal("{\"n\":3}"), b.seal("{\"n\":3}"));
    }

    @Test
    void unsealSplitsWhatSealJoined() {
        DecisionChain chain = new DecisionChain();
        String line = chain.seal("{\"reasons\":[\"x\"],\"chain_like\":\"\\\"chain\\\"\"}");
        DecisionChain.Unsealed u = DecisionChain.unseal(line);
        assertEquals("{\"reasons\":[\"x\"],\"chain_like\":\"\\\"chain\\\"\"}", u.json());
        assertEquals(chain.head(), u.chain());
        assertEquals(DecisionChain.link("", u.json()), u.chain());
    }

    @Test
    void unsealRefusesLinesWithoutAWellFormedChainField() {
        String hex = "0123456789abcdef".repeat(4);
        assertNull(DecisionChain.unseal("{\"a\":1}"));
        assertNull(DecisionChain.unseal(""));
        assertNull(DecisionChain.unseal("{\"a\":1,\"chain\":\"" + hex.toUpperCase() + "\"}"));
        assertNull(DecisionChain.unseal("{\"a\":1,\"chain\":\"" + hex.substring(1) + "\"}"));
        assertNull(DecisionChain.unseal("{\"a\":1,\"chain\":\"" + hex + "\"} "));
        assertNull(DecisionChain.unseal(",\"chain\":\"" + hex + "\"}"));
        assertTrue(DecisionChain.unseal("{\"a\":1,\"chain\":\"" + hex + "\"}") != null);
    }
}
