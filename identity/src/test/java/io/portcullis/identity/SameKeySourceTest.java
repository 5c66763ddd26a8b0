package io.portcullis.identity;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.config.IssuerConfig;
import io.portcullis.config.Position;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SameKeySourceTest {

    private static IssuerConfig issuer(URI jwks, List<String> audiences, Position position) {
        return new IssuerConfig("corp", "https://idp", jwks, false, audiences, List.of("RS256"),
                Duration.ofSeconds(30), Duration.ofHours(1), position);
    }

    @Test
    void positionInTheFileDoesNotMatter() {
        URI jwks = URI.create("https://idp/jwks");
        assertTrue(SameKeySource.test(issuer(jwks, List.of("a"), new Position("f", 1, 1)),
                issuer(jwks, List.of("a"), new Position("f", 9, 3))));
    }

    @Test
    void anyKeyOrRuleSettingDoes() {
        URI jwks = URI.create("https://idp/jwks");
        assertFalse(SameKeySource.test(issuer(jwks, List.of("a"), null),
                issuer(URI.create("https://idp/other"), List.of("a"), null)));
        assertFalse(SameKeySource.test(issuer(jwks, List.of("a"), null), issuer(jwks, List.of("b"), null)));
    }
}
