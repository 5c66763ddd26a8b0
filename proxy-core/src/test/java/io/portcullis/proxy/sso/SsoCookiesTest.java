package io.portcullis.proxy.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SsoCookiesTest {

    private final SsoCookies cookies = new SsoCookies("_portcullis", true);

    private static HttpHeaders withCookies(String... headers) {
        HttpHeaders h = new DefaultHttpHeaders();
        for (String header : headers) {
            h.add("Cookie", header);
        }
        return h;
    }

    @Test
    void aSmallSessionIsOneCookieWithEveryAttribute() {
        List<String> set = cookies.setSession("v".repeat(100), Duration.ofHours(12), Map.of());

        assertEquals(List.of("_portcullis=" + "v".repeat(100) + "; Max-Age=43200; Path=/; HttpOnly; SameSite=Lax; Secure"),
                set);
    }

    @Test
    void aLargeSessionIsChunkedAndReadBackWhole() {
        String value = "a".repeat(SsoCookies.CHUNK_CHARS) + "b".repeat(SsoCookies.CHUNK_CHARS) + "c";

        List<String> set = cookies.setSession(value, Duration.ofMinutes(5), Map.of("_portcullis", "old"));

        assertEquals(4, set.size());
        assertTrue(set.get(0).startsWith("_portcullis_0=aaa"));
        assertTrue(set.get(2).startsWith("_portcullis_2=c;"));
        assertEquals("_portcullis=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax; Secure", set.get(3),
                "the unchunked cookie the browser had is removed");
        Map<String, String> sent = SsoCookies.parse(withCookies("_portcullis_1=" + "b".repeat(SsoCookies.CHUNK_CHARS)
                + "; other=1", "_portcullis_0=" + "a".repeat(SsoCookies.CHUNK_CHARS) + "; _portcullis_2=c"));
        assertEquals(value, cookies.session(sent));
    }

    @Test
    void writingASmallerSessionExpiresLeftoverChunks() {
        Map<String, String> sent = Map.of("_portcullis_0", "x", "_portcullis_1", "y", "theme", "dark");

        List<String> set = cookies.setSession("small", Duration.ofMinutes(5), sent);

        assertTrue(set.contains("_portcullis_0=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax; Secure"), set.toString());
        assertTrue(set.contains("_portcullis_1=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax; Secure"), set.toString());
        assertFalse(set.stream().anyMatch(c -> c.startsWith("theme")), "other cookies are not ours to touch");
    }

    @Test
    void noSessionCookieMeansNoSession() {
        assertNull(cookies.session(SsoCookies.parse(withCookies("theme=dark"))));
        assertNull(cookies.session(Map.of()));
    }

    @Test
    void upstreamGetsEveryCookieButOursExactlyAsSent() {
        HttpHeaders h = withCookies("theme=dark; _portcullis=sealed; lang=\"en\"",
                "_portcullis_0=a; _portcullis_login_abc=st; _portcullis_x=kept");

        cookies.stripUpstream(h);

        assertEquals(List.of("theme=dark; lang=\"en\"; _portcullis_x=kept"), h.getAll("Cookie"));
    }

    @Test
    void upstreamGetsNoCookieHeaderWhenOnlyOursWereSent() {
        HttpHeaders h = withCookies("_portcullis=sealed");

        cookies.stripUpstream(h);

        assertFalse(h.contains("Cookie"));
    }

    @Test
    void clearingRemovesSessionChunksAndLoginStatesOnly() {
        List<String> cleared = cookies.clearAll(Map.of("_portcullis_0", "a", "_portcullis_login_xyz", "s", "theme", "d"));

        assertEquals(2, cleared.size());
        assertTrue(cleared.stream().allMatch(c -> c.contains("Max-Age=0")));
    }

    @Test
    void eachLoginHasItsOwnStateCookieAndSecureCanBeOffForPlainHttp() {
        SsoCookies dev = new SsoCookies("_portcullis", false);

        String a = dev.setLoginState("AAAAAAAAAAAAAAAAzzzz", "sealed", Duration.ofMinutes(10));

        assertEquals("_portcullis_login_AAAAAAAAAAAAAAAA=sealed; Max-Age=600; Path=/; HttpOnly; SameSite=Lax", a);
        assertFalse(dev.loginStateName("BBBBBBBBBBBBBBBB").equals(dev.loginStateName("AAAAAAAAAAAAAAAA")));
    }
}
