package io.portcullis.config;

import io.portcullis.config.yaml.Node;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * Binds {@code state}: {@code type: memory} (the default) or {@code type: redis} with its connection.
 * A password is never written in the file: {@code password_file} or {@code password_env} only, and a
 * URL with user info is refused so no credential ends up in a config or a log line.
 */
final class StateBinder {

    private static final List<String> REDIS_KEYS = List.of("url", "username", "password_file", "password_env",
            "ca_file", "client_cert_file", "client_key_file", "database", "key_prefix", "connect_timeout",
            "command_timeout");

    private StateBinder() {
    }

    static StateConfig bind(Node node, Map<String, String> env, Problems problems) {
        MapReader r = MapReader.of(node, "state", problems).orElse(null);
        if (r == null) {
            return StateConfig.memory();
        }
        String type = r.optional("type", Values.string(), "memory");
        StateConfig result;
        switch (type) {
            case "memory" -> {
                for (String key : REDIS_KEYS) {
                    r.node(key).ifPresent(n -> problems.add(n.position(), r.path(key), "only with type: redis"));
                }
                result = new StateConfig(StateConfig.Type.MEMORY, null, r.position());
            }
            case "redis" -> {
                RedisStateConfig redis = redis(r, env, problems);
                result = redis == null ? null : new StateConfig(StateConfig.Type.REDIS, redis, r.position());
            }
            default -> {
                problems.add(r.node("type").orElseThrow().position(), r.path("type"),
                        "expected memory or redis, got '" + type + "'");
                result = null;
            }
        }
        r.finish();
        return result == null ? StateConfig.memory() : result;
    }

    private static RedisStateConfig redis(MapReader r, Map<String, String> env, Problems problems) {
        URI url = r.required("url", Values.parsed(StateBinder::redisUrl));
        String username = r.optional("username", Values.string(), null);
        ClientSecret password = password(r, env, problems);
        Path ca = r.optional("ca_file", ConfigFiles.readable(), null);
        Path cert = r.optional("client_cert_file", ConfigFiles.readable(), null);
        Path key = r.optional("client_key_file", ConfigFiles.readable(), null);
        long database = r.optional("database", Values.integer(0, 15), 0L);
        String prefix = r.optional("key_prefix", Values.string(), RedisStateConfig.DEFAULT_KEY_PREFIX);
        Duration connect = r.optional("connect_timeout", Values.duration(Duration.ofMillis(10), Duration.ofMinutes(1)),
                RedisStateConfig.DEFAULT_CONNECT_TIMEOUT);
        Duration command = r.optional("command_timeout", Values.duration(Duration.ofMillis(1), Duration.ofSeconds(30)),
                RedisStateConfig.DEFAULT_COMMAND_TIMEOUT);
        boolean hasCert = r.node("client_cert_file").isPresent();
        if (hasCert != r.node("client_key_file").isPresent()) {
            String missing = hasCert ? "client_key_file" : "client_cert_file";
            problems.add(r.position(), r.path(missing), "is required with "
                    + (hasCert ? "client_cert_file" : "client_key_file"));
        }
        if (url != null && !"rediss".equalsIgnoreCase(url.getScheme())) {
            for (String tlsKey : List.of("ca_file", "client_cert_file", "client_key_file")) {
                r.node(tlsKey).ifPresent(n -> problems.add(n.position(), r.path(tlsKey), "needs a rediss:// url"));
            }
        }
        if (username != null && password == null) {
            problems.add(r.node("username").orElseThrow().position(), r.path("username"),
                    "needs password_file or password_env");
        }
        if (url == null || !problems.isEmpty()) {
            return null;
        }
        return new RedisStateConfig(url, username, password, ca, cert, key, (int) database, prefix, connect, command);
    }

    private static ClientSecret password(MapReader r, Map<String, String> env, Problems problems) {
        r.node("password").ifPresent(n -> problems.add(n.position(), r.path("password"),
                "is never written in the config: use password_file or password_env"));
        return FileValues.secretFromFileOrEnv(r, "password", env, problems);
    }

    /** {@code redis://host[:port]} or {@code rediss://...}; user info, a path or a query are refused. */
    static URI redisUrl(String text) {
        URI uri = HttpUrls.syntax(text);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("redis") && !scheme.equals("rediss")) {
            throw new IllegalArgumentException("URL must start with redis:// or rediss://");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(
                    "URL must not contain user info: use username and password_file or password_env");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("URL has no valid host");
        }
        if ((uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("URL must have no path, query or fragment: use database for the database");
        }
        if (uri.getPort() > 65535) {
            throw new IllegalArgumentException("URL has a port out of range");
        }
        return uri;
    }
}
