package io.portcullis.proxy.server;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids: a client-supplied {@code X-Request-Id} is kept when it is a short, safe token (so a
 * trace that started upstream of us continues), otherwise a new random one is made.
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

    public static String keepOrGenerate(String supplied) {
        return isSafe(supplied) ? supplied : generate();
    }
}
