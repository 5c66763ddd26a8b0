package io.portcullis.proxy.access;

import java.util.List;

/**
 * Where the steps of one access decision are recorded for tracing (authentication, policy), kept to
 * our own few methods so that no tracing library reaches this package and a test can record steps in a
 * list. {@link #OFF} records nothing; callers ask {@link #recording()} first and then do no tracing
 * work at all, so a decision with tracing off allocates nothing for it.
 */
public interface AccessTrace {

    /** Records nothing: tracing is off, or this request is not sampled. */
    AccessTrace OFF = new AccessTrace() {
        @Override
        public boolean recording() {
            return false;
        }

        @Override
        public Step step(String name) {
            return Step.NONE;
        }
    };

    /** Whether steps are kept; when false, {@link #step} need not be called. */
    boolean recording();

    /** Starts a step of the decision (a span, child of the request's); the caller ends it. */
    Step step(String name);

    /**
     * One started step. Attribute values are codes and names (reason codes, an issuer id, a policy
     * name), never a credential.
     */
    interface Step {

        /** A step that keeps nothing. */
        Step NONE = new Step() {
            @Override
            public Step attribute(String key, String value) {
                return this;
            }

            @Override
            public Step attribute(String key, List<String> values) {
                return this;
            }

            @Override
            public Step failed(String reason) {
                return this;
            }

            @Override
            public void end() {
            }
        };

        /** Sets an attribute; a null value sets nothing. */
        Step attribute(String key, String value);

        /** Sets a list attribute; a null list sets nothing. */
        Step attribute(String key, List<String> values);

        /** Marks the step as failed by an internal error ({@code reason} is a class name or a code). */
        Step failed(String reason);

        void end();
    }
}
