package io.portcullis.policy.testing;

import io.portcullis.config.Cidr;
import io.portcullis.policy.DeviceFacts;
import io.portcullis.policy.IdentityFacts;
import io.portcullis.policy.PdpAnswers;
import io.portcullis.policy.PdpQuestion;
import io.portcullis.policy.PolicyInput;
import io.portcullis.policy.RequestFacts;
import io.portcullis.policy.RequestHeaders;
import io.portcullis.policy.RiskFacts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds {@link PolicyInput}s for tests. Starts anonymous and without device posture: a GET of
 * {@code /} from 10.1.2.3 at a fixed instant.
 */
public final class Facts {

    public static final Instant NOW = Instant.parse("2026-03-04T10:00:00Z"); // a Wednesday

    private String method = "GET";
    private String path = "/";
    private String ip = "10.1.2.3";
    private String subject = "alice";
    private Map<String, Object> claims;
    private Map<String, Object> device;
    private Instant now = NOW;
    private RiskFacts risk;
    private Map<String, List<String>> headers;
    private String binding;
    private Map<PdpQuestion, Boolean> pdp;

    private Facts() {
    }

    public static Facts anonymous() {
        return new Facts();
    }

    /** An identity with the given claims (alternating name, value). */
    public static Facts user(Object... claims) {
        return new Facts().claims(claims);
    }

    public Facts claims(Object... nameValues) {
        this.claims = pairs(nameValues);
        return this;
    }

    /** How the identity's token was bound ({@code dpop}, {@code mtls}, …); null: not a token. */
    public Facts binding(String binding) {
        this.binding = binding;
        return this;
    }

    public Facts subject(String subject) {
        this.subject = subject;
        return this;
    }

    public Facts device(Object... nameValues) {
        this.device = pairs(nameValues);
        return this;
    }

    /** No device posture at all (not an empty one). */
    public Facts withoutDevice() {
        this.device = null;
        return this;
    }

    public Facts method(String method) {
        this.method = method;
        return this;
    }

    public Facts path(String path) {
        this.path = path;
        return this;
    }

    public Facts ip(String ip) {
        this.ip = ip;
        return this;
    }

    public Facts now(Instant now) {
        this.now = now;
        return this;
    }

    public Facts risk(RiskFacts risk) {
        this.risk = risk;
        return this;
    }

    /**
     * What a PDP answered for a question about this user ({@code alice} of {@code https://idp.example}):
     * the first call turns PDP answers on; a question without an answer is unavailable.
     */
    public Facts pdp(String pdp, String action, String type, String id, boolean decision) {
        if (this.pdp == null) {
            this.pdp = new LinkedHashMap<>();
        }
        this.pdp.put(new PdpQuestion(pdp, "https://idp.example", subject, action, type, id), decision);
        return this;
    }

    /** PDP answers on, with none answered (every PDP was unavailable). */
    public Facts pdpUnavailable() {
        this.pdp = new LinkedHashMap<>();
        return this;
    }

    /** Adds a header field (names ignore case); the first call turns header access on. */
    public Facts header(String name, String value) {
        if (headers == null) {
            headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        }
        headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        return this;
    }

    /** Header access with no fields at all. */
    public Facts noHeaders() {
        headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        return this;
    }

    public PolicyInput input() {
        Map<String, List<String>> fields = headers;
        RequestHeaders access = fields == null ? null : name -> fields.getOrDefault(name, List.of());
        RequestFacts request = new RequestFacts(method, "app.example", path, ip == null ? null : Cidr.parseAddress(ip),
                access);
        IdentityFacts identity = claims == null ? null : new IdentityFacts("https://idp.example", subject, claims, binding);
        DeviceFacts posture = device == null ? null : new DeviceFacts("dev-1", "token:mdm", device);
        return new PolicyInput(request, identity, posture, now, risk, pdp == null ? null : new PdpAnswers(pdp));
    }

    @Override
    public String toString() {
        return "sub=" + subject + " claims=" + claims + " device=" + device + " " + method + " " + path + " from " + ip + " at " + now
                + (risk == null ? "" : " " + risk) + (pdp == null ? "" : " pdp=" + pdp) + (headers == null ? "" : " headers=" + headers);
    }

    private static Map<String, Object> pairs(Object[] nameValues) {
        if (nameValues.length % 2 != 0) {
            throw new IllegalArgumentException("name/value pairs expected");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            m.put((String) nameValues[i], nameValues[i + 1]);
        }
        return m;
    }
}
