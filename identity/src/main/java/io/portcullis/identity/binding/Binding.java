package io.portcullis.identity.binding;

/** How an accepted token was tied to its presenter; {@link #code()} is what the decision line and assertion say. */
public enum Binding {
    /** The token carries no binding, and the issuer's mode lets unbound tokens through. */
    UNBOUND("unbound"),
    /** A DPoP proof made with the key of {@code cnf.jkt}. */
    DPOP("dpop"),
    /** The verified client certificate of {@code cnf.x5t#S256}. */
    MTLS("mtls"),
    /** Both. */
    DPOP_AND_MTLS("dpop+mtls"),
    /** The issuer's mode is {@code none}: whatever binding the token has was not checked. */
    NOT_CHECKED("not-checked");

    private final String code;

    Binding(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
