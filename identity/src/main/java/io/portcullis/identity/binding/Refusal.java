package io.portcullis.identity.binding;

/**
 * Ends a proof check early with a named reason. Thrown and caught inside this package only; it carries
 * no stack trace, so refusing costs no more than returning.
 */
final class Refusal extends Exception {

    private static final long serialVersionUID = 1L;

    private final BindingFailure reason;

    Refusal(BindingFailure reason) {
        super(reason.code(), null, false, false);
        this.reason = reason;
    }

    BindingFailure reason() {
        return reason;
    }
}
