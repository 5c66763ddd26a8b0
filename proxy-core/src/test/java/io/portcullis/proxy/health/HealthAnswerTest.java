package io.portcullis.proxy.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.portcullis.config.ConfigLoader;
import io.portcullis.proxy.ConfigCompiler;
import io.portcullis.proxy.RuntimeConfig;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The health answer as a function of readiness and the method, with no channel. */
class HealthAnswerTest {

    private static RuntimeConfig publicOnly() throws Exception {
        var config = ConfigLoader.parse("""
                routes:
                  - id: all
                    match: { path_prefix: / }
                    upstream: http://127.0.0.1:9
                    policy: public
                policies:
                  public:
                    allow: { public: true }
                """, "h.yaml");
        return RuntimeConfig.of(config, ConfigCompiler.compile(config).policies(), null);
    }

    private static String body(FullHttpResponse r) {
        try {
            return r.content().toString(StandardCharsets.UTF_8);
        } finally {
            r.release();
        }
    }

    @Test
    void readyWithoutIssuersNotReadyWithoutConfig() throws Exception {
        RuntimeConfig rc = publicOnly();
        assertNull(Readiness.notReadyReason(rc));
        HealthAnswer ok = HealthAnswer.of(rc, HttpMethod.GET, ByteBufAllocator.DEFAULT);
        assertEquals(200, ok.response().status().code());
        assertEquals("health-ready", ok.reason());
        assertEquals("ready\n", body(ok.response()));

        HealthAnswer none = HealthAnswer.of(null, HttpMethod.GET, ByteBufAllocator.DEFAULT);
        assertEquals(503, none.response().status().code());
        assertEquals("health-not-ready", none.reason());
        assertEquals("not ready: no config loaded\n", body(none.response()));
    }

    @Test
    void headHasTheLengthAndNoBodyOtherMethodsAre405() throws Exception {
        RuntimeConfig rc = publicOnly();
        HealthAnswer head = HealthAnswer.of(rc, HttpMethod.HEAD, ByteBufAllocator.DEFAULT);
        assertEquals(6, head.response().headers().getInt("Content-Length"));
        assertEquals("", body(head.response()));
        HealthAnswer delete = HealthAnswer.of(rc, HttpMethod.DELETE, ByteBufAllocator.DEFAULT);
        assertEquals(405, delete.response().status().code());
        assertEquals("GET, HEAD", delete.response().headers().get("Allow"));
        assertEquals("method-not-allowed", delete.reason());
        body(delete.response());
    }
}
