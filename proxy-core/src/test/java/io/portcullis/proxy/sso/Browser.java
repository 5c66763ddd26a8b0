package io.portcullis.proxy.sso;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A browser as far as login is concerned: follows nothing by itself (each redirect is a step the test
 * checks), keeps the cookies the proxy sets (honouring {@code Max-Age=0} removals), sends them only to
 * the proxy, and asks for HTML like a page load does.
 */
final class Browser {

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI proxy;
    /** The proxy's cookies: name → value. */
    final Map<String, String> cookies = new LinkedHashMap<>();

    Browser(URI proxy) {
        this.proxy = proxy;
    }

    /** GET a URL, absolute or relative to the proxy, as a page load. */
    HttpResponse<String> get(String url) {
        return send(url, "text/html,application/xhtml+xml", "GET", null);
    }

    /** GET like an API client: no HTML in Accept. */
    HttpResponse<String> api(String url, String... headers) {
        return send(url, "application/json", "GET", null, headers);
    }

    HttpResponse<String> post(String url, String formBody) {
        return send(url, "application/json", "POST", formBody);
    }

    HttpResponse<String> send(String url, String accept, String method, String formBody, String... headers) {
        URI uri = proxy.resolve(url);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).header("Accept", accept);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        boolean toProxy = uri.getPort() == proxy.getPort() && uri.getHost().equals(proxy.getHost());
        if (toProxy && !cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        request.method(method, formBody == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(formBody));
        if (formBody != null) {
            request.header("Content-Type", "application/x-www-form-urlencoded");
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (toProxy) {
                store(response.headers().allValues("Set-Cookie"));
            }
            return response;
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("request to " + uri + " failed", e);
        }
    }

    private void store(List<String> setCookies) {
        for (String setCookie : setCookies) {
            String pair = setCookie.split(";", 2)[0];
            int eq = pair.indexOf('=');
            String name = pair.substring(0, eq);
            if (setCookie.contains("Max-Age=0")) {
                cookies.remove(name);
            } else {
                cookies.put(name, pair.substring(eq + 1));
            }
        }
    }

    static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElseThrow(() -> new AssertionError(
                "no Location in a " + response.statusCode() + " response"));
    }
}
