package io.portcullis.identity.binding;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Nonces derived from the time window: {@code base64url(HMAC-SHA256(key, window))[0..16]}, where the
 * window is the clock divided by the rotation period. The current and the previous window's nonce are
 * accepted. Nothing is stored per client and nothing is locked: the two values are recomputed once per
 * window and published through one volatile field. Instances built with the same key (replicas that
 * share it) accept each other's nonces; {@link #withRandomKey} suits a single instance.
 */
public final class RotatingNonceSource implements DPoPNonceSource {

    /** The rotation period when none is given. */
    public static final Duration DEFAULT_PERIOD = Duration.ofMinutes(5);

    /** The bytes of a key {@link #randomKey} makes, and the fewest a key may have: 256 bits. */
    public static final int KEY_BYTES = 32;

    private static final int NONCE_BYTES = 16;

    private final SecretKeySpec key;
    private final long periodMillis;
    private final Clock clock;
    private volatile Window window;

    public RotatingNonceSource(byte[] key, Duration period, Clock clock) {
        if (key.length < KEY_BYTES) {
            throw new IllegalArgumentException("the nonce key must have at least 256 bits");
        }
        if (period.toMillis() < 1000) {
            throw new IllegalArgumentException("the rotation period must be at least a second");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.periodMillis = period.toMillis();
        this.clock = clock;
        this.window = compute(index());
    }

    /** A source with a fresh random key: its nonces are good on this instance only. */
    public static RotatingNonceSource withRandomKey(Duration period, Clock clock) {
        return new RotatingNonceSource(randomKey(), period, clock);
    }

    /** A fresh random key of {@value #KEY_BYTES} bytes (a replica's own, or the one it offers to share). */
    public static byte[] randomKey() {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return key;
    }

    @Override
    public String current() {
        return now().current;
    }

    @Override
    public boolean accepts(String nonce) {
        if (nonce == null) {
            return false;
        }
        Window w = now();
        return equal(nonce, w.current) || equal(nonce, w.previous);
    }

    private Window now() {
        long index = index();
        Window w = window;
        if (w.index != index) {
            // Two threads may both recompute at a turn; they publish the same values.
            w = compute(index);
            window = w;
        }
        return w;
    }

    private long index() {
        return Math.floorDiv(clock.millis(), periodMillis);
    }

    private Window compute(long index) {
        return new Window(index, nonce(index), nonce(index - 1));
    }

    private String nonce(long index) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] tag = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(index).array());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(tag, NONCE_BYTES));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static boolean equal(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                b.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    /** The nonces of one window. */
    private record Window(long index, String current, String previous) {
    }
}
