package io.portcullis.proxy.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.proxy.edge.CanonicalPath.Canonical;
import io.portcullis.proxy.edge.CanonicalPath.Rejected;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalPathTest {

    private static Canonical ok(String target) {
        return assertInstanceOf(Canonical.class, CanonicalPath.parse(target, false), target);
    }

    private static String rejected(String target, boolean allowEncodedSlash) {
        return assertInstanceOf(Rejected.class, CanonicalPath.parse(target, allowEncodedSlash), target).reason();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "/|/",
        "/a/b/c|/a/b/c",
        "/a/b/|/a/b/",
        "//a///b//|/a/b/",
        "/a/./b|/a/b",
        "/a/.|/a/",
        "/./|/",
        "/a/b/../c|/a/c",
        "/a/b/..|/a/",
        "/a/..|/",
        "/..|/",
        "/../../../etc/passwd|/etc/passwd",
        "/public/%2e%2e/admin|/admin",
        "/public/%2E%2E/admin|/admin",
        "/public/.%2e/admin|/admin",
        "/public/%2e/admin|/public/admin",
        "/a//../b|/b",
        "/a/.../b|/a/.../b",
        "/a/..b/c|/a/..b/c",
        "/a/b.|/a/b.",
        "/%41%62%7e%2D%5f|/Ab~-_",
        "/caf%c3%a9|/caf%C3%A9",
        "/a%3bb|/a%3Bb",
        "/a%3Fb|/a%3Fb",
        "/%25|/%25",
    })
    void canonicalizesPath(String target, String expected) {
        Canonical result = ok(target);
        assertEquals(expected, result.path());
        assertNull(result.rawQuery());
        assertNull(result.absoluteFormAuthority());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "path-invalid-form|''",
        "path-invalid-form|admin",
        "path-invalid-form|ftp://host/a",
        "path-invalid-form|http:///a",
        "path-invalid-form|http://",
        "path-invalid-char|/a\u0000b",
        "path-invalid-char|/a\u0001b",
        "path-invalid-char|/a\tb",
        "path-invalid-char|/a b",
        "path-invalid-char|/a\u007fb",
        "path-invalid-char|/caf\u00e9",
        "path-invalid-char|/a%00b",
        "path-backslash|/a\\b",
        "path-backslash|/public/..\\admin",
        "path-bad-escape|/a%",
        "path-bad-escape|/a%2",
        "path-bad-escape|/a%zz",
        "path-bad-escape|/a%2g",
        "path-bad-escape|/a%\u0661\u0661",
        "path-encoded-slash|/a%2fb",
        "path-encoded-slash|/a%2Fb",
        "path-encoded-slash|/a%5cb",
        "path-encoded-slash|/public%2F..%2Fadmin",
        "path-parameter|/admin;x=1",
        "path-parameter|/admin/..;/x",
        "path-parameter|/a;",
        "path-fragment|/a#b",
        "path-fragment|/a?b#c",
        "query-invalid-char|/a?b c",
        "query-invalid-char|/a?b\u0000c",
        "query-invalid-char|/a?b\u007f",
        "query-invalid-char|/a?caf\u00e9",
    })
    void refuses(String reason, String target) {
        assertEquals(reason, rejected(target, false));
    }

    @Test
    void escapedSlashIsKeptEscapedOnlyWhenAllowed() {
        Canonical result = assertInstanceOf(Canonical.class, CanonicalPath.parse("/a%2fb/%5c/..", true));
        assertEquals("/a%2Fb/", result.path());
        assertEquals("path-encoded-slash", rejected("/a%2fb", false));
        // even when allowed, %00 and the other rules still hold
        assertEquals("path-invalid-char", rejected("/a%2f%00", true));
        assertEquals("path-parameter", rejected("/a%2f;", true));
    }

    @Test
    void keepsQueryVerbatim() {
        Canonical result = ok("/a/../b?x=%2e%2E&y=/../;z");
        assertEquals("/b", result.path());
        assertEquals("x=%2e%2E&y=/../;z", result.rawQuery());
        assertEquals("/b?x=%2e%2E&y=/../;z", result.originForm());
        assertEquals("", ok("/a?").rawQuery());
        assertEquals("/a?", ok("/a?").originForm());
    }

    @Test
    void absoluteFormReturnsAuthorityAndCanonicalPath() {
        Canonical result = ok("http://Example.com:8080/a/%2e%2e/b?q=1");
        assertEquals("/b", result.path());
        assertEquals("q=1", result.rawQuery());
        assertEquals("Example.com:8080", result.absoluteFormAuthority());

        Canonical https = ok("HTTPS://host");
        assertEquals("/", https.path());
        assertEquals("host", https.absoluteFormAuthority());
        assertNull(https.rawQuery());

        Canonical queryOnly = ok("http://host?x");
        assertEquals("/", queryOnly.path());
        assertEquals("x", queryOnly.rawQuery());
        assertEquals("path-fragment", rejected("http://host#x", false));
    }

    @Test
    void asteriskIsItsOwnResult() {
        assertInstanceOf(CanonicalPath.AsteriskForm.class, CanonicalPath.parse("*", false));
        assertEquals("path-invalid-form", rejected("*x", false));
    }

    @Test
    void canonicalInputIsReturnedWithoutCopying() {
        String target = "/already/canonical/%C3%A9/x.y";
        assertSame(target, ok(target).path());
    }

    @Test
    void keepsSubDelimitersColonAndAt() {
        String target = "/a:b@c!$&'()*+,=";
        assertSame(target, ok(target).path());
    }

    @Test
    void canonicalInputCostsOnlyTheResultRecord() {
        String target = "/already/canonical/path/with/several/segments/and/%C3%A9/escapes";
        int calls = 100_000;
        long allocated = AllocationMeter.bytesAllocatedBy(() -> {
            for (int i = 0; i < calls; i++) {
                if (!(CanonicalPath.parse(target, false) instanceof Canonical)) {
                    throw new AssertionError(target);
                }
            }
        });
        // a copy of the path would add well over 100 bytes a call; the record is about 24
        assertTrue(allocated / calls < 48, "allocated " + allocated / calls + " bytes a call");
    }

    @Test
    void recognisesAnUnchangedTarget() {
        assertTrue(ok("/a/b?x=1").isOriginFormOf("/a/b?x=1"));
        assertTrue(ok("/a/b").isOriginFormOf("/a/b"));
        assertTrue(ok("/a?").isOriginFormOf("/a?"));
        assertFalse(ok("/a/./b?x").isOriginFormOf("/a/./b?x"));
        assertFalse(ok("/a/%2e/b").isOriginFormOf("/a/%2e/b"));
        assertFalse(ok("http://h/a").isOriginFormOf("http://h/a"));
        assertFalse(ok("/a%c3").isOriginFormOf("/a%c3"));
    }

    @Test
    void upperCasesRemainingEscapes() {
        assertEquals("/%C3%A9/%3B", ok("/%c3%a9/%3b").path());
    }

    /**
     * Fuzz over an alphabet of the pieces attacks are made of: whatever is accepted must be canonical,
     * canonicalizing it again must give the same path back (the same instance: no copy), and nothing
     * that could still be a dot segment, a merged slash or a control byte may survive.
     */
    @Test
    void fuzzedTargetsCanonicalizeToFixedPoints() {
        String[] pieces = {"/", "/", "//", ".", "..", "%2e", "%2E", "%2e%2E", "a", "B", "%41", "%7e", "%7E",
            "%c3%a9", "-", "_", "~", "%2f", "%5c", "%25", "%3b", ";", "\\", "%", "%z", "%00", "\u0001", "?q",
            "#", " ", "\u00e9", "%2", ":", "@"};
        Random random = new Random(20261126L);
        int accepted = 0;
        for (int round = 0; round < 50_000; round++) {
            StringBuilder target = new StringBuilder("/");
            int count = random.nextInt(12);
            for (int p = 0; p < count; p++) {
                target.append(pieces[random.nextInt(pieces.length)]);
            }
            boolean allowEncodedSlash = random.nextBoolean();
            CanonicalPath.Result result = CanonicalPath.parse(target.toString(), allowEncodedSlash);
            if (result instanceof Canonical canonical) {
                accepted++;
                String path = canonical.path();
                assertCanonical(path, target.toString());
                Canonical again = assertInstanceOf(Canonical.class, CanonicalPath.parse(path, allowEncodedSlash));
                assertSame(path, again.path(), () -> "not a fixed point: " + path);
            } else {
                Rejected rejected = assertInstanceOf(Rejected.class, result);
                assertTrue(rejected.reason().startsWith("path-") || rejected.reason().startsWith("query-"));
            }
        }
        // the alphabet must exercise both outcomes, or the property above proves little
        assertTrue(accepted > 5_000, "accepted only " + accepted);
        assertTrue(accepted < 45_000, "rejected only " + (50_000 - accepted));
    }

    private static void assertCanonical(String path, String from) {
        String context = from + " -> " + path;
        assertTrue(path.startsWith("/"), context);
        assertFalse(path.contains("//"), context);
        assertFalse(path.contains("/./"), context);
        assertFalse(path.contains("/../"), context);
        assertFalse(path.endsWith("/.") || path.endsWith("/.."), context);
        assertFalse(path.contains("%2E") || path.contains("%2e"), context);
        assertFalse(path.contains(";") || path.contains("\\") || path.contains("?") || path.contains("#"), context);
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            assertTrue(c > 0x20 && c < 0x7F, context);
            if (c == '%') {
                String hex = path.substring(i + 1, i + 3);
                assertEquals(hex.toUpperCase(java.util.Locale.ROOT), hex, context);
            }
        }
    }
}
