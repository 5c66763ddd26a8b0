package io.portcullis.proxy.edge;

/**
 * The reason codes the edge gives when it refuses a request. They are stable strings: they appear in
 * the client's JSON error, in the decision log and in metrics labels, and docs/security.md lists them.
 */
public final class EdgeReasons {

    // request-target
    public static final String PATH_INVALID_FORM = "path-invalid-form";
    public static final String PATH_ASTERISK = "path-asterisk";
    public static final String PATH_INVALID_CHAR = "path-invalid-char";
    public static final String PATH_BACKSLASH = "path-backslash";
    public static final String PATH_BAD_ESCAPE = "path-bad-escape";
    public static final String PATH_ENCODED_SLASH = "path-encoded-slash";
    public static final String PATH_PARAMETER = "path-parameter";
    public static final String PATH_FRAGMENT = "path-fragment";
    public static final String QUERY_INVALID_CHAR = "query-invalid-char";
    public static final String URI_TOO_LONG = "uri-too-long";

    // raw framing of the head, found before Netty parses it
    public static final String HEADER_OBS_FOLD = "header-obs-fold";
    public static final String HEADER_SPACE_BEFORE_COLON = "header-space-before-colon";
    public static final String BARE_CR = "bare-cr";
    public static final String BARE_LF = "bare-lf";
    public static final String REQUEST_LINE_INVALID = "request-line-invalid";

    // request head
    public static final String VERSION_UNSUPPORTED = "version-unsupported";
    public static final String HOST_MISSING = "host-missing";
    public static final String HOST_DUPLICATE = "host-duplicate";
    public static final String HOST_INVALID = "host-invalid";
    public static final String HOST_MISMATCH = "host-mismatch";
    public static final String CL_WITH_TE = "framing-cl-with-te";
    public static final String CL_DUPLICATE = "framing-cl-duplicate";
    public static final String CL_INVALID = "framing-cl-invalid";
    public static final String TE_INVALID = "framing-te-invalid";
    public static final String TE_UNSUPPORTED = "framing-te-unsupported";
    public static final String TE_IN_HTTP10 = "framing-te-http10";
    public static final String AUTHORIZATION_DUPLICATE = "authorization-duplicate";
    public static final String HEADERS_TOO_MANY = "headers-too-many";
    public static final String HEADERS_TOO_LARGE = "headers-too-large";
    public static final String HEADER_INVALID_NAME = "header-invalid-name";
    public static final String HEADER_INVALID_VALUE = "header-invalid-value";
    public static final String REQUEST_LINE_TOO_LONG = "request-line-too-long";
    public static final String REQUEST_MALFORMED = "request-malformed";

    // body
    public static final String BODY_MALFORMED = "body-malformed";

    private EdgeReasons() {
    }
}
