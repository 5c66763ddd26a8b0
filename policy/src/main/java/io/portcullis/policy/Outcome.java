package io.portcullis.policy;

/** The three answers a policy can give. */
public enum Outcome {
    /** Forward the request. */
    ALLOW,
    /** Refuse: 403. */
    DENY,
    /** Allowed only after a stronger or fresher login: 401 insufficient_user_authentication. */
    CHALLENGE
}
