package io.portcullis.proxy.decisionapi;

import io.portcullis.config.Cidr;
import io.portcullis.config.HeaderNames;
import io.portcullis.policy.IdentityFacts;
import io.portcullis.policy.RequestFacts;
import java.net.InetAddress;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One AuthZEN 1.0 evaluation mapped onto the facts the policies already use (docs/authzen.md):
 * {@code subject.id} → {@code sub}, {@code subject.properties} → identity claims; {@code action.name}
 * (or {@code action.properties.method}) → method; {@code resource.properties.path} (or a
 * {@code resource.id} that starts with {@code /}) → path, {@code resource.properties.host} → host;
 * {@code context.source_ip} → source IP (absent: unknown, so no {@code source_ip} test can allow),
 * {@code context.time} → the policy's {@code now}. The subject is taken as given: the caller is a
 * trusted enforcement point that authenticated it.
 *
 * @param request  the request facts, or null when {@code problem} is set
 * @param identity the subject's facts, or null when {@code problem} is set
 * @param time     when to decide at
 * @param problem  why the evaluation cannot be decided (a deny with this reason), or null
 */
public record AuthZenRequest(RequestFacts request, IdentityFacts identity, Instant time, String problem) {

    /** The issuer the policy sees for a subject an AuthZEN caller vouches for, unless properties name one. */
    public static final String ISSUER = "authzen";

    /** Maps one evaluation (defaults already merged in). */
    static AuthZenRequest of(Map<String, Object> evaluation, Instant now) {
        Map<String, Object> subject = map(evaluation.get("subject"));
        Map<String, Object> action = map(evaluation.get("action"));
        Map<String, Object> resource = map(evaluation.get("resource"));
        Map<String, Object> context = map(evaluation.get("context"));
        if (subject == null || !(subject.get("id") instanceof String sub) || sub.isEmpty()) {
            return problem("subject-missing", now);
        }
        if (action == null || !(action.get("name") instanceof String name)) {
            return problem("action-missing", now);
        }
        Map<String, Object> actionProps = orEmpty(action.get("properties"));
        String method = actionProps.get("method") instanceof String m ? m : name;
        if (!HeaderNames.isToken(method)) {
            return problem("action-not-a-method", now);
        }
        Map<String, Object> resourceProps = resource == null ? Map.of() : orEmpty(resource.get("properties"));
        String path = resourceProps.get("path") instanceof String p ? p
                : resource != null && resource.get("id") instanceof String id && id.startsWith("/") ? id : null;
        if (path == null) {
            return problem("resource-path-missing", now);
        }
        String host = resourceProps.get("host") instanceof String h ? h : "";
        Map<String, Object> ctx = context == null ? Map.of() : context;
        Instant time = now;
        if (ctx.get("time") instanceof String t) {
            try {
                time = Instant.parse(t);
            } catch (DateTimeParseException e) {
                return problem("context-time-invalid", now);
            }
        }
        InetAddress source = null;
        if (ctx.get("source_ip") instanceof String ip) {
            source = literalAddress(ip);
            if (source == null) {
                return problem("context-source-ip-invalid", now);
            }
        }
        Map<String, Object> claims = new HashMap<>(orEmpty(subject.get("properties")));
        claims.put("sub", sub);
        String issuer = claims.get("iss") instanceof String iss ? iss : ISSUER;
        // The PEP's request headers are not the subject's: a policy's header test sees none (unknown).
        return new AuthZenRequest(new RequestFacts(method, host, path, source, header -> List.of()),
                new IdentityFacts(issuer, sub, claims, null), time, null);
    }

    private static AuthZenRequest problem(String reason, Instant now) {
        return new AuthZenRequest(null, null, now, reason);
    }

    /** An IP literal only: a name would be a DNS lookup on the event loop and a fact nobody checked. */
    private static InetAddress literalAddress(String ip) {
        try {
            return Cidr.parseAddress(ip);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    private static Map<String, Object> orEmpty(Object o) {
        Map<String, Object> m = map(o);
        return m == null ? Map.of() : m;
    }
}
