package io.portcullis.identity.oidc;

import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.util.Base64URL;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The 256-bit keys that seal session and login-state cookies. The first key seals; every key opens,
 * so a new key can be put first while cookies sealed with the old one stay readable until they expire.
 * Each key's id is derived from the key itself, so no operator has to name keys.
 */
public final class SessionKeys {

    private static final int KEY_BYTES = 32;

    private final List<OctetSequenceKey> keys;

    private SessionKeys(List<OctetSequenceKey> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one session key is needed");
        }
        this.keys = List.copyOf(keys);
    }

    /** Keys from raw 32-byte secrets, newest first. */
    public static SessionKeys of(List<byte[]> secrets) {
        List<OctetSequenceKey> keys = new ArrayList<>();
        for (byte[] secret : secrets) {
            if (secret.length != KEY_BYTES) {
                throw new IllegalArgumentException("a session key must be " + KEY_BYTES + " bytes, got " + secret.length);
            }
            keys.add(new OctetSequenceKey.Builder(secret).keyID(keyId(secret)).build());
        }
        return new SessionKeys(keys);
    }

    /**
     * Reads one key per file: 32 random bytes, base64 or base64url encoded (what
     * {@code openssl rand -base64 32} prints). The message of a failure names the file, never the key.
     */
    public static SessionKeys read(List<Path> files) {
        List<byte[]> secrets = new ArrayList<>();
        for (Path file : files) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read session key file " + file);
            }
            if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
                // A file of several keys, one per line, reads like rotation but would be one broken key.
                throw new IllegalArgumentException("session key file " + file + " holds more than one line: a file"
                        + " holds one key; to rotate, list several files (session_keys_file: [new.key, old.key])");
            }
            byte[] secret;
            try {
                secret = text.contains("-") || text.contains("_")
                        ? Base64.getUrlDecoder().decode(text.replace("=", ""))
                        : Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("session key file " + file + " does not hold base64 text");
            }
            if (secret.length != KEY_BYTES) {
                throw new IllegalArgumentException("session key file " + file + " must hold " + KEY_BYTES
                        + " bytes (openssl rand -base64 32), got " + secret.length);
            }
            secrets.add(secret);
        }
        return of(secrets);
    }

    /** The key that seals. */
    public OctetSequenceKey current() {
        return keys.get(0);
    }

    /** The key with this id, or null. */
    public OctetSequenceKey find(String kid) {
        for (OctetSequenceKey key : keys) {
            if (key.getKeyID().equals(kid)) {
                return key;
            }
        }
        return null;
    }

    private static String keyId(byte[] secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret);
            // A hash of the key, truncated: identifies it without helping anyone guess it.
            return Base64URL.encode(java.util.Arrays.copyOf(digest, 9)).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
