package io.portcullis.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The verified-token cache is sized to the heap it lives in. */
class IdentitySettingsTest {

    private static final long MB = 1024 * 1024;

    @Test
    void aSmallHeapGetsACacheThatFitsAnEighthOfIt() {
        long entries = IdentitySettings.cachedTokensFor(256 * MB);
        assertTrue(entries * IdentitySettings.BYTES_PER_CACHED_TOKEN <= 32 * MB, "entries " + entries);
        assertTrue(entries > 10_000, "entries " + entries);
    }

    @Test
    void aLargeHeapStopsAtTheFixedBound() {
        assertEquals(IdentitySettings.MAX_CACHED_TOKENS, IdentitySettings.cachedTokensFor(8192 * MB));
    }

    @Test
    void aTinyHeapStillCachesSomeTokens() {
        assertEquals(1_000, IdentitySettings.cachedTokensFor(2 * MB));
    }

    @Test
    void theDefaultsFollowThisJvmsHeap() {
        assertEquals(IdentitySettings.cachedTokensFor(Runtime.getRuntime().maxMemory()),
                IdentitySettings.defaults().verifiedTokenCacheSize());
    }
}
