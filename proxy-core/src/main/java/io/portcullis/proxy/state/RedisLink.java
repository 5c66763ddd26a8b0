package io.portcullis.proxy.state;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubListener;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.portcullis.config.RedisStateConfig;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections to Redis: one for commands (pipelined by Lettuce, shared by every caller) and one
 * for pub/sub. Never blocks a caller: connecting, reconnecting and health checks run on a scheduler
 * thread of its own and on Lettuce's event loop (one I/O thread, separate from the proxy's). A store
 * down at start is connected to in the background; while it is down commands fail at once instead of
 * queueing, so callers fall back without waiting. {@code onUp} runs after every (re)connection, on the
 * scheduler thread, so nothing missed while disconnected stays missed.
 */
final class RedisLink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisLink.class);
    /** How often health is checked and a store down at start is tried again. */
    static final Duration TICK = Duration.ofMillis(500);
    /**
     * A full re-read even without a disconnection: a key evicted under memory pressure or flushed by
     * hand is written back from the replicas' memory within this long.
     */
    static final Duration RESYNC_EVERY = Duration.ofMinutes(5);
    /**
     * After a reconnection, re-read again now and then for this long: replicas reconnect in no fixed
     * order, and one that writes back what it took during the outage may publish it before another
     * has resubscribed and after that one's own re-read.
     */
    static final Duration SETTLE = Duration.ofSeconds(10);
    static final Duration SETTLE_EVERY = Duration.ofMillis(2500);

    private final RedisStateConfig config;
    private final ClientResources resources;
    private final RedisClient client;
    private final RedisURI uri;
    private final ScheduledExecutorService scheduler;
    private final Runnable onUp;
    private final RedisPubSubListener<String, String> subscriber;
    private final String channel;
    private final AtomicBoolean needsResync = new AtomicBoolean(true);
    private final AtomicBoolean ticking = new AtomicBoolean();
    private volatile StatefulRedisConnection<String, String> commands;
    private volatile StatefulRedisPubSubConnection<String, String> pubSub;
    private volatile StoreHealth health;
    private volatile boolean closed;
    private long lastResyncNanos;
    private long settleUntilNanos;

    RedisLink(RedisStateConfig config, String channel, RedisPubSubListener<String, String> subscriber, Runnable onUp) {
        this.config = config;
        this.channel = channel;
        this.subscriber = subscriber;
        this.onUp = onUp;
        this.health = StoreHealth.down("redis at " + config.endpoint() + ": not connected yet");
        this.resources = DefaultClientResources.builder().ioThreadPoolSize(1).computationThreadPoolSize(1)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
                .build();
        this.uri = uri(config);
        this.client = RedisClient.create(resources, uri);
        client.setOptions(options(config));
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                if (!closed) {
                    needsResync.set(true);
                    // Only up → down: a failed attempt's own reason (auth, TLS) is more useful than this.
                    if (health.up()) {
                        health = StoreHealth.down("redis at " + config.endpoint() + ": connection lost");
                    }
                }
            }

            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
                scheduler.execute(RedisLink.this::tick);
            }
        });
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "portcullis-state");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::tick, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static RedisURI uri(RedisStateConfig config) {
        int port = config.url().getPort() < 0 ? RedisURI.DEFAULT_REDIS_PORT : config.url().getPort();
        RedisURI.Builder b = RedisURI.Builder.redis(config.url().getHost(), port)
                .withSsl(config.tls()).withVerifyPeer(config.tls())
                .withDatabase(config.database()).withTimeout(config.commandTimeout());
        if (config.password() != null) {
            b.withAuthentication(config.username() == null ? "default" : config.username(),
                    config.password().value().toCharArray());
        }
        return b.build();
    }

    private static ClientOptions options(RedisStateConfig config) {
        ClientOptions.Builder b = ClientOptions.builder()
                .autoReconnect(true)
                // A command while disconnected fails at once: callers fall back rather than wait.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(config.connectTimeout()).keepAlive(true).build())
                .timeoutOptions(TimeoutOptions.enabled(config.commandTimeout()));
        if (config.tls()) {
            SslOptions.Builder ssl = SslOptions.builder().jdkSslProvider();
            if (config.caFile() != null) {
                ssl.trustManager(config.caFile().toFile());
            }
            if (config.clientCertFile() != null) {
                ssl.keyManager(config.clientCertFile().toFile(), config.clientKeyFile().toFile(), null);
            }
            b.sslOptions(ssl.build());
        }
        return b.build();
    }

    /** The async commands, or null while not connected (the caller falls back). */
    RedisAsyncCommands<String, String> commands() {
        StatefulRedisConnection<String, String> c = commands;
        return c == null || !c.isOpen() ? null : c.async();
    }

    StoreHealth health() {
        return health;
    }

    /** The command timeout, for callers that bound their own waits. */
    Duration commandTimeout() {
        return config.commandTimeout();
    }

    /** Connects what is not connected, checks health, and resyncs after any disconnection. */
    private void tick() {
        if (closed || !ticking.compareAndSet(false, true)) {
            return;
        }
        try {
            if (commands == null) {
                commands = client.connect(StringCodec.UTF8, uri);
                LOG.info("state store: connected to redis at {}{}", config.endpoint(), config.tls() ? " (TLS)" : "");
            }
            if (pubSub == null) {
                StatefulRedisPubSubConnection<String, String> p = client.connectPubSub(StringCodec.UTF8, uri);
                p.addListener(subscriber);
                p.sync().subscribe(channel);
                pubSub = p;
            }
            // Bounded by the command timeout; this thread is the store's own, never a request's.
            commands.sync().ping();
            boolean wasDown = !health.up();
            health = StoreHealth.UP;
            long now = System.nanoTime();
            if (wasDown) {
                settleUntilNanos = now + SETTLE.toNanos();
            }
            if (now - lastResyncNanos > RESYNC_EVERY.toNanos()
                    || (now < settleUntilNanos && now - lastResyncNanos > SETTLE_EVERY.toNanos())) {
                needsResync.set(true);
            }
            // Re-read only once subscribed again, so nothing published after the re-read is missed.
            if (pubSub.isOpen() && needsResync.getAndSet(false)) {
                lastResyncNanos = now;
                try {
                    onUp.run();
                } catch (RuntimeException e) {
                    needsResync.set(true);
                    throw e;
                }
            }
            if (wasDown) {
                LOG.info("state store: redis at {} is up", config.endpoint());
            }
        } catch (RuntimeException e) {
            String reason = "redis at " + config.endpoint() + ": " + Failures.describe(e);
            if (config.tls() && commands == null && !reason.contains("TLS")) {
                // A TLS hello to a plain-text port is usually just never answered: say what to check.
                reason += " (rediss://: is TLS enabled on that port, and does ca_file verify it?)";
            }
            if (health.up() || !reason.equals(health.reason())) {
                LOG.warn("state store down: {}", reason);
            }
            health = StoreHealth.down(reason);
            needsResync.set(true);
        } finally {
            ticking.set(false);
        }
    }

    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        CompletableFuture.runAsync(() -> {
            if (pubSub != null) {
                pubSub.close();
            }
            if (commands != null) {
                commands.close();
            }
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
            resources.shutdown(0, 1, TimeUnit.SECONDS);
        }).orTimeout(3, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }
}
