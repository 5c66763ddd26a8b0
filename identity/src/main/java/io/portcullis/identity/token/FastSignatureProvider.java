package io.portcullis.identity.token;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.nimbusds.jose.JWSAlgorithm;
import java.security.Provider;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JCA provider that verifies the signatures it does much faster than the JDK: Amazon Corretto
 * Crypto Provider (native AWS-LC) for RSASSA-PKCS1-v1_5 and ECDSA. Java 17's SunEC spends several
 * hundred microseconds on one P-256 verification, which caps distinct-token throughput. It is handed
 * to Nimbus through each verifier's JCA context only, never registered with {@code Security}, so no
 * other code in the JVM changes provider. Where its native library cannot load (another OS or CPU)
 * or {@value #DISABLE_PROPERTY} is {@code false}, verification falls back to the JDK's providers.
 */
public final class FastSignatureProvider {

    /** System property; {@code false} forces the JDK's own providers. */
    static final String DISABLE_PROPERTY = "portcullis.crypto.native";

    /** PS256 and friends stay on the JDK: fewer moving parts for algorithms rarely seen in practice. */
    private static final Set<JWSAlgorithm> HANDLED = Set.of(
            JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    private static final Logger LOG = LoggerFactory.getLogger(FastSignatureProvider.class);

    private FastSignatureProvider() {
    }

    /**
     * The provider every verifier in this JVM shares (loaded and logged once), or null for the JDK's
     * default. DPoP proof verification uses it too.
     */
    public static Provider shared() {
        return Shared.PROVIDER;
    }

    /** The provider to use, or null for the JDK's default. */
    static Provider load() {
        if ("false".equalsIgnoreCase(System.getProperty(DISABLE_PROPERTY))) {
            LOG.info("native signature verification disabled by -D{}=false", DISABLE_PROPERTY);
            return null;
        }
        try {
            AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
            Throwable error = accp.getLoadingError();
            if (error != null) {
                LOG.info("native signature verification unavailable, using the JDK's providers: {}", error.toString());
                return null;
            }
            accp.assertHealthy();
            return accp;
        } catch (LinkageError | RuntimeException e) {
            LOG.info("native signature verification unavailable, using the JDK's providers: {}", e.toString());
            return null;
        }
    }

    /** Whether the fast provider is used for this algorithm. */
    public static boolean handles(JWSAlgorithm algorithm) {
        return HANDLED.contains(algorithm);
    }

    /** Loads the provider on first use only (holder idiom: no lock after that). */
    private static final class Shared {
        static final Provider PROVIDER = load();
    }
}
