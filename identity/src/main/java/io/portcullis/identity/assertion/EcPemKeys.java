package io.portcullis.identity.assertion;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;

/**
 * Reads an EC P-256 private key from PEM, in either form OpenSSL writes: SEC1
 * ({@code BEGIN EC PRIVATE KEY}, from {@code openssl ecparam -genkey}) or PKCS#8 ({@code BEGIN PRIVATE
 * KEY}, from {@code openssl genpkey}). The public point is taken from the key file itself (both forms
 * carry it), so no EC arithmetic and no extra crypto library is needed. The key id is the RFC 7638
 * thumbprint.
 */
public final class EcPemKeys {

    /** DER of OID 1.2.840.10045.3.1.7 (prime256v1 / P-256). */
    private static final byte[] P256_OID = {0x06, 0x08, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x03, 0x01, 0x07};

    private EcPemKeys() {
    }

    public static ECKey read(Path file) {
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read assertion key file " + file);
        }
        try {
            return parse(pem);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("assertion key file " + file + ": " + e.getMessage());
        }
    }

    static ECKey parse(String pem) {
        boolean sec1 = pem.contains("-----BEGIN EC PRIVATE KEY-----");
        String label = sec1 ? "EC PRIVATE KEY" : "PRIVATE KEY";
        int start = pem.indexOf("-----BEGIN " + label + "-----");
        int end = pem.indexOf("-----END " + label + "-----");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("no EC private key in PEM form");
        }
        String body = pem.substring(start + label.length() + 16, end).replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the PEM body is not base64");
        }
        byte[] ecPrivateKey = sec1 ? der : unwrapPkcs8(der);
        return fromSec1(ecPrivateKey, !sec1 || containsP256(der));
    }

    /** PKCS#8: SEQUENCE { INTEGER 0, SEQUENCE { ecPublicKey OID, curve OID }, OCTET STRING { SEC1 } }. */
    private static byte[] unwrapPkcs8(byte[] der) {
        Der outer = new Der(der, 0).expect(0x30);
        Der version = outer.child().expect(0x02);
        Der algorithm = version.following().expect(0x30);
        if (!containsP256(algorithm.content())) {
            throw new IllegalArgumentException("the key is not on curve P-256");
        }
        return algorithm.following().expect(0x04).content();
    }

    /** SEC1: SEQUENCE { INTEGER 1, OCTET STRING d, [0] curve OID (optional), [1] BIT STRING Q }. */
    private static ECKey fromSec1(byte[] der, boolean curveKnown) {
        Der sequence = new Der(der, 0).expect(0x30);
        Der version = sequence.child().expect(0x02);
        Der privateKey = version.following().expect(0x04);
        byte[] d = privateKey.content();
        byte[] publicPoint = null;
        boolean p256 = curveKnown;
        for (Der field = privateKey.next(); field != null; field = field.next()) {
            if (field.tag() == 0xa0) {
                p256 = Arrays.equals(field.content(), P256_OID);
            } else if (field.tag() == 0xa1) {
                publicPoint = field.child().expect(0x03).content();
            }
        }
        if (!p256) {
            throw new IllegalArgumentException("the key is not on curve P-256");
        }
        // BIT STRING: one byte of unused bits (0), then 0x04 || X || Y.
        if (publicPoint == null || publicPoint.length != 66 || publicPoint[1] != 0x04) {
            throw new IllegalArgumentException("the key file holds no public point (write it with OpenSSL)");
        }
        byte[] x = Arrays.copyOfRange(publicPoint, 2, 34);
        byte[] y = Arrays.copyOfRange(publicPoint, 34, 66);
        byte[] d32 = new byte[32];
        byte[] dBytes = new BigInteger(1, d).toByteArray();
        int copy = Math.min(32, dBytes.length);
        System.arraycopy(dBytes, dBytes.length - copy, d32, 32 - copy, copy);
        try {
            ECKey key = new ECKey.Builder(Curve.P_256, Base64URL.encode(x), Base64URL.encode(y))
                    .d(Base64URL.encode(d32))
                    .build();
            return new ECKey.Builder(key).keyIDFromThumbprint().build();
        } catch (JOSEException | IllegalStateException e) {
            throw new IllegalArgumentException("the key is not a valid P-256 key");
        }
    }

    private static boolean containsP256(byte[] der) {
        for (int i = 0; i + P256_OID.length <= der.length; i++) {
            if (Arrays.equals(Arrays.copyOfRange(der, i, i + P256_OID.length), P256_OID)) {
                return true;
            }
        }
        return false;
    }

    /** One DER element (tag, length, content) inside a buffer; only the short and long length forms we need. */
    private record Der(byte[] buf, int offset, int tag, int contentStart, int contentLength) {

        Der(byte[] buf, int offset) {
            this(buf, offset, tagAt(buf, offset), contentStartAt(buf, offset), lengthAt(buf, offset));
        }

        Der expect(int expectedTag) {
            if (tag != expectedTag) {
                throw new IllegalArgumentException("unexpected key structure");
            }
            return this;
        }

        byte[] content() {
            return Arrays.copyOfRange(buf, contentStart, contentStart + contentLength);
        }

        Der child() {
            return new Der(buf, contentStart);
        }

        /** The element after this one, which must exist. */
        Der following() {
            Der next = next();
            if (next == null) {
                throw new IllegalArgumentException("truncated key");
            }
            return next;
        }

        /** The element after this one, or null at the end of the buffer. */
        Der next() {
            int after = contentStart + contentLength;
            return after >= buf.length ? null : new Der(buf, after);
        }

        private static int tagAt(byte[] buf, int offset) {
            if (offset + 2 > buf.length) {
                throw new IllegalArgumentException("truncated key");
            }
            return buf[offset] & 0xff;
        }

        private static int contentStartAt(byte[] buf, int offset) {
            int first = buf[offset + 1] & 0xff;
            return first < 0x80 ? offset + 2 : offset + 2 + (first & 0x7f);
        }

        private static int lengthAt(byte[] buf, int offset) {
            tagAt(buf, offset);
            int first = buf[offset + 1] & 0xff;
            int length;
            if (first < 0x80) {
                length = first;
            } else {
                int bytes = first & 0x7f;
                if (bytes > 3 || offset + 2 + bytes > buf.length) {
                    throw new IllegalArgumentException("unexpected key structure");
                }
                length = 0;
                for (int i = 0; i < bytes; i++) {
                    length = (length << 8) | (buf[offset + 2 + i] & 0xff);
                }
            }
            if (contentStartAt(buf, offset) + length > buf.length) {
                throw new IllegalArgumentException("truncated key");
            }
            return length;
        }
    }
}
