package io.portcullis.proxy.edge;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostSyntaxTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "example.com", "Example.COM:443", "my_host-1.internal", "10.0.0.1", "10.0.0.1:8080",
        "[::1]", "[::1]:80", "[::]", "[2001:db8::1]", "[1:2:3:4:5:6:7:8]", "[::ffff:192.0.2.1]", "[1::]",
        "[1:2:3:4:5:6:192.0.2.1]", "[1:2:3:4:5::192.0.2.1]", "a:0", "a:65535"})
    void accepts(String host) {
        assertTrue(HostSyntax.isValid(host), host);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ":80", "a:", "a:65536", "a:123456", "a:8x", "a:-1", "user@a", "a b", "a/b", "a\\b",
        "a%2eb", "a,b", "a;b", "[::1", "::1", "[::1]x", "[::1]:", "[1:2:3:4:5:6:7:8:9]", "[1::2::3]", "[12345::]",
        "[:1]", "[1:]", "[::g]", "[fe80::1%eth0]", "[1:2:3:4:5:6:7:192.0.2.1]", "[::1.2.3]", "[::256.1.1.1]",
        "caf\u00e9", "a\u0000"})
    void refuses(String host) {
        assertFalse(HostSyntax.isValid(host), host);
    }
}
