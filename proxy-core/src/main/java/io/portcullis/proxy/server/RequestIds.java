package io.portcullis.proxy.server;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids. Ours is random, unless a trusted proxy supplied an {@code X-Request-Id} that is a
 * short, safe token (so a trace begun before that proxy continues). Anyone else's id is noted apart
 * and never becomes ours: it names the line of the tamper-evident decision log.
 */
public final class RequestIds {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RequestIds() {
    }

    public static boolean isSafe(String id) {
        if (id == null || id.isEmpty() || id.length() > 128) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** 128 random bits as 32 hex characters. Not a secret, only unique. */
    public static String generate() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long a = r.nextLong();
        long b = r.nextLong();
        char[] out = new char[32];
        for (int i = 0; i < 16; i++) {
            out[i] = HEX[(int) (a >>> (60 - 4 * i)) & 0xF];
            out[16 + i] = HEX[(int) (b >>> (60 - 4 * i)) & 0xF];
        }
        return new String(out);
    }

    /** Our id for a request whose client sent {@code supplied} (or null), from a trusted proxy or not. */
    public static String ours(String supplied, boolean fromTrustedProxy) {
        return fromTrustedProxy && isSafe(supplied) ? supplied : generate();
    }

    /** The id a client that is not a trusted proxy supplied, when safe to log; else null. */
    public static String clientOnly(String supplied, boolean fromTrustedProxy) {
        return !fromTrustedProxy && isSafe(supplied) ? supplied : null;
    }
}
