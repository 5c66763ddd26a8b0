package io.portcullis.proxy.tools.explain;

import io.portcullis.config.IssuerConfig;
import io.portcullis.config.SenderConstraintConfig;
import io.portcullis.identity.Confirmation;
import io.portcullis.identity.Identity;
import io.portcullis.identity.binding.BindingOutcome;
import io.portcullis.identity.binding.DPoPNonceSource;
import io.portcullis.identity.binding.Presentation;
import io.portcullis.identity.binding.SenderConstraintCheck;
import io.portcullis.identity.binding.SenderConstraints;
import io.portcullis.identity.replay.MemoryReplayGuard;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The sender-constraint check of a verified token, as {@code explain} shows it: what the issuer asks
 * ({@code none}, {@code optional}, {@code required}), what the token is bound to, how it was presented,
 * and the result, made by the proxy's own check. Two differences from the running proxy, said in the
 * output: the replay store is explain's own (a proof explained is not used up at the proxy) and a
 * server nonce is not compared (the proxy's nonce key lives in its process), only required.
 *
 * @param mode      the issuer's {@code sender_constraint} mode, plus {@code , nonce required} when it demands one
 * @param token     what the token's {@code cnf} binds it to
 * @param presented how the request presents it
 * @param binding   the binding code when accepted ({@code dpop}, {@code mtls}, ...), else null
 * @param refusal   the refusal reason code, else null
 */
public record BindingExplanation(String mode, String token, String presented, String binding, String refusal) {

    /** Accepts any nonce a proof carries: explain cannot know which one the proxy handed out. */
    private static final DPoPNonceSource ANY_NONCE = new DPoPNonceSource() {
        @Override
        public String current() {
            return "explain";
        }

        @Override
        public boolean accepts(String nonce) {
            return nonce != null;
        }
    };

    /** Checks the binding of {@code identity}'s token as the proxy would; null when its issuer is not configured. */
    static BindingExplanation check(List<IssuerConfig> issuers, Identity identity, String token, String dpopProof,
                                    X509Certificate certificate, String method, String requestUri) {
        SenderConstraintCheck check = SenderConstraints.build(issuers, new MemoryReplayGuard(16), ANY_NONCE,
                Clock.systemUTC()).forIssuer(identity.issuerId());
        if (check == null) {
            return null;
        }
        Presentation presentation = new Presentation(
                dpopProof == null ? Presentation.Scheme.BEARER : Presentation.Scheme.DPOP, token,
                dpopProof == null ? List.of() : List.of(dpopProof), method, requestUri, certificate);
        CompletableFuture<BindingOutcome> outcome = check.check(presentation, identity.confirmation()).toCompletableFuture();
        // The memory replay store answers at once.
        BindingOutcome o = outcome.join();
        SenderConstraintConfig sc = check.config();
        String mode = sc.mode().configName() + (sc.dpopNonce() ? ", nonce required (its value is not checked offline)" : "");
        String presented = (dpopProof == null ? "Bearer" : "DPoP with a proof")
                + (certificate == null ? "" : ", client certificate");
        return o instanceof BindingOutcome.Accepted a
                ? new BindingExplanation(mode, boundTo(identity.confirmation()), presented, a.binding().code(), null)
                : new BindingExplanation(mode, boundTo(identity.confirmation()), presented, null,
                        ((BindingOutcome.Refused) o).reason().code());
    }

    private static String boundTo(Confirmation c) {
        if (c.unverifiable()) {
            return "names a binding this proxy cannot check";
        }
        if (c.jwkThumbprint() != null && c.certificateThumbprint() != null) {
            return "bound to a DPoP key and a client certificate";
        }
        if (c.jwkThumbprint() != null) {
            return "bound to a DPoP key (cnf.jkt)";
        }
        return c.certificateThumbprint() != null ? "bound to a client certificate (cnf.x5t#S256)" : "unbound";
    }

    /** True when the binding check refuses the token: the proxy answers 401 with {@link #refusal}. */
    public boolean refused() {
        return refusal != null;
    }
}
