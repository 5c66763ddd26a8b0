package io.portcullis.policy.criteria;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClaimPathTest {

    private static final Map<String, Object> CLAIMS = Map.of(
            "realm_access", Map.of("roles", List.of("admin")),
            "https://example.com/roles", List.of("auditor"),
            "flat", "x");

    @Test
    void walksNestedObjects() {
        assertEquals(List.of("admin"), ClaimPath.of("realm_access.roles").read(CLAIMS));
        assertNull(ClaimPath.of("realm_access.groups").read(CLAIMS));
        assertNull(ClaimPath.of("flat.deeper").read(CLAIMS));
        assertNull(ClaimPath.of("missing.path").read(CLAIMS));
    }

    @Test
    void prefersAClaimNamedWithDots() {
        assertEquals(List.of("auditor"), ClaimPath.of("https://example.com/roles").read(CLAIMS));
    }

    @Test
    void aPathWithAnEmptySegmentIsInvalid() {
        assertTrue(ClaimPath.of("a.b").isValid());
        assertFalse(ClaimPath.of("a..b").isValid());
        assertFalse(ClaimPath.of(".a").isValid());
        assertFalse(ClaimPath.of("a.").isValid());
    }
}
