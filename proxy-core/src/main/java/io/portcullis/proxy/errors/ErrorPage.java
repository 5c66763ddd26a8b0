package io.portcullis.proxy.errors;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.portcullis.config.PageTemplate;
import java.net.URI;
import java.util.List;

/**
 * An operator's error page template filled in for one refusal. Every value is HTML-escaped, even
 * those the proxy made itself (the request id of a trusted proxy, a reason code), since a template may
 * put them in an attribute as well as in text.
 */
public final class ErrorPage {

    private ErrorPage() {
    }

    /** The page for {@code status}; {@code supportUrl} may be null only when the template does not name it. */
    public static String render(PageTemplate template, HttpResponseStatus status, String reason, String requestId,
                                URI supportUrl) {
        List<PageTemplate.Part> parts = template.parts();
        StringBuilder sb = new StringBuilder(1024);
        for (int i = 0, n = parts.size(); i < n; i++) {
            if (parts.get(i) instanceof PageTemplate.Literal l) {
                sb.append(l.html());
            } else {
                String value = switch (((PageTemplate.Field) parts.get(i)).name()) {
                    case "status" -> Integer.toString(status.code());
                    case "status_text" -> status.reasonPhrase();
                    case "reason" -> reason;
                    case "request_id" -> requestId;
                    case "explanation" -> ErrorResponses.explanation(status);
                    case "support_url" -> supportUrl == null ? "" : supportUrl.toString();
                    default -> "";
                };
                ErrorResponses.escape(sb, value == null ? "" : value);
            }
        }
        return sb.toString();
    }
}
