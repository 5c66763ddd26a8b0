package io.portcullis.proxy.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.portcullis.config.DevicePostureConfig;
import io.portcullis.config.HostPort;
import io.portcullis.config.LimitsConfig;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.RouteConfig;
import io.portcullis.fixtures.config.ConfigBuilder;
import io.portcullis.fixtures.config.RouteBuilder;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdentityHeaderScrubberTest {

    private final IdentityHeaderScrubber scrubber =
            new IdentityHeaderScrubber(List.of("X-Forwarded-User", "X-Forwarded-Groups", "X-Device-Posture"));

    @Test
    void removesEverySpellingOfAScrubbedName() {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/");
        request.headers()
                .add("Host", "a")
                .add("X-Forwarded-User", "admin")
                .add("x-forwarded-user", "root")
                .add("x_forwarded_user", "admin")
                .add("X_FORWARDED-USER", "admin")
                .add("x-forwarded_groups", "admins")
                .add("Accept", "*/*");

        assertEquals(5, scrubber.scrubHeaders(request));

        assertEquals(java.util.Set.of("Host", "Accept"), request.headers().names());
        assertEquals("a", request.headers().get("Host"));
        assertEquals("*/*", request.headers().get("Accept"));
    }

    @Test
    void keepsNamesThatOnlyLookAlike() {
        HttpHeaders headers = new DefaultHttpHeaders()
                .add("X-Forwarded-Username", "x")
                .add("X-Forwarded-Use", "x")
                .add("X-Forwarded-User2", "x")
                .add("Forwarded-User", "x")
                .add("Authorization", "Bearer t")
                .add("X.Forwarded.User", "x");

        assertEquals(0, scrubber.scrub(headers));
        assertEquals(6, headers.size());
    }

    @Test
    void scrubsTrailersToo() {
        LastHttpContent last = new DefaultLastHttpContent(Unpooled.EMPTY_BUFFER);
        last.trailingHeaders().add("x_device_posture", "forged").add("X-Checksum", "1");

        assertEquals(1, scrubber.scrubTrailers(last));

        assertFalse(last.trailingHeaders().contains("x_device_posture"));
        assertEquals("1", last.trailingHeaders().get("X-Checksum"));
    }

    @Test
    void matchesIgnoringCaseAndUnderscore() {
        assertTrue(scrubber.matches("x_FORWARDED_uSeR"));
        assertTrue(scrubber.matches("X-Device-Posture"));
        assertFalse(scrubber.matches("X-Device-Postures"));
        assertFalse(scrubber.matches(""));
        assertFalse(new IdentityHeaderScrubber(List.of()).matches("X-Forwarded-User"));
    }

    @Test
    void lookingUpANameAllocatesNothing() {
        String[] names = {"Accept", "x_forwarded_user", "X-Forwarded-Users", "Content-Type", "X-DEVICE-POSTURE"};
        int[] hits = new int[1];
        long allocated = AllocationMeter.bytesAllocatedBy(() -> {
            for (int i = 0; i < 200_000; i++) {
                if (scrubber.matches(names[i % names.length])) {
                    hits[0]++;
                }
            }
        });
        assertEquals(80_000, hits[0]);
        // one small object per call would be several megabytes
        assertTrue(allocated < 64 * 1024, "allocated " + allocated + " bytes");
    }

    @Test
    void emptyHeadersAreLeftAlone() {
        assertEquals(0, scrubber.scrub(new DefaultHttpHeaders()));
    }

    @Test
    void manyNamesStillResolve() {
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            names.add("X-Claim-" + i);
        }
        IdentityHeaderScrubber many = new IdentityHeaderScrubber(names);
        for (int i = 0; i < 200; i++) {
            assertTrue(many.matches("x_claim_" + i), "x_claim_" + i);
        }
        assertFalse(many.matches("X-Claim-200"));
    }

    @Test
    void configSuppliesRouteIdentityHeadersPostureHeaderAndInternalNames() {
        RouteConfig route = RouteBuilder.route("r").policy("p")
                .forwarding(f -> f.withIdentityHeaders(Map.of("X-Auth-Email", "email"))).build();
        PortcullisConfig config = ConfigBuilder.config().routes(route).build();

        IdentityHeaderScrubber fromConfig = IdentityHeaderScrubber.forConfig(config, List.of("X-Request-Id"));

        assertTrue(fromConfig.matches("x_auth_email"));
        assertTrue(fromConfig.matches("x-device-posture"));
        assertTrue(fromConfig.matches("X-REQUEST-ID"));
        assertFalse(fromConfig.matches("X-Forwarded-User"));
    }
}
