package io.portcullis.e2e;

import java.net.http.HttpResponse;
import java.util.Map;

/** Drives Keycloak's real login pages: the username/password form, then the OTP form when asked. */
final class KeycloakLogin {

    static final String TOTP_SECRET_CAROL = "portcullis-totp-secret-0123456789";

    private KeycloakLogin() {
    }

    /**
     * From the proxy's redirect to Keycloak to the proxy's answer at the callback.
     *
     * @param totpSecret the user's TOTP secret when Keycloak will ask for a code, else null
     */
    static HttpResponse<String> signIn(WebBrowser browser, HttpResponse<String> toKeycloak, String user, String password,
                                       String totpSecret) {
        HttpResponse<String> page = browser.get(WebBrowser.resolve(toKeycloak));
        if (page.statusCode() != 200 || !WebBrowser.hasForm(page.body(), "kc-form-login")) {
            throw new AssertionError("expected Keycloak's login page, got " + page.statusCode() + ":\n" + page.body());
        }
        HttpResponse<String> afterPassword = browser.postForm(WebBrowser.formAction(page.body(), "kc-form-login"),
                Map.of("username", user, "password", password, "credentialId", ""));
        HttpResponse<String> toCallback = afterPassword;
        if (totpSecret != null) {
            if (afterPassword.statusCode() != 200) {
                throw new AssertionError("expected the OTP page, got " + afterPassword.statusCode());
            }
            toCallback = browser.postForm(WebBrowser.formAction(afterPassword.body(), "kc-otp-login-form"),
                    Map.of("otp", Totp.now(totpSecret), "login", "Sign In"));
        }
        String callback = WebBrowser.resolve(toCallback);
        if (!callback.contains("/.portcullis/callback?")) {
            throw new AssertionError("Keycloak sent the browser to " + callback);
        }
        return browser.get(callback);
    }
}
