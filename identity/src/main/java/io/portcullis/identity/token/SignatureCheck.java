package io.portcullis.identity.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.crypto.impl.ECDSA;
import com.nimbusds.jose.crypto.impl.RSASSA;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import java.security.InvalidKeyException;
import java.security.PublicKey;
import java.security.Provider;
import java.security.Signature;
import java.security.SignatureException;
import java.text.ParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Verifies a JWS signature against candidate public keys; true when one of them verifies it.
 *
 * <p>RSA (RS*, PS*) and ECDSA (ES*) signatures are checked with a JCA {@link Signature} directly: the
 * engine Nimbus would pick for the algorithm ({@link RSASSA}, {@link ECDSA}), kept per thread because
 * looking one up costs more than a verification; and each JWKS key converted to a public key once
 * (converting it on every verification cost a tenth of the time). ECDSA keeps Nimbus's checks: exact signature
 * length and r, s within the curve's order (CVE-2022-21449). Any other algorithm goes through
 * Nimbus's verifier.
 */
final class SignatureCheck {

    private static final DefaultJWSVerifierFactory VERIFIERS = new DefaultJWSVerifierFactory();
    private static final Provider FAST = FastSignatureProvider.shared();

    /**
     * Keyed by JWK identity: a JWKS refresh makes new JWK objects, and old ones may be collected. The
     * same PublicKey object each time also lets the native provider keep its own converted key: it
     * converts again only when handed a different object.
     */
    private static final Cache<JWK, PublicKey> PREPARED = Caffeine.newBuilder().weakKeys()
            .executor(Runnable::run) // no hand-off to a pool thread (and its wake-up) from the event loop
            .build();

    /** Stands for "this JWK gives no public key" (a cache holds no nulls). */
    private static final PublicKey NO_KEY = new NoKey();

    /**
     * Signature engines are stateful, so one per thread, algorithm and provider: [0] for the JDK's,
     * [1] for the native one (a Provider's own hashCode walks all its properties).
     */
    private static final ThreadLocal<Map<JWSAlgorithm, Signature>[]> ENGINES =
            ThreadLocal.withInitial(SignatureCheck::newEngineMaps);

    private SignatureCheck() {
    }

    static boolean verify(CompactJws jws, List<JWK> candidates) {
        return verify(jws, candidates, FAST);
    }

    /** With {@code fast} null, only the JDK's providers are used. */
    static boolean verify(CompactJws jws, List<JWK> candidates, Provider fast) {
        JWSAlgorithm alg = jws.header().getAlgorithm();
        boolean rsa = JWSAlgorithm.Family.RSA.contains(alg);
        if (!rsa && !JWSAlgorithm.Family.EC.contains(alg)) {
            return verifyWithNimbus(jws, candidates, fast);
        }
        Provider provider = fast != null && FastSignatureProvider.handles(alg) ? fast : null;
        try {
            // Only read below (an EC signature is transcoded into a new array), so the token's own is used.
            byte[] signature = jws.signatureBytes();
            if (!rsa) {
                if (signature.length != ECDSA.getSignatureByteArrayLength(alg)) {
                    return false;
                }
                ECDSA.ensureLegalSignature(signature, alg);
                signature = ECDSA.transcodeSignatureToDER(signature);
            }
            byte[] input = jws.bytes();
            int inputLength = jws.signingInputLength();
            String keyAlgorithm = rsa ? "RSA" : "EC";
            for (JWK key : candidates) {
                PublicKey publicKey = PREPARED.getIfPresent(key);
                if (publicKey == null) {
                    publicKey = PREPARED.get(key, SignatureCheck::prepare);
                }
                if (publicKey != NO_KEY && keyAlgorithm.equals(publicKey.getAlgorithm())
                        && verifies(alg, rsa, provider, publicKey, input, inputLength, signature)) {
                    return true;
                }
            }
            return false;
        } catch (JOSEException e) {
            // An illegal ECDSA signature, or an algorithm no provider here implements.
            return false;
        }
    }

    /** The provider {@link #verify(CompactJws, List)} uses, or null for the JDK's. */
    static Provider fastProvider() {
        return FAST;
    }

    private static boolean verifies(JWSAlgorithm alg, boolean rsa, Provider provider, PublicKey key, byte[] input,
            int inputLength, byte[] signature) throws JOSEException {
        Signature engine = engine(alg, rsa, provider);
        try {
            engine.initVerify(key);
        } catch (InvalidKeyException e) {
            // The JDK's delegating engine can be left with no provider to choose after refusing a key:
            // never reuse it.
            ENGINES.get()[provider == null ? 0 : 1].remove(alg);
            return false;
        }
        try {
            engine.update(input, 0, inputLength);
            return engine.verify(signature);
        } catch (SignatureException e) {
            // A signature that does not even parse was not made by this key; initVerify resets the engine.
            return false;
        }
    }

    private static Signature engine(JWSAlgorithm alg, boolean rsa, Provider provider) throws JOSEException {
        Map<JWSAlgorithm, Signature> engines = ENGINES.get()[provider == null ? 0 : 1];
        Signature engine = engines.get(alg);
        if (engine == null) {
            engine = rsa ? RSASSA.getSignerAndVerifier(alg, provider) : ECDSA.getSignerAndVerifier(alg, provider);
            engines.put(alg, engine);
        }
        return engine;
    }

    @SuppressWarnings("unchecked")
    private static Map<JWSAlgorithm, Signature>[] newEngineMaps() {
        return new Map[] {new HashMap<>(), new HashMap<>()};
    }

    private static PublicKey prepare(JWK key) {
        try {
            return key instanceof AsymmetricJWK asymmetric ? asymmetric.toPublicKey() : NO_KEY;
        } catch (JOSEException e) {
            return NO_KEY;
        }
    }

    private static boolean verifyWithNimbus(CompactJws jws, List<JWK> candidates, Provider fast) {
        JWSObject object;
        try {
            object = JWSObject.parse(jws.serialized());
        } catch (ParseException e) {
            return false;
        }
        boolean useFast = fast != null && FastSignatureProvider.handles(jws.header().getAlgorithm());
        for (JWK key : candidates) {
            try {
                JWSVerifier verifier = VERIFIERS.createJWSVerifier(object.getHeader(),
                        ((AsymmetricJWK) key).toPublicKey());
                if (useFast) {
                    verifier.getJCAContext().setProvider(fast);
                }
                if (object.verify(verifier)) {
                    return true;
                }
            } catch (JOSEException | ClassCastException e) {
                // A key that cannot verify this algorithm is simply not the signing key.
            }
        }
        return false;
    }

    /** The marker behind {@link #NO_KEY}. */
    private static final class NoKey implements PublicKey {

        private static final long serialVersionUID = 1L;

        @Override
        public String getAlgorithm() {
            return "none";
        }

        @Override
        public String getFormat() {
            return null;
        }

        @Override
        public byte[] getEncoded() {
            return null;
        }
    }
}
