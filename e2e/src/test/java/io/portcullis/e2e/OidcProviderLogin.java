package io.portcullis.e2e;

import java.net.http.HttpResponse;
import java.util.Map;

/**
 * Drives oidc-provider's interaction flow the way a browser does: every step is a 303 followed by hand
 * (authorize → interaction page → login POST → resume at /auth/&lt;uid&gt; → the client's redirect URI).
 */
final class OidcProviderLogin {

    private OidcProviderLogin() {
    }

    /**
     * From an authorization request URL to the redirect back to the client, which is returned, not followed.
     */
    static String signIn(WebBrowser browser, String authorizeUrl, String user, String password) {
        HttpResponse<String> toInteraction = expectSeeOther(browser.get(authorizeUrl));
        String interaction = WebBrowser.resolve(toInteraction);
        HttpResponse<String> page = browser.get(interaction);
        if (page.statusCode() != 200 || !WebBrowser.hasForm(page.body(), "login")) {
            throw new AssertionError("expected oidc-provider's login page, got " + page.statusCode() + ":\n" + page.body());
        }
        String action = page.uri().resolve(WebBrowser.formAction(page.body(), "login")).toString();
        HttpResponse<String> resume = expectSeeOther(browser.postForm(action,
                Map.of("username", user, "password", password)));
        return WebBrowser.resolve(expectSeeOther(browser.get(WebBrowser.resolve(resume))));
    }

    private static HttpResponse<String> expectSeeOther(HttpResponse<String> response) {
        if (response.statusCode() != 303) {
            throw new AssertionError("expected a 303 from " + response.uri() + ", got " + response.statusCode()
                    + ":\n" + response.body());
        }
        return response;
    }
}
