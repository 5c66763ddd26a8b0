package io.portcullis.proxy.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
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
