package io.portcullis.proxy.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.portcullis.proxy.auth.Authorizer;
import io.portcullis.proxy.auth.DecisionBed;
import io.portcullis.proxy.auth.Verdict;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Without login, a request goes the bearer way, and an already decided verdict is wrapped at once. */
class SessionAuthorizerBearerTest {

    private static DecisionBed bed;

    @BeforeAll
    static void start() throws Exception {
        bed = new DecisionBed();
    }

    @AfterAll
    static void stop() {
        bed.close();
    }

    private static CompletableFuture<SessionAuthorizer.Outcome> authorize(HttpHeaders headers) {
        return SessionAuthorizer.authorize(SsoRuntime.disabled(), bed.identity, bed.posture, bed.policy("admins-on-compliant-devices"),
                bed.request, headers, null, Clock.systemUTC());
    }

    private static HttpHeaders bearer(String token) {
        return new DefaultHttpHeaders().add(HttpHeaderNames.AUTHORIZATION, "Bearer " + token);
    }

    @Test
    void aCachedTokensOutcomeIsCompleteAndCarriesTheBearerVerdict() throws Exception {
        String token = bed.admin(true, true);
        Verdict first = authorize(bearer(token)).get(20, TimeUnit.SECONDS).verdict();

        CompletableFuture<SessionAuthorizer.Outcome> cached = authorize(bearer(token));

        assertTrue(cached.isDone());
        SessionAuthorizer.Outcome outcome = cached.join();
        assertEquals(Verdict.Kind.FORWARD, outcome.verdict().kind());
        assertEquals(first.identity(), outcome.verdict().identity());
        assertEquals(first.reasons(), outcome.verdict().reasons());
        assertNull(outcome.session());
        assertEquals(List.of(), outcome.setCookies());
        assertEquals(Map.of(), outcome.cookies());
    }

    @Test
    void noTokenIsRefusedWithoutASessionOrCookies() throws Exception {
        SessionAuthorizer.Outcome outcome = authorize(new DefaultHttpHeaders()).get(20, TimeUnit.SECONDS);
        Verdict bearerOnly = Authorizer.authorize(bed.identity, bed.posture, bed.policy("admins-on-compliant-devices"), bed.request,
                List.of(), null).join();

        assertEquals(Verdict.Kind.UNAUTHENTICATED, outcome.verdict().kind());
        assertEquals(bearerOnly.reasons(), outcome.verdict().reasons());
        assertNull(outcome.session());
        assertEquals(List.of(), outcome.setCookies());
    }
}
