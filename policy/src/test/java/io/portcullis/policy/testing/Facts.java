package io.portcullis.policy.testing;

import io.portcullis.config.Cidr;
import io.portcullis.policy.DeviceFacts;
import io.portcullis.policy.IdentityFacts;
import io.portcullis.policy.PolicyInput;
import io.portcullis.policy.RequestFacts;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

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

    public PolicyInput input() {
        RequestFacts request = new RequestFacts(method, "app.example", path, ip == null ? null : Cidr.parseAddress(ip));
        IdentityFacts identity = claims == null ? null : new IdentityFacts("https://idp.example", subject, claims);
        DeviceFacts posture = device == null ? null : new DeviceFacts("dev-1", "token:mdm", device);
        return new PolicyInput(request, identity, posture, now);
    }

    @Override
    public String toString() {
        return "sub=" + subject + " claims=" + claims + " device=" + device + " " + method + " " + path + " from " + ip + " at " + now;
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
