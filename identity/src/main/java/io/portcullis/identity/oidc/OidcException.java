package io.portcullis.identity.oidc;

/**
 * A failed step of the OIDC flow. The message is a stable reason code (e.g. {@code token-exchange-failed},
 * {@code id-token-invalid}) that logs may carry and the user may see; never a token or secret.
 */
public final class OidcException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public OidcException(String reason) {
        super(reason, null, false, false);
    }

    public String reason() {
        return getMessage();
    }

    /** The reason code of a failure that may be wrapped in completion exceptions. */
    public static String reasonOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof OidcException oidc) {
                return oidc.reason();
            }
        }
        return "idp-unreachable";
    }
}
