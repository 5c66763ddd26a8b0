package io.portcullis.identity.binding;

import io.portcullis.config.SenderConstraintConfig;
import io.portcullis.config.SenderConstraintConfig.Mode;
import io.portcullis.identity.Confirmation;
import io.portcullis.identity.binding.Presentation.Scheme;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One issuer's {@code sender_constraint}, applied to a verified token and how it was presented.
 *
 * <ul>
 *   <li>{@code none}: bindings are ignored ({@link Binding#NOT_CHECKED}).</li>
 *   <li>A DPoP-bound token ({@code cnf.jkt}) needs the {@code DPoP} scheme and a valid proof made with
 *       that key; as {@code Bearer} it is refused in both other modes. RFC 9449 §7.1 leaves no room here:
 *       accepting it as a bearer token would let whoever copied it use it without the key.</li>
 *   <li>A certificate-bound token ({@code cnf.x5t#S256}) needs the verified client certificate it names.</li>
 *   <li>A token bound both ways needs both; one bound in a way we cannot check is refused.</li>
 *   <li>An unbound token: refused under {@code required}; under {@code optional} accepted as
 *       {@code Bearer}. With the {@code DPoP} scheme it is refused either way: its proof would prove
 *       nothing about the token.</li>
 * </ul>
 */
public final class SenderConstraintCheck {

    private final SenderConstraintConfig config;
    private final DPoPProofCheck dpop;

    public SenderConstraintCheck(SenderConstraintConfig config, DPoPSettings dpopSettings) {
        this.config = config;
        this.dpop = new DPoPProofCheck(dpopSettings);
    }

    /** Checks the binding of a token whose signature and claims were verified already. */
    public CompletionStage<BindingOutcome> check(Presentation presentation, Confirmation confirmation) {
        return check(presentation, confirmation, null);
    }

    /**
     * As {@link #check(Presentation, Confirmation)}, for a sender that already proved possession of the
     * DPoP key {@code provenJkt} for this exchange (a live connection decided again): when it is the
     * token's key, the proof is not checked again (its {@code iat} is old and its {@code jti} spent by
     * design); every other rule still applies.
     */
    public CompletionStage<BindingOutcome> check(Presentation presentation, Confirmation confirmation,
            String provenJkt) {
        if (config.mode() == Mode.NONE) {
            return accepted(Binding.NOT_CHECKED);
        }
        if (confirmation.unverifiable()) {
            return refused(BindingFailure.TOKEN_BINDING_UNSUPPORTED);
        }
        if (!confirmation.bound()) {
            if (presentation.scheme() == Scheme.DPOP) {
                return refused(BindingFailure.DPOP_TOKEN_NOT_BOUND);
            }
            return config.mode() == Mode.REQUIRED ? refused(BindingFailure.TOKEN_NOT_BOUND) : accepted(Binding.UNBOUND);
        }
        String jkt = confirmation.jwkThumbprint();
        if (jkt == null && presentation.scheme() == Scheme.DPOP) {
            return refused(BindingFailure.DPOP_TOKEN_NOT_BOUND);
        }
        if (jkt != null && presentation.scheme() != Scheme.DPOP) {
            return refused(BindingFailure.BOUND_TOKEN_AS_BEARER);
        }
        String x5t = confirmation.certificateThumbprint();
        if (x5t != null) {
            BindingFailure certificate = certificateFailure(presentation, x5t);
            if (certificate != null) {
                return refused(certificate);
            }
            if (jkt == null) {
                return accepted(Binding.MTLS);
            }
        }
        Binding proven = x5t != null ? Binding.DPOP_AND_MTLS : Binding.DPOP;
        if (jkt.equals(provenJkt)) {
            return accepted(proven);
        }
        return dpop.check(presentation.dpopProofs(), presentation.method(), presentation.requestUri(),
                        presentation.accessToken(), jkt)
                .thenApply(outcome -> outcome instanceof BindingOutcome.Accepted ? new BindingOutcome.Accepted(proven)
                        : outcome);
    }

    /** The WWW-Authenticate values (and nonce) a refusal of this check is answered with. */
    public BindingChallenge challenge(BindingFailure reason) {
        DPoPNonceSource nonces = dpop.settings().nonces();
        return BindingChallenge.of(reason, config.dpopAlgorithms(), nonces == null ? null : nonces.current());
    }

    public SenderConstraintConfig config() {
        return config;
    }

    private static BindingFailure certificateFailure(Presentation presentation, String x5t) {
        if (presentation.clientCertificate() == null) {
            return BindingFailure.CLIENT_CERT_MISSING;
        }
        return CertificateThumbprint.matches(presentation.clientCertificate(), x5t) ? null
                : BindingFailure.CERT_THUMBPRINT_MISMATCH;
    }

    private static CompletionStage<BindingOutcome> accepted(Binding binding) {
        return CompletableFuture.completedFuture(new BindingOutcome.Accepted(binding));
    }

    private static CompletionStage<BindingOutcome> refused(BindingFailure reason) {
        return CompletableFuture.completedFuture(new BindingOutcome.Refused(reason));
    }
}
