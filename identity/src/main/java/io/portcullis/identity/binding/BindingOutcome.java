package io.portcullis.identity.binding;

/** The answer of a binding check: accepted with how it was bound, or refused with why. */
public sealed interface BindingOutcome {

    /** The presenter is the one the token was bound to (or the issuer's mode asks no more). */
    record Accepted(Binding binding) implements BindingOutcome {
    }

    /** Refused; {@link BindingChallenge#of} turns the reason into what the client is told. */
    record Refused(BindingFailure reason) implements BindingOutcome {
    }
}
