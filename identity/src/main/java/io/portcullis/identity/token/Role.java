package io.portcullis.identity.token;

/** What a token is presented as: a user's identity or a device's posture. */
public enum Role {
    IDENTITY,
    DEVICE
}
