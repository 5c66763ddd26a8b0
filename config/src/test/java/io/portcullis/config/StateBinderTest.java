package io.portcullis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code state}: memory by default; redis with a URL and a password never written inline. */
class StateBinderTest {

    @TempDir
    Path dir;

    private static PortcullisConfig parse(String state) throws ConfigException {
        return ConfigLoader.parse(ConfigLoaderErrorsTest.BASE + state, "c.yaml");
    }

    private static List<String> problems(String state) {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(state));
        return e.problems().stream().map(ConfigProblem::format).toList();
    }

    @Test
    void memoryIsTheDefault() throws Exception {
        assertEquals(StateConfig.Type.MEMORY, parse("").state().type());
        assertNull(parse("state: { type: memory }\n").state().redis());
    }

    @Test
    void redisBindsEveryKey() throws Exception {
        Path secret = Files.writeString(dir.resolve("pw"), "s3cret-value\n");
        PortcullisConfig config = parse("state:\n  type: redis\n  url: redis://cache.internal:6380\n"
                + "  username: portcullis\n  password_file: " + secret + "\n  database: 3\n"
                + "  key_prefix: 'pc:prod:'\n  connect_timeout: 1s\n  command_timeout: 100ms\n");
        RedisStateConfig redis = config.state().redis();
        assertEquals(StateConfig.Type.REDIS, config.state().type());
        assertEquals("cache.internal:6380", redis.endpoint());
        assertFalse(redis.tls());
        assertEquals("portcullis", redis.username());
        assertEquals("s3cret-value", redis.password().value());
        assertFalse(redis.toString().contains("s3cret"), "the password never shows in a printed config");
        assertEquals(3, redis.database());
        assertEquals("pc:prod:", redis.keyPrefix());
        assertEquals(Duration.ofSeconds(1), redis.connectTimeout());
        assertEquals(Duration.ofMillis(100), redis.commandTimeout());
    }

    @Test
    void redisDefaults() throws Exception {
        RedisStateConfig redis = parse("state: { type: redis, url: 'rediss://cache:6379' }\n").state().redis();
        assertTrue(redis.tls());
        assertEquals(RedisStateConfig.DEFAULT_KEY_PREFIX, redis.keyPrefix());
        assertEquals(RedisStateConfig.DEFAULT_COMMAND_TIMEOUT, redis.commandTimeout());
        assertNull(redis.password());
    }

    @Test
    void inlineCredentialsAreRefusedWithoutEchoingThem() {
        List<String> p = problems("state: { type: redis, url: 'redis://u:hunter2@cache:6379' }\n");
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("c.yaml:14:"), p.get(0));
        assertTrue(p.get(0).contains("state.url: URL must not contain user info"), p.get(0));
        assertFalse(p.get(0).contains("hunter2"), p.get(0));
        assertEquals(List.of("c.yaml:14:55: state.password: is never written in the config: use password_file or password_env"),
                problems("state: { type: redis, url: 'redis://cache', password: hunter2 }\n").stream()
                        .filter(s -> s.contains("state.password")).toList());
    }

    @Test
    void mistakesAreProblemsAtTheirPlace() {
        assertEquals(List.of("c.yaml:14:16: state.type: expected memory or redis, got 'etcd'"),
                problems("state: { type: etcd }\n"));
        assertEquals(List.of("c.yaml:14:29: state.url: only with type: redis"),
                problems("state: { type: memory, url: 'redis://x' }\n"));
        assertEquals(List.of("c.yaml:14:28: state.url: URL must start with redis:// or rediss://"),
                problems("state: { type: redis, url: 'http://cache' }\n"));
        assertEquals(List.of("c.yaml:14:8: state.url: is required"), problems("state: { type: redis }\n"));
        assertEquals(List.of("c.yaml:14:55: state.password_env: environment variable PORTCULLIS_NO_SUCH_VAR is not set"),
                problems("state: { type: redis, url: 'redis://c', password_env: PORTCULLIS_NO_SUCH_VAR }\n"));
        assertEquals(List.of("c.yaml:14:51: state.username: needs password_file or password_env"),
                problems("state: { type: redis, url: 'redis://c', username: bob }\n"));
        assertEquals(1, problems("state: { type: redis, url: 'redis://c', ca_file: /etc/hostname }\n").size());
        assertEquals(1, problems("state: { type: redis, url: 'redis://c/2' }\n").size());
    }
}
