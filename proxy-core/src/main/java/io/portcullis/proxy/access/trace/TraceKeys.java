package io.portcullis.proxy.access.trace;

/**
 * The attribute names of the decision's spans, one place for the traced stages, the request span and
 * docs/observability.md to agree on.
 */
public final class TraceKeys {

    /** {@code authenticated}, {@code anonymous}, {@code not-responsible} or {@code ambiguous}. */
    public static final String AUTHN_OUTCOME = "portcullis.authn.outcome";
    /** The id of the issuer that vouched for the credential (never the subject). */
    public static final String ISSUER = "portcullis.issuer";
    /** One reason code. */
    public static final String REASON = "portcullis.reason";
    /** Reason codes, the deciding one first. */
    public static final String REASONS = "portcullis.reasons";
    public static final String POLICY = "portcullis.policy";
    public static final String RULE = "portcullis.rule";
    /** The policy's own outcome: {@code allow}, {@code deny} or {@code challenge}. */
    public static final String POLICY_OUTCOME = "portcullis.policy.outcome";
    /** What the request's decision line says: {@code allow}, {@code deny}, {@code challenge}, {@code reject}. */
    public static final String DECISION = "portcullis.decision";
    public static final String ROUTE = "portcullis.route";
    public static final String REQUEST_ID = "portcullis.request_id";

    private TraceKeys() {
    }
}
