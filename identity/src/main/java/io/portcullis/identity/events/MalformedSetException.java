package io.portcullis.identity.events;

/**
 * A SET's content is not what its type requires. The message is a fixed description, safe to send
 * back to the transmitter: it never repeats the SET's content.
 */
final class MalformedSetException extends Exception {

    private static final long serialVersionUID = 1L;

    private final SetFailure failure;

    MalformedSetException(SetFailure failure) {
        super(failure.description(), null, false, false);
        this.failure = failure;
    }

    SetFailure failure() {
        return failure;
    }
}
