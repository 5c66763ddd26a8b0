package io.portcullis.identity.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenDigestTest {

    private static final String TOKEN68_BODY =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/";

    /** The answer of a fresh MessageDigest, as the cache key was computed before the per-thread scratch. */
    static TokenDigest reference(String token) throws Exception {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        ByteBuffer buffer = ByteBuffer.wrap(hash);
        return new TokenDigest(buffer.getLong(), buffer.getLong(), buffer.getLong(), buffer.getLong());
    }

    static String token68(Random random, int length, int padding) {
        StringBuilder sb = new StringBuilder(length + padding);
        for (int i = 0; i < length; i++) {
            sb.append(TOKEN68_BODY.charAt(random.nextInt(TOKEN68_BODY.length())));
        }
        return sb.append("=".repeat(padding)).toString();
    }

    @Test
    void equalTokensGiveEqualKeysAndOthersDiffer() {
        assertEquals(TokenDigest.of("a.b.c"), TokenDigest.of("a.b.c"));
        assertNotEquals(TokenDigest.of("a.b.c"), TokenDigest.of("a.b.d"));
    }

    @Test
    void shortHexIsTheStartOfTheSha256() {
        // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
        assertEquals("ba7816bf8f01", TokenDigest.of("abc").shortHex());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 55, 56, 63, 64, 65, 900, 2047, 2048, 2049, 16 * 1024, 16 * 1024 + 1, 40_000})
    void ofEqualsMessageDigestsOwnAnswerAtEveryLength(int length) throws Exception {
        String token = token68(new Random(length), length, length % 3);

        TokenDigest expected = reference(token);

        assertEquals(expected, TokenDigest.of(token));
        assertEquals(expected, TokenDigest.of(token), "a second use of the thread's scratch gives the same answer");
    }

    @Test
    void aLongTokenDoesNotDisturbTheNextShortOne() throws Exception {
        String longToken = token68(new Random(1), 16 * 1024 + 1, 0);
        TokenDigest.of(longToken);

        assertEquals(reference("abc"), TokenDigest.of("abc"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"café", "a\u0100b", "a\u0141b", "x\uD83D\uDE00y", "\u00ff", "ok\u20ac"})
    void ofHashesTheUsAsciiEncodingOfAnyText(String text) throws Exception {
        assertEquals(reference(text), TokenDigest.of(text));
    }

    @Test
    void threadsHashingAtOnceEachGetTheirOwnTokensDigestAndKey() throws Exception {
        // Both share the thread's scratch: interleaved, neither may see the other's bytes.
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> mismatches = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int seed = t;
                mismatches.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    List<String> tokens = new ArrayList<>();
                    List<TokenDigest> expected = new ArrayList<>();
                    List<TokenDigest> expectedLastSegments = new ArrayList<>();
                    for (int i = 0; i < 50; i++) {
                        String token = token68(random, 200 + random.nextInt(1500), random.nextInt(3));
                        tokens.add(token);
                        expected.add(reference(token));
                        expectedLastSegments.add(reference(token.substring(token.lastIndexOf('.') + 1)));
                    }
                    start.await();
                    int wrong = 0;
                    for (int round = 0; round < 20; round++) {
                        for (int i = 0; i < tokens.size(); i++) {
                            String token = tokens.get(i);
                            VerifiedTokenKey key = VerifiedTokenKey.ofAscii(token, 0, token.length());
                            byte[] signingInput = token.substring(0, token.lastIndexOf('.') + 1)
                                    .getBytes(StandardCharsets.US_ASCII);
                            if (!expected.get(i).equals(TokenDigest.of(token))
                                    || !expectedLastSegments.get(i).equals(key.lastSegment())
                                    || !key.signingInputEquals(signingInput)) {
                                wrong++;
                            }
                        }
                    }
                    return wrong;
                }));
            }
            start.countDown();
            for (Future<Integer> f : mismatches) {
                assertEquals(0, f.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
