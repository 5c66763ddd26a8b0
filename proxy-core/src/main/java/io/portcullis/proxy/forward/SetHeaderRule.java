package io.portcullis.proxy.forward;

import io.portcullis.config.HeaderTemplate;
import io.portcullis.identity.DevicePosture;
import io.portcullis.identity.Identity;
import io.portcullis.proxy.forward.IdentityHeaderRule.Omission;
import io.portcullis.proxy.forward.IdentityHeaderRule.Rendered;
import java.util.List;

/**
 * One {@code request_headers.set} entry: a header set from a template over the request's facts. When
 * any value the template names is absent (no identity on a public route, a claim the token lacks) the
 * header is not sent at all rather than sent half-filled; a value with a control character or over the
 * size budget is left out like an identity header's. The client's own copy never survives either way:
 * the name is scrubbed from every request before the rules run.
 *
 * @param header   the header name sent upstream
 * @param template the parsed value
 * @param maxBytes largest value sent ({@code limits.max_identity_header_bytes})
 */
public record SetHeaderRule(String header, HeaderTemplate template, int maxBytes) {

    /** What a template reads of one request. */
    public record Facts(Identity identity, DevicePosture posture, String requestId, String routeId) {
    }

    /** The value to send, or why none is sent. */
    public Rendered render(Facts facts) {
        List<HeaderTemplate.Part> parts = template.parts();
        StringBuilder sb = new StringBuilder();
        for (int i = 0, n = parts.size(); i < n; i++) {
            HeaderTemplate.Part part = parts.get(i);
            if (part instanceof HeaderTemplate.Literal l) {
                sb.append(l.text());
                continue;
            }
            HeaderTemplate.Placeholder p = (HeaderTemplate.Placeholder) part;
            Object v = value(p, facts);
            if (v == null) {
                return IdentityHeaderRule.ABSENT_VALUE;
            }
            String text = HeaderValues.text(v);
            if (text == null) {
                return new Rendered(null, Omission.UNSUPPORTED_TYPE);
            }
            sb.append(text);
        }
        return HeaderValues.checked(sb.toString(), maxBytes);
    }

    private static Object value(HeaderTemplate.Placeholder p, Facts facts) {
        Identity identity = facts.identity();
        DevicePosture posture = facts.posture();
        return switch (p.source()) {
            case CLAIMS -> identity == null ? null : IdentityHeaderRule.lookup(identity.claims(), p.key());
            case IDENTITY -> identity == null ? null : switch (p.key()) {
                case "subject" -> identity.subject();
                case "issuer" -> identity.issuer();
                case "issuer_id" -> identity.issuerId();
                default -> null;
            };
            case DEVICE -> posture == null ? null : switch (p.key()) {
                case "id" -> posture.deviceId();
                case "source" -> posture.source();
                default -> IdentityHeaderRule.lookup(posture.attributes(), p.key());
            };
            case REQUEST -> facts.requestId();
            case ROUTE -> facts.routeId();
        };
    }
}
