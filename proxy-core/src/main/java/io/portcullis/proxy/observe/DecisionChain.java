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
    private static final byte[] FIELD_BYTES = FIELD.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /** Lines up to this size are hashed through the chain's own buffers; longer ones through a copy. */
    private static final int BUFFERED_CHARS = 8 * 1024;

    private final MessageDigest sha256 = newDigest();
    private String head = "";
    private byte[] headBytes = new byte[0];
    private final char[] chars = new char[BUFFERED_CHARS];
    private final byte[] utf8 = new byte[BUFFERED_CHARS];

    /**
     * Appends the chain field to one JSON object (which must end with {@code }}) and advances the
     * chain. Callers hold the order: the line must be written before the next one is sealed.
     */
    public synchronized String seal(String json) {
        return seal(new StringBuilder(json.length() + FIELD.length() + HEX_CHARS + 2).append(json));
    }

    /**
     * {@link #seal(String)} for an object still in its builder: the chain field is appended in place
     * and the builder's text returned. The line is hashed from the builder, so it becomes a string
     * once, sealed (the decision log's lines were copied five times on their way out).
     */
    public synchronized String seal(StringBuilder json) {
        int last = json.length() - 1;
        if (last < 0 || json.charAt(last) != '}') {
            throw new IllegalArgumentException("a decision line is one JSON object");
        }
        beginLink();
        hashUtf8(json);
        endLink();
        json.setLength(last);
        return json.append(FIELD).append(head).append("\"}").toString();
    }

    /**
     * {@link #seal(String)} for an object already in UTF-8 (which must end with {@code }}): advances the
     * chain and returns what replaces that closing brace, {@code ,"chain":"<hex>"}} as ASCII bytes. The
     * sealed line is {@code json} without its last byte, then these. The decision log's writer writes
     * the two into its output as they are, with no string in between.
     */
    public synchronized byte[] sealUtf8(byte[] json) {
        int last = json.length - 1;
        if (last < 0 || json[last] != '}') {
            throw new IllegalArgumentException("a decision line is one JSON object");
        }
        beginLink();
        sha256.update(json);
        endLink();
        byte[] seal = new byte[FIELD_BYTES.length + HEX_CHARS + 2];
        System.arraycopy(FIELD_BYTES, 0, seal, 0, FIELD_BYTES.length);
        System.arraycopy(headBytes, 0, seal, FIELD_BYTES.length, HEX_CHARS);
        seal[seal.length - 2] = '"';
        seal[seal.length - 1] = '}';
        return seal;
    }

    /** Starts the next link: the digest begins with the previous line's chain value. */
    private void beginLink() {
        sha256.reset();
        sha256.update(headBytes);
    }

    /** Ends it: the digest of the previous value and this line's JSON is the chain's new value. */
    private void endLink() {
        headBytes = hex(sha256.digest());
        head = new String(headBytes, StandardCharsets.US_ASCII);
    }

    /** Feeds the builder's UTF-8 encoding to the digest; ASCII (nearly every line) without a copy of its own. */
    private void hashUtf8(StringBuilder json) {
        int length = json.length();
        if (length <= chars.length) {
            json.getChars(0, length, chars, 0);
            if (AsciiChars.narrow(chars, length, utf8, 0)) {
                sha256.update(utf8, 0, length);
                return;
            }
        }
        // Longer than the buffers, or not ASCII (lone surrogates included): the JDK's encoder, as link() uses.
        sha256.update(json.toString().getBytes(StandardCharsets.UTF_8));
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
        return new String(hex(hash), StandardCharsets.US_ASCII);
    }

    /** Lower-case hex digits of {@code hash}, as ASCII bytes. */
    private static byte[] hex(byte[] hash) {
        byte[] out = new byte[hash.length * 2];
        for (int i = 0; i < hash.length; i++) {
            out[2 * i] = HEX[(hash[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[hash[i] & 0xF];
        }
        return out;
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
