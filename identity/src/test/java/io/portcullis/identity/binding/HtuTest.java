package io.portcullis.identity.binding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The comparable form of {@code htu}: RFC 3986 §6.2.2/6.2.3 normalization plus merged slashes; null for refused. */
class HtuTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("https://api.example.com/orders/42", "https://api.example.com/orders/42"),
                Arguments.of("HTTPS://API.Example.COM/orders/42", "https://api.example.com/orders/42"),
                Arguments.of("https://api.example.com:443/a", "https://api.example.com/a"),
                Arguments.of("http://api.example.com:80/a", "http://api.example.com/a"),
                Arguments.of("https://api.example.com:80/a", "https://api.example.com:80/a"),
                Arguments.of("https://api.example.com:0443/a", "https://api.example.com/a"),
                Arguments.of("https://api.example.com:/a", "https://api.example.com/a"),
                Arguments.of("https://api.example.com", "https://api.example.com/"),
                Arguments.of("https://api.example.com/a/./b/../c", "https://api.example.com/a/c"),
                Arguments.of("https://api.example.com/a/%2e%2E/c", "https://api.example.com/c"),
                Arguments.of("https://api.example.com/../../a", "https://api.example.com/a"),
                Arguments.of("https://api.example.com/a//b", "https://api.example.com/a/b"),
                Arguments.of("https://api.example.com/a/b/", "https://api.example.com/a/b/"),
                Arguments.of("https://api.example.com/a/b/..", "https://api.example.com/a/"),
                Arguments.of("https://api.example.com/%7Euser/%41", "https://api.example.com/~user/A"),
                Arguments.of("https://api.example.com/a%2fb", "https://api.example.com/a%2Fb"),
                Arguments.of("https://api.example.com/caf%c3%a9", "https://api.example.com/caf%C3%A9"),
                Arguments.of("https://[::1]:8443/a", "https://[::1]:8443/a"),
                Arguments.of("https://[::1]:443/a", "https://[::1]/a"),
                // refused
                Arguments.of("https://api.example.com/a?b=1", null),
                Arguments.of("https://api.example.com/a#top", null),
                Arguments.of("https://user@api.example.com/a", null),
                Arguments.of("ftp://api.example.com/a", null),
                Arguments.of("//api.example.com/a", null),
                Arguments.of("/a", null),
                Arguments.of("https:///a", null),
                Arguments.of("https://api.example.com:99999/a", null),
                Arguments.of("https://api.example.com:-1/a", null),
                Arguments.of("https://api.example.com/a%2", null),
                Arguments.of("https://api.example.com/a%zz", null),
                Arguments.of("https://api.example.com/a%00", null),
                Arguments.of("https://api.example.com/a b", null),
                Arguments.of("https://api.example.com/a\\b", null),
                Arguments.of("https://api.example.com/caf\u00e9", null),
                Arguments.of("https://api.exa%6Dple.com/a", null),
                Arguments.of("https://[::1/a", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void normalizes(String uri, String expected) {
        assertEquals(expected, Htu.normalize(uri));
        if (expected != null) {
            assertEquals(expected, Htu.normalize(expected), "the normalized form is a fixed point");
        }
    }
}
