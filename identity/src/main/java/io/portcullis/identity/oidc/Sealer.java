package io.portcullis.identity.oidc;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import java.text.ParseException;

/**
 * Seals claims into a compact JWE ({@code dir} + {@code A256GCM}) and opens them again. The header's
 * {@code typ} says what the claims are, so a login-state cookie can never be opened as a session (or
 * the reverse) even though both are sealed with the same keys.
 */
public final class Sealer {

    /** Longest sealed value {@link #open} parses; anything longer is refused unread. */
    static final int MAX_SEALED_CHARS = 32 * 1024;

    private final SessionKeys keys;
    private final JOSEObjectType type;

    public Sealer(SessionKeys keys, String type) {
        this.keys = keys;
        this.type = new JOSEObjectType(type);
    }

    public String seal(JWTClaimsSet claims) {
        OctetSequenceKey key = keys.current();
        JWEHeader header = new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM)
                .type(type)
                .keyID(key.getKeyID())
                .build();
        EncryptedJWT jwt = new EncryptedJWT(header, claims);
        try {
            jwt.encrypt(new DirectEncrypter(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("sealing failed", e);
        }
        return jwt.serialize();
    }

    /** The claims, or null when the value is not one we sealed with a key we still hold. */
    public JWTClaimsSet open(String sealed) {
        if (sealed == null || sealed.isEmpty() || sealed.length() > MAX_SEALED_CHARS) {
            return null;
        }
        try {
            EncryptedJWT jwt = EncryptedJWT.parse(sealed);
            JWEHeader header = jwt.getHeader();
            if (!JWEAlgorithm.DIR.equals(header.getAlgorithm())
                    || !EncryptionMethod.A256GCM.equals(header.getEncryptionMethod())
                    || !type.equals(header.getType())
                    || header.getCompressionAlgorithm() != null
                    || header.getKeyID() == null) {
                return null;
            }
            OctetSequenceKey key = keys.find(header.getKeyID());
            if (key == null) {
                return null;
            }
            jwt.decrypt(new DirectDecrypter(key));
            return jwt.getJWTClaimsSet();
        } catch (ParseException | JOSEException | RuntimeException e) {
            // Tampered, truncated or sealed with a retired key: all mean "no valid cookie". Nimbus throws
            // unchecked exceptions for some headers (a JWE header without "enc"), which are no cookie too.
            return null;
        }
    }
}
