package io.portcullis.proxy.sso;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.portcullis.identity.oidc.SsoService;
import io.portcullis.identity.oidc.StepUp;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Answers a browser that must log in with a redirect to the issuer: a plain login, or a step-up
 * ({@code prompt=login}, {@code max_age}, {@code acr_values}). Which of them, and whether at all, the
 * access package decides ({@code AccessResponses}); this renders it.
 */
public final class LoginRedirects {

    private LoginRedirects() {
    }

    /**
     * Starts the login {@code stepUp} asks for (see {@code AccessResponses}, which decides when) and
     * answers with the redirect to the issuer, or 502 when the issuer cannot be reached.
     */
    public static CompletableFuture<LocalAnswer> start(SsoRuntime sso, HttpRequest request, StepUp stepUp,
                                                       String requestId, ByteBufAllocator alloc) {
        SsoService service = sso.service();
        SsoCookies cookies = sso.cookies();
        boolean head = HttpMethod.HEAD.equals(request.method());
        return service.startLogin(request.uri(), stepUp).handle((start, failure) -> {
            if (failure != null) {
                return new LocalAnswer(LocalResponses.error(alloc, HttpResponseStatus.BAD_GATEWAY, "idp-unreachable",
                        requestId, true, head, List.of()), "idp-unreachable");
            }
            return new LocalAnswer(LocalResponses.redirect(start.authorizationUri().toString(), List.of(
                    cookies.setLoginState(start.state().state(), start.sealedState(), SsoService.LOGIN_TIMEOUT)),
                    requestId), stepUp.any() ? "step-up" : "login-redirect");
        });
    }
}
