package io.portcullis.proxy.access.authn;

import io.portcullis.identity.binding.Binding;
import io.portcullis.identity.binding.BindingChallenge;

import io.portcullis.identity.AuthResult;
import io.portcullis.identity.Identity;
import io.portcullis.policy.IdentityFacts;
import io.portcullis.proxy.access.SessionOutcome;
import java.util.concurrent.CompletableFuture;

/** An authenticator's answer: one of the four records below. */
public sealed interface Authentication {

    /** This authenticator has no credential of its kind to read: the next one is asked. */
    Authentication NOT_RESPONSIBLE = new NotResponsible();

    /** {@link #NOT_RESPONSIBLE}, completed, shared: declining allocates nothing. */
    CompletableFuture<Authentication> NOT_RESPONSIBLE_NOW = CompletableFuture.completedFuture(NOT_RESPONSIBLE);

    /** What no responsible authenticator means: an anonymous request, {@code token-missing}. */
    CompletableFuture<Authentication> ANONYMOUS_NOW =
            CompletableFuture.completedFuture(new Anonymous("token-missing", SessionOutcome.NONE, null));

    /** See {@link #NOT_RESPONSIBLE}. */
    record NotResponsible() implements Authentication {
    }

    /**
     * No identity: no credential, or one that was refused or could not be read. A public route serves
     * the request anonymously; any other refuses it with {@code reason}.
     *
     * @param reason  the reason code the decision log shows
     * @param session   what the response must carry (e.g. clearing an unusable session cookie)
     * @param challenge what a token whose sender binding was not proven is answered with, else null
     */
    record Anonymous(String reason, SessionOutcome session, BindingChallenge challenge) implements Authentication {
    }

    /**
     * The credential is ambiguous (e.g. two Authorization headers): 400, whatever the policy.
     *
     * @param reason the reason code
     */
    record Ambiguous(String reason) implements Authentication {
    }

    /**
     * A verified identity.
     *
     * @param identity the identity as verified, or null when only facts were given (offline tools)
     * @param facts    what the policy sees of it
     * @param bearer   how a bearer token was verified (it may carry the claim posture), else null
     * @param session  the session it came from, and cookies to set
     * @param binding  how the bearer token was tied to its presenter, null for a session or given facts
     */
    record Authenticated(Identity identity, IdentityFacts facts, AuthResult.Authenticated bearer,
                         SessionOutcome session, Binding binding) implements Authentication {

        /** A verified identity with the facts the policy sees of it; {@code binding} null for a session. */
        public static Authenticated of(Identity identity, AuthResult.Authenticated bearer, SessionOutcome session,
                                       Binding binding) {
            return new Authenticated(identity, new IdentityFacts(identity.issuer(), identity.subject(),
                    identity.claims(), binding == null ? null : binding.code()), bearer, session, binding);
        }
    }

    /** Anonymous with no session to report. */
    static Anonymous anonymous(String reason) {
        return new Anonymous(reason, SessionOutcome.NONE, null);
    }
}
