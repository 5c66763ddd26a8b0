package io.portcullis.proxy.observe;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The hash chain that makes the decision log tamper-evident: each line ends with
 * {@code "chain":"<hex>"} where {@code hex = SHA-256(previous line's chain + this line's JSON without
 * the chain field)}. Editing, removing or reordering a line breaks every later link. A new chain
 * starts from the empty string when the process starts.
 */
public final class DecisionChain {

    /** What a sealed line ends with, before the 64 hex digits and the closing {@code "}}. */
    static final String FIELD = ",\"chain\":\"";
    private static final int HEX_CHARS = 64;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final MessageDigest sha256 = newDigest();
    private String head = "";

    /**
     * Appends the chain field to one JSON object (which must end with {@code }}) and advances the
     * chain. Callers hold the order: the line must be written before the next one is sealed.
     */
    public synchronized String seal(String json) {
        head = link(sha256, head, json);
        return json.substring(0, json.length() - 1) + FIELD + head + "\"}";
    }

    /** The chain value of the last sealed line ("" before the first). */
    public synchronized String head() {
        return head;
    }

    /** {@code hex(SHA-256(previous + json))}, the value a line's chain field must hold. */
    public static String link(String previous, String json) {
        return link(newDigest(), previous, json);
    }

    /** A sealed line taken apart: its JSON without the chain field, and the chain value it carries. */
    public record Unsealed(String json, String chain) {
    }

    /** Takes a sealed line apart; null when it does not end with a well-formed chain field. */
    public static Unsealed unseal(String line) {
        int valueStart = line.length() - 2 - HEX_CHARS;
        int fieldStart = valueStart - FIELD.length();
        if (fieldStart < 1 || !line.endsWith("\"}") || !line.startsWith(FIELD, fieldStart)) {
            return null;
        }
        String chain = line.substring(valueStart, valueStart + HEX_CHARS);
        for (int i = 0; i < HEX_CHARS; i++) {
            char c = chain.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return null;
            }
        }
        return new Unsealed(line.substring(0, fieldStart) + "}", chain);
    }

    private static String link(MessageDigest digest, String previous, String json) {
        digest.reset();
        digest.update(previous.getBytes(StandardCharsets.UTF_8));
        byte[] hash = digest.digest(json.getBytes(StandardCharsets.UTF_8));
        char[] out = new char[hash.length * 2];
        for (int i = 0; i < hash.length; i++) {
            out[2 * i] = HEX[(hash[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[hash[i] & 0xF];
        }
        return new String(out);
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java runtime must provide SHA-256 (java.security.MessageDigest contract).
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
