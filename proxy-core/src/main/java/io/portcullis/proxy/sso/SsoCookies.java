package io.portcullis.proxy.sso;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The proxy's own cookies: the session cookie (split into {@code NAME_0..NAME_n} when its value is
 * over 3.5 KB, because browsers drop cookies over 4 KB) and one short-lived login-state cookie per
 * login in progress ({@code NAME_login_<state prefix>}, so parallel logins in several tabs do not
 * overwrite each other). All are {@code HttpOnly}, {@code SameSite=Lax} (sent on the IdP's top-level
 * redirect back, never on cross-site subrequests), {@code Path=/}, and {@code Secure} unless turned off.
 * None of them is ever sent upstream.
 */
public final class SsoCookies {

    /** Largest value put in one cookie; a longer session is chunked. */
    public static final int CHUNK_CHARS = 3500;
    /** At most this many chunks are read; more is not a session we wrote. */
    static final int MAX_CHUNKS = 10;
    static final int STATE_NAME_CHARS = 16;

    private final String name;
    private final boolean secure;

    public SsoCookies(String name, boolean secure) {
        this.name = name;
        this.secure = secure;
    }

    /** The request's cookies as name → value (first wins), from every Cookie header. */
    public static Map<String, String> parse(HttpHeaders headers) {
        return parse(headers.getAll(HttpHeaderNames.COOKIE));
    }

    /** The cookies of these Cookie header values as name → value (first wins). */
    public static Map<String, String> parse(List<String> cookieHeaders) {
        Map<String, String> cookies = new LinkedHashMap<>();
        for (String header : cookieHeaders) {
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                String key = pair.substring(0, eq).trim();
                String value = pair.substring(eq + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                cookies.putIfAbsent(key, value);
            }
        }
        return cookies;
    }

    /** The session cookie's value, joined from its chunks when chunked; null when there is none. */
    public String session(Map<String, String> cookies) {
        String whole = cookies.get(name);
        if (whole != null) {
            return whole;
        }
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < MAX_CHUNKS; i++) {
            String chunk = cookies.get(name + "_" + i);
            if (chunk == null) {
                break;
            }
            joined.append(chunk);
        }
        return joined.length() == 0 ? null : joined.toString();
    }

    /** Whether the request carries any session cookie (valid or not). */
    public boolean hasSession(Map<String, String> cookies) {
        return cookies.keySet().stream().anyMatch(this::isSessionName);
    }

    /**
     * Set-Cookie values that store {@code value} as the session for {@code maxAge}, and expire every
     * other session cookie (whole or chunk) the browser sent that the new value does not overwrite.
     */
    public List<String> setSession(String value, Duration maxAge, Map<String, String> sent) {
        List<String> out = new ArrayList<>();
        List<String> written = new ArrayList<>();
        if (value.length() <= CHUNK_CHARS) {
            out.add(cookie(name, value, maxAge.getSeconds()));
            written.add(name);
        } else {
            for (int i = 0, start = 0; start < value.length(); i++, start += CHUNK_CHARS) {
                String chunkName = name + "_" + i;
                out.add(cookie(chunkName, value.substring(start, Math.min(value.length(), start + CHUNK_CHARS)),
                        maxAge.getSeconds()));
                written.add(chunkName);
            }
        }
        for (String old : sent.keySet()) {
            if (isSessionName(old) && !written.contains(old)) {
                out.add(expired(old));
            }
        }
        return out;
    }

    /** Set-Cookie values that remove every proxy cookie the browser sent (session and login states). */
    public List<String> clearAll(Map<String, String> sent) {
        List<String> out = new ArrayList<>();
        for (String cookie : sent.keySet()) {
            if (isOurs(cookie)) {
                out.add(expired(cookie));
            }
        }
        return out;
    }

    /** The name of the login-state cookie for the login with this {@code state}. */
    public String loginStateName(String state) {
        String prefix = state.length() > STATE_NAME_CHARS ? state.substring(0, STATE_NAME_CHARS) : state;
        return name + "_login_" + prefix.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    public String setLoginState(String state, String sealed, Duration maxAge) {
        return cookie(loginStateName(state), sealed, maxAge.getSeconds());
    }

    public String expireLoginState(String state) {
        return expired(loginStateName(state));
    }

    /**
     * Removes the proxy's cookies from the Cookie header(s) sent upstream, leaving every other cookie
     * exactly as the browser wrote it; drops the header when nothing is left.
     */
    public void stripUpstream(HttpHeaders headers) {
        List<String> kept = new ArrayList<>();
        for (String header : headers.getAll(HttpHeaderNames.COOKIE)) {
            StringBuilder others = new StringBuilder();
            for (String pair : header.split(";")) {
                String trimmed = pair.trim();
                int eq = trimmed.indexOf('=');
                String cookieName = eq < 0 ? trimmed : trimmed.substring(0, eq).trim();
                if (trimmed.isEmpty() || isOurs(cookieName)) {
                    continue;
                }
                others.append(others.length() == 0 ? "" : "; ").append(trimmed);
            }
            if (others.length() > 0) {
                kept.add(others.toString());
            }
        }
        headers.remove(HttpHeaderNames.COOKIE);
        if (!kept.isEmpty()) {
            headers.set(HttpHeaderNames.COOKIE, String.join("; ", kept));
        }
    }

    private boolean isSessionName(String cookie) {
        if (cookie.equals(name)) {
            return true;
        }
        if (!cookie.startsWith(name + "_")) {
            return false;
        }
        String suffix = cookie.substring(name.length() + 1);
        return !suffix.isEmpty() && suffix.length() <= 3 && suffix.chars().allMatch(Character::isDigit);
    }

    private boolean isOurs(String cookie) {
        return isSessionName(cookie) || cookie.startsWith(name + "_login_");
    }

    private String cookie(String cookieName, String value, long maxAgeSeconds) {
        return cookieName + "=" + value + "; Max-Age=" + Math.max(0, maxAgeSeconds) + "; Path=/; HttpOnly; SameSite=Lax"
                + (secure ? "; Secure" : "");
    }

    private String expired(String cookieName) {
        return cookieName + "=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "");
    }
}
