package io.portcullis.proxy.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.portcullis.config.ConfigLoader;
import io.portcullis.proxy.ConfigCompiler;
import io.portcullis.proxy.RuntimeConfig;
import io.portcullis.proxy.edge.EdgeRefusal;
import io.portcullis.proxy.observe.DecisionLog;
import io.portcullis.proxy.observe.Metrics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The connection alone, on an EmbeddedChannel, with exchanges that only record what they are told and
 * end when the test says: ordering of pipelined requests, half-close, the shutdown drain, the wait
 * timer, and where an edge refusal goes.
 */
class ClientConnectionTest {

    private static final RuntimeConfig RC = runtime();
    private final Metrics metrics = new Metrics();
    private final ProxyContext shared = new ProxyContext(() -> RC, metrics, new DecisionLog(), "http",
            Clock.systemUTC());
    private final List<RecordingExchange> exchanges = new ArrayList<>();
    private final ClientConnection connection = new ClientConnection(shared, null,
            (conn, request) -> {
                RecordingExchange ex = new RecordingExchange(conn, request);
                exchanges.add(ex);
                return ex;
            });
    private final EmbeddedChannel channel = new EmbeddedChannel(connection);

    private static RuntimeConfig runtime() {
        try {
            var config = ConfigLoader.parse("""
                    timeouts: { header_read: 1s, idle: 2s }
                    routes:
                      - id: app
                        match: { path_prefix: /app }
                        upstream: http://127.0.0.1:9
                        policy: public
                    policies:
                      public:
                        allow: { public: true }
                    """, "connection.yaml");
            return RuntimeConfig.of(config, ConfigCompiler.compile(config).policies(), null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void releaseEverything() {
        channel.finishAndReleaseAll();
        metrics.close();
    }

    /** Records what the connection asks of it; answers (a 200 naming its URI) when the test calls end(). */
    private static final class RecordingExchange implements ConnectionExchange {
        final ClientConnection conn;
        final HttpRequest request;
        final List<String> events = new ArrayList<>();
        boolean complete;

        RecordingExchange(ClientConnection conn, HttpRequest request) {
            this.conn = conn;
            this.request = request;
        }

        @Override
        public void begin() {
            events.add("begin");
        }

        @Override
        public void onClientContent(HttpContent content) {
            complete |= content instanceof LastHttpContent;
            events.add(content instanceof LastHttpContent ? "last" : "body");
            content.release();
        }

        @Override
        public boolean requestComplete() {
            return complete;
        }

        @Override
        public void edgeRefused(HttpResponseStatus status, String reason) {
            events.add("refused " + status.code() + " " + reason);
        }

        @Override
        public void lastOnConnection() {
            events.add("last-on-connection");
        }

        @Override
        public void clientClosed() {
            events.add("client-closed");
        }

        @Override
        public void failed(Throwable cause) {
            events.add("failed " + cause.getMessage());
        }

        @Override
        public void clientReadComplete() {
        }

        @Override
        public void clientWritabilityChanged(boolean writable) {
        }

        void end(boolean close) {
            conn.ctx().writeAndFlush(request.uri());
            conn.exchangeFinished(this, close);
        }
    }

    private static HttpRequest get(String uri) {
        return new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
    }

    private void request(String uri) {
        channel.writeInbound(get(uri), LastHttpContent.EMPTY_LAST_CONTENT);
    }

    private List<Object> written() {
        List<Object> out = new ArrayList<>();
        Object m;
        while ((m = channel.readOutbound()) != null) {
            if (m instanceof ByteBuf flush && !flush.isReadable()) {
                flush.release(); // the empty write a close waits behind
                continue;
            }
            out.add(m instanceof FullHttpResponse r ? r.status().code() + " " + r.content().toString(StandardCharsets.UTF_8)
                    .replaceAll(".*\"reason\":\"([^\"]*)\".*\\s*", "$1") : m);
            ReferenceCountUtil.release(m);
        }
        return out;
    }

    @Test
    void pipelinedRequestsRunOneAtATimeInOrder() {
        request("/app/1");
        request("/app/2");
        request("/app/3");

        assertEquals(1, exchanges.size(), "the second waits for the first");
        assertFalse(channel.config().isAutoRead(), "reading pauses while requests wait");
        exchanges.get(0).end(false);
        assertEquals(2, exchanges.size());
        assertEquals(List.of("begin", "last"), exchanges.get(1).events);
        exchanges.get(1).end(false);
        exchanges.get(2).end(false);
        assertEquals(List.of("/app/1", "/app/2", "/app/3"), written());
        assertTrue(channel.config().isAutoRead(), "nothing waits: reading resumes");
        assertTrue(channel.isActive());
    }

    @Test
    void aHalfClosedClientGetsItsAnswersThenTheConnectionCloses() {
        request("/app/1");
        channel.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);

        assertEquals(List.of("begin", "last", "last-on-connection"), exchanges.get(0).events);
        assertTrue(channel.isActive(), "the answer is still owed");
        exchanges.get(0).end(false);
        assertEquals(List.of("/app/1"), written());
        assertFalse(channel.isActive());
    }

    @Test
    void aRefusalBehindACompleteRequestWaitsForItsAnswer() {
        request("/app/1");
        channel.pipeline().fireUserEventTriggered(new EdgeRefusal(HttpResponseStatus.BAD_REQUEST,
                "path-parameter", "GET", null));

        assertEquals(List.of(), written(), "the refusal must not overtake the answer before it");
        exchanges.get(0).end(false);
        assertEquals(List.of("/app/1", "400 path-parameter"), written());
        assertEquals(1, exchanges.size());
    }

    @Test
    void aRefusalOfTheBodyInProgressGoesToItsExchange() {
        channel.writeInbound(get("/app/upload"), new DefaultHttpContent(Unpooled.copiedBuffer("ab",
                StandardCharsets.US_ASCII)));
        channel.pipeline().fireUserEventTriggered(new EdgeRefusal(HttpResponseStatus.BAD_REQUEST,
                "body-malformed", "POST", "/app/upload"));

        assertEquals(List.of("begin", "body", "refused 400 body-malformed"), exchanges.get(0).events);
        request("/app/after");
        assertEquals(1, exchanges.size(), "nothing is read after a refusal");
    }

    @Test
    void aRefusalOnAnIdleConnectionIsAnsweredAndCloses() {
        channel.pipeline().fireUserEventTriggered(new EdgeRefusal(HttpResponseStatus.BAD_REQUEST,
                "request-line-invalid", null, null));

        assertEquals(List.of("400 request-line-invalid"), written());
        assertFalse(channel.isActive());
        assertTrue(exchanges.isEmpty());
    }

    @Test
    void theShutdownDrainFinishesTheExchangeInFlightThenCloses() {
        request("/app/1");
        channel.pipeline().fireUserEventTriggered(ShutdownDrain.EVENT);

        assertTrue(exchanges.get(0).events.contains("last-on-connection"));
        assertTrue(channel.isActive());
        exchanges.get(0).end(false);
        assertFalse(channel.isActive());
    }

    @Test
    void anIdleConnectionIsClosedQuietlyAfterTheIdleTimeout() {
        request("/app/1");
        exchanges.get(0).end(false);
        written();
        channel.advanceTimeBy(1500, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertTrue(channel.isActive(), "idle (2s) applies between requests, not header_read (1s)");
        channel.advanceTimeBy(600, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();

        assertFalse(channel.isActive());
        assertEquals(List.of(), written(), "closed without a response");
        assertTrue(metrics.scrape().contains("portcullis_timeouts_total{kind=\"idle\"} 1.0"), metrics.scrape());
    }

    @Test
    void anExceptionInAnExchangeGoesToTheExchangeNotASilentClose() {
        request("/app/1");
        channel.pipeline().fireExceptionCaught(new IllegalStateException("boom"));

        assertTrue(exchanges.get(0).events.contains("failed boom"));
        assertTrue(channel.isActive(), "the exchange answers; the connection does not just drop");
    }

    @Test
    void theClientGoingAwayIsToldToTheExchange() {
        request("/app/1");
        channel.close();

        assertEquals("client-closed", exchanges.get(0).events.get(exchanges.get(0).events.size() - 1));
    }
}
