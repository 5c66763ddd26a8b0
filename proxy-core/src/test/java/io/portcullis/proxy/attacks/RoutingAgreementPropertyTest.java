package io.portcullis.proxy.attacks;

import io.portcullis.fixtures.RecordedRequest;
import io.portcullis.proxy.ProxyFixture;
import io.portcullis.proxy.RawHttp;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Generated request targets and header sets against the real proxy. Whatever comes in, routing,
 * policy and forwarding agree: a forwarded request's path is exactly the canonical path the route and
 * policy were decided on (as the decision log records it), it lies under the route that allowed it,
 * and no forged identity or override header goes with it. And the proxy never answers 5xx nor hangs.
 */
class RoutingAgreementPropertyTest {

    private static final Pattern PATH = Pattern.compile("\"path\":\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern ROUTE = Pattern.compile("\"route\":\"([^\"]*)\"");
    private static final AtomicLong PROBES = new AtomicLong();
    private static final List<String> FORGED = List.of("x-forwarded-user", "x-forwarded-email", "x-forwarded-groups",
            "x-original-url", "x-rewrite-url", "x-http-method-override", "x-forwarded-prefix", "x-device-posture");

    static ProxyFixture fx;

    @BeforeContainer
    static void start() {
        fx = new ProxyFixture(ProxyFixture.EXAMPLE);
    }

    @AfterContainer
    static void stop() {
        fx.close();
    }

    @Provide
    Arbitrary<String> targets() {
        // mostly segments that canonicalize (so requests get through and agreement is checked), some that
        // must be refused
        Arbitrary<String> canonicalizing = Arbitraries.of("public", "admin", "PUBLIC", "..", ".", "", "%2e", "%2E%2e",
                ".%2e", "%2e.", "%41dmin", "~x", "%252e", "x%20y", "public-admin", "%7e", "*", "a");
        Arbitrary<String> refused = Arbitraries.of("%2f", "%2F", "%5c", "a;b", ";", "%00", "\\", "%", "%zz",
                "caf\u00e9", "a b");
        Arbitrary<String> segment = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(9, canonicalizing), net.jqwik.api.Tuple.of(1, refused));
        Arbitrary<String> path = segment.list().ofMaxSize(6).map(l -> String.join("/", l));
        Arbitrary<String> start = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, Arbitraries.just("/public/")),
                net.jqwik.api.Tuple.of(2, Arbitraries.just("/")),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("//", "", "http://app.test/", "HTTP://APP.TEST/")));
        Arbitrary<String> query = Arbitraries.of("", "?q=1", "?next=/admin", "?a=%2e%2e/admin", "#frag", "??", "?x y");
        return net.jqwik.api.Combinators.combine(start, path, query).as((s, p, q) -> s + p + q);
    }

    @Provide
    Arbitrary<List<String>> headerSets() {
        return Arbitraries.of("X-Forwarded-User: admin", "x_forwarded_user: root", "X-FORWARDED-GROUPS: admins",
                "X-Forwarded-Email: ceo@corp.example", "X-Original-URL: /admin", "X-Rewrite-URL: /admin",
                "X-HTTP-Method-Override: DELETE", "X-Forwarded-Prefix: /admin", "X-Forwarded-For: 10.0.0.1",
                "Forwarded: for=10.0.0.1", "X-Device-Posture: x.y.z", "Authorization: Bearer not.a.token",
                "Accept: text/html", "Connection: X-Forwarded-User").list().ofMaxSize(5).uniqueElements();
    }

    @Property(tries = 200)
    boolean routingPolicyAndForwardingAgree(@ForAll("targets") String target,
                                            @ForAll("headerSets") List<String> headers) throws Exception {
        String probe = "p" + PROBES.incrementAndGet();
        RawHttp.Response r;
        try (RawHttp c = fx.client()) {
            String[] lines = headers.toArray(new String[0]);
            String[] all = java.util.Arrays.copyOf(lines, lines.length + 1);
            all[lines.length] = "X-Probe: " + probe;
            r = c.get(target, all);
        }
        if (r.status() >= 500) {
            throw new AssertionError(target + " " + headers + " → " + r.status() + " " + r.body());
        }
        RecordedRequest seen = fx.upstream.requests().stream().filter(q -> probe.equals(q.header("X-Probe")))
                .findFirst().orElse(null);
        if (r.status() != 200) {
            if (seen != null) {
                throw new AssertionError(target + " was refused with " + r.status() + " but reached the upstream");
            }
            return true;
        }
        if (seen == null) {
            throw new AssertionError(target + " answered 200 without reaching the upstream");
        }
        String line = fx.awaitDecision("\"request_id\":\"" + r.header("x-request-id") + "\"");
        String decidedPath = group(PATH, line);
        String route = group(ROUTE, line);
        String forwardedPath = seen.uri().contains("?") ? seen.uri().substring(0, seen.uri().indexOf('?')) : seen.uri();
        if (!forwardedPath.equals(decidedPath)) {
            throw new AssertionError(target + ": decided on " + decidedPath + " but forwarded " + forwardedPath);
        }
        if (!route.equals("public") || !(forwardedPath.equals("/public") || forwardedPath.startsWith("/public/"))) {
            throw new AssertionError(target + ": anonymous request forwarded outside /public: " + forwardedPath);
        }
        for (var h : seen.headers()) {
            String name = h.getKey().toLowerCase(Locale.ROOT).replace('_', '-');
            if (FORGED.contains(name)) {
                throw new AssertionError(target + ": forged " + h + " reached the upstream");
            }
        }
        return true;
    }

    private static String group(Pattern p, String line) {
        Matcher m = p.matcher(line);
        if (!m.find()) {
            throw new AssertionError("no " + p + " in " + line);
        }
        return m.group(1);
    }
}
