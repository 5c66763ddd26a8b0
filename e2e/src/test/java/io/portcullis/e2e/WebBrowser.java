package io.portcullis.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser for the end-to-end tests: cookies kept per host and port and sent back there (Keycloak
 * marks its cookies {@code Secure} even over http, which a real browser accepts on loopback but
 * {@code java.net.CookieManager} would never send, so cookies are handled here by hand), no redirect
 * followed by itself, and HTML forms read well enough to log in.
 */
final class WebBrowser {

    private static final Pattern FORM = Pattern.compile("<form[^>]*id=\"([^\"]*)\"[^>]*action=\"([^\"]*)\"[^>]*>",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ANY_FORM_ACTION = Pattern.compile("<form[^>]*action=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern HIDDEN = Pattern.compile(
            "<input[^>]*type=\"hidden\"[^>]*name=\"([^\"]*)\"[^>]*value=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    /** authority → (cookie name → value). */
    final Map<String, Map<String, String>> cookies = new HashMap<>();

    HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    HttpResponse<String> postForm(String url, Map<String, String> fields) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Keycloak.form(fields))));
    }

    /** GET a URL, then follow a relative Location against it. */
    static String resolve(HttpResponse<?> response) {
        String location = response.headers().firstValue("Location").orElseThrow(() -> new AssertionError(
                "expected a redirect, got " + response.statusCode() + " from " + response.uri()));
        return response.uri().resolve(location).toString();
    }

    Map<String, String> cookiesFor(String url) {
        return cookies.getOrDefault(URI.create(url).getRawAuthority(), Map.of());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        request.header("Accept", "text/html,application/xhtml+xml").timeout(Duration.ofSeconds(30));
        HttpRequest built = request.build();
        String authority = built.uri().getRawAuthority();
        Map<String, String> jar = cookies.computeIfAbsent(authority, a -> new LinkedHashMap<>());
        if (!jar.isEmpty()) {
            built = HttpRequest.newBuilder(built, (n, v) -> true).header("Cookie", jar.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; "))).build();
        }
        try {
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
            for (String setCookie : response.headers().allValues("Set-Cookie")) {
                String pair = setCookie.split(";", 2)[0];
                int eq = pair.indexOf('=');
                String name = pair.substring(0, eq).trim();
                String lower = setCookie.toLowerCase(java.util.Locale.ROOT);
                if (lower.contains("max-age=0") || lower.contains("expires=thu, 01 jan 1970")
                        || lower.contains("expires=thu, 01-jan-1970")) {
                    jar.remove(name);
                } else {
                    jar.put(name, pair.substring(eq + 1));
                }
            }
            return response;
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("request to " + built.uri() + " failed: " + e);
        }
    }

    /** The action of the form with this id, HTML entities in it decoded. */
    static String formAction(String html, String formId) {
        Matcher m = FORM.matcher(html);
        while (m.find()) {
            if (m.group(1).equals(formId)) {
                return m.group(2).replace("&amp;", "&");
            }
        }
        throw new AssertionError("no form " + formId + " in the page:\n" + html);
    }

    static boolean hasForm(String html, String formId) {
        Matcher m = FORM.matcher(html);
        while (m.find()) {
            if (m.group(1).equals(formId)) {
                return true;
            }
        }
        return false;
    }

    /** The first form's action and its hidden fields (for pages such as the logout confirmation). */
    static Map.Entry<String, Map<String, String>> firstForm(String html) {
        Matcher action = ANY_FORM_ACTION.matcher(html);
        if (!action.find()) {
            throw new AssertionError("no form in the page:\n" + html);
        }
        Map<String, String> hidden = new LinkedHashMap<>();
        Matcher h = HIDDEN.matcher(html);
        while (h.find()) {
            hidden.put(h.group(1), h.group(2).replace("&amp;", "&"));
        }
        return Map.entry(action.group(1).replace("&amp;", "&"), hidden);
    }
}
