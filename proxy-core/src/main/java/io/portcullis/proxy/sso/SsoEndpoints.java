package io.portcullis.proxy.sso;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.portcullis.config.ErrorPagesConfig;
import io.portcullis.identity.oidc.LoginState;
import io.portcullis.identity.oidc.OidcException;
import io.portcullis.identity.oidc.ReturnPath;
import io.portcullis.identity.oidc.Session;
import io.portcullis.identity.oidc.SsoService;
import io.portcullis.proxy.errors.ErrorResponses;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The reserved endpoints: the login callback, logout, back-channel logout and the assertion JWKS.
 * Each answers with a complete response; none ever reaches an upstream.
 */
public final class SsoEndpoints {

    /** Largest back-channel logout body read. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private final SsoRuntime sso;
    private final ByteBufAllocator alloc;
    private final Clock clock;
    private final ErrorPagesConfig pages;

    /** With the built-in error pages. */
    public SsoEndpoints(SsoRuntime sso, ByteBufAllocator alloc, Clock clock) {
        this(sso, alloc, clock, ErrorPagesConfig.builtIn());
    }

    /** With {@code pages}, the operator's templates for the error pages browsers get. */
    public SsoEndpoints(SsoRuntime sso, ByteBufAllocator alloc, Clock clock, ErrorPagesConfig pages) {
        this.sso = sso;
        this.alloc = alloc;
        this.clock = clock;
        this.pages = pages;
    }

    /** The response for a reserved path; {@code body} is the request body (empty when none was read). */
    public CompletableFuture<LocalAnswer> handle(HttpRequest request, String path, String rawQuery, String body,
                                                      String requestId) {
        boolean html = ErrorResponses.wantsHtml(request.headers().get(io.netty.handler.codec.http.HttpHeaderNames.ACCEPT));
        boolean head = HttpMethod.HEAD.equals(request.method());
        if (path.equals(ReservedPaths.JWKS) && sso.signer() != null) {
            return onlyGet(request) ? done(LocalResponses.json(HttpResponseStatus.OK, sso.signer().publicJwks(),
                    "public, max-age=300", requestId), "assertion-jwks") : methodNotAllowed(requestId, html, head);
        }
        if (!sso.loginEnabled() || !(path.equals(ReservedPaths.CALLBACK) || path.equals(ReservedPaths.LOGOUT)
                || path.equals(ReservedPaths.BACKCHANNEL_LOGOUT))) {
            return done(error(HttpResponseStatus.NOT_FOUND, "no-route", requestId, html, head, List.of()), "no-route");
        }
        Map<String, String> cookies = SsoCookies.parse(request.headers());
        if (path.equals(ReservedPaths.CALLBACK)) {
            // GET only: a HEAD must not spend the one-time code.
            return HttpMethod.GET.equals(request.method()) ? callback(rawQuery, cookies, requestId, html, head)
                    : methodNotAllowed(requestId, html, head);
        }
        if (path.equals(ReservedPaths.LOGOUT)) {
            return logout(cookies, requestId);
        }
        return HttpMethod.POST.equals(request.method()) ? backchannelLogout(body, requestId)
                : methodNotAllowed(requestId, html, head);
    }

    private CompletableFuture<LocalAnswer> callback(String rawQuery, Map<String, String> cookies, String requestId,
                                                         boolean html, boolean head) {
        Map<String, List<String>> params = new QueryStringDecoder(rawQuery == null ? "" : rawQuery, false).parameters();
        String state = single(params, "state");
        SsoCookies names = sso.cookies();
        List<String> forgetState = state == null ? List.of() : List.of(names.expireLoginState(state));
        if (single(params, "error") != null) {
            // The IdP refused or the user cancelled: nothing to exchange, and no session.
            return done(error(HttpResponseStatus.UNAUTHORIZED, "login-failed", requestId, html, head, forgetState),
                    "login-failed");
        }
        String code = single(params, "code");
        LoginState login = state == null ? null : sso.service().loginStates().decode(cookies.get(names.loginStateName(state)));
        if (code == null || login == null || !sameText(login.state(), state)) {
            // No state cookie for this state in this browser: a forged or replayed callback (login CSRF).
            return done(error(HttpResponseStatus.BAD_REQUEST, "login-state-invalid", requestId, html, head, forgetState),
                    "login-state-invalid");
        }
        SsoService service = sso.service();
        return service.finishLogin(login, code).handle((session, failure) -> {
            if (failure != null) {
                String reason = OidcException.reasonOf(failure);
                return new LocalAnswer(error(HttpResponseStatus.UNAUTHORIZED, reason, requestId, html, head, forgetState),
                        reason);
            }
            List<String> setCookies = new ArrayList<>(names.setSession(service.sessions().encode(session),
                    Duration.between(clock.instant(), session.expiresAt()), cookies));
            setCookies.addAll(forgetState);
            return new LocalAnswer(LocalResponses.redirect(ReturnPath.sanitize(login.returnTo()), setCookies, requestId),
                    "login-complete");
        });
    }

    private CompletableFuture<LocalAnswer> logout(Map<String, String> cookies, String requestId) {
        SsoService service = sso.service();
        String value = sso.cookies().session(cookies);
        Session session = value == null ? null : service.sessions().decode(value);
        if (session != null) {
            service.revoked().revokeSession(session.id());
        }
        List<String> clear = sso.cookies().clearAll(cookies);
        return service.logoutRedirect(session).thenApply(uri -> new LocalAnswer(
                LocalResponses.redirect(uri.toString(), clear, requestId), "logout"));
    }

    private CompletableFuture<LocalAnswer> backchannelLogout(String body, String requestId) {
        String token = single(new QueryStringDecoder(body, StandardCharsets.UTF_8, false).parameters(), "logout_token");
        if (token == null) {
            return done(LocalResponses.json(HttpResponseStatus.BAD_REQUEST,
                    "{\"error\":\"invalid_request\",\"error_description\":\"logout_token is required\"}\n",
                    "no-store", requestId), "logout-token-missing");
        }
        return sso.service().backchannelLogout(token).handle((ok, failure) -> {
            if (failure == null) {
                return new LocalAnswer(LocalResponses.json(HttpResponseStatus.OK, "{}\n", "no-store", requestId),
                        "backchannel-logout");
            }
            String reason = OidcException.reasonOf(failure);
            return new LocalAnswer(LocalResponses.json(HttpResponseStatus.BAD_REQUEST,
                    "{\"error\":\"invalid_request\",\"error_description\":\"" + reason + "\"}\n", "no-store",
                    requestId), reason);
        });
    }

    private static boolean onlyGet(HttpRequest request) {
        return HttpMethod.GET.equals(request.method()) || HttpMethod.HEAD.equals(request.method());
    }

    private CompletableFuture<LocalAnswer> methodNotAllowed(String requestId, boolean html, boolean head) {
        return done(error(HttpResponseStatus.METHOD_NOT_ALLOWED, "method-not-allowed", requestId, html, head, List.of()),
                "method-not-allowed");
    }

    private FullHttpResponse error(HttpResponseStatus status, String reason, String requestId, boolean html, boolean head,
                                   List<String> setCookies) {
        return LocalResponses.error(pages, alloc, status, reason, requestId, html, head, setCookies);
    }

    /** The one value of a parameter; null when absent or repeated (a repeated state or code is suspect). */
    private static String single(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.size() != 1 || values.get(0).isEmpty() ? null : values.get(0);
    }

    private static boolean sameText(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static CompletableFuture<LocalAnswer> done(FullHttpResponse response, String reason) {
        return CompletableFuture.completedFuture(new LocalAnswer(response, reason));
    }
}
