package io.portcullis.proxy.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.portcullis.config.HeaderTemplate;
import io.portcullis.identity.DevicePosture;
import io.portcullis.identity.Identity;
import io.portcullis.proxy.forward.IdentityHeaderRule.Omission;
import io.portcullis.proxy.forward.IdentityHeaderRule.Rendered;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A set rule's value as a function of the template and the request's facts. */
class SetHeaderRuleTest {

    private static final Identity ALICE = new Identity("corp", "https://idp.example", "alice",
            Map.of("sub", "alice", "grafana_role", "Editor", "groups", List.of("ops", "dev"), "n", 3,
                    "org", Map.of("unit", "payments"), "nested", List.of(Map.of("a", 1)),
                    "evil", "x\r\nX-Admin: 1", "uni", "José"), Instant.EPOCH, "ref");
    private static final DevicePosture LAPTOP = new DevicePosture("dev-42", "token:mdm",
            Map.of("compliant", true, "os", Map.of("name", "macOS")), Instant.EPOCH);
    private static final SetHeaderRule.Facts FULL = new SetHeaderRule.Facts(ALICE, LAPTOP, "req-1", "grafana");
    private static final SetHeaderRule.Facts ANONYMOUS = new SetHeaderRule.Facts(null, null, "req-2", "grafana");

    private static Rendered render(String template, SetHeaderRule.Facts facts) {
        return new SetHeaderRule("X-H", HeaderTemplate.parse(template), 64).render(facts);
    }

    private static String value(String template, SetHeaderRule.Facts facts) {
        Rendered r = render(template, facts);
        assertNull(r.omission(), template);
        return r.value();
    }

    @Test
    void everySourceFillsItsPlaceholder() {
        assertEquals("Editor", value("{{ claims.grafana_role }}", FULL));
        assertEquals("ops,dev", value("{{claims.groups}}", FULL));
        assertEquals("3", value("{{ claims.n }}", FULL));
        assertEquals("payments", value("{{ claims.org.unit }}", FULL));
        assertEquals("alice|https://idp.example|corp", value("{{ identity.subject }}|{{ identity.issuer }}|{{ identity.issuer_id }}", FULL));
        assertEquals("dev-42 token:mdm true macOS",
                value("{{ device.id }} {{ device.source }} {{ device.compliant }} {{ device.os.name }}", FULL));
        assertEquals("req-1@grafana", value("{{ request.id }}@{{ route.id }}", FULL));
        assertEquals("prod", value("prod", ANONYMOUS));
    }

    @Test
    void anAbsentValueLeavesTheWholeHeaderOutNotHalfFilled() {
        assertEquals(Omission.ABSENT, render("role={{ claims.grafana_role }}", ANONYMOUS).omission());
        assertEquals(Omission.ABSENT, render("{{ identity.subject }}", ANONYMOUS).omission());
        assertEquals(Omission.ABSENT, render("{{ device.id }}", new SetHeaderRule.Facts(ALICE, null, "r", "g")).omission());
        assertEquals(Omission.ABSENT, render("{{ claims.missing }} and {{ identity.subject }}", FULL).omission());
        assertNull(render("{{ claims.missing }}", FULL).value());
        // request and route facts exist on every request, with or without an identity
        assertEquals("req-2", value("{{ request.id }}", ANONYMOUS));
    }

    @Test
    void unsafeOrUnsupportedValuesAreNeverSent() {
        assertEquals(Omission.UNSAFE_CHARACTER, render("{{ claims.evil }}", FULL).omission());
        assertEquals(Omission.UNSUPPORTED_TYPE, render("{{ claims.org }}", FULL).omission());
        assertEquals(Omission.UNSUPPORTED_TYPE, render("{{ claims.nested }}", FULL).omission());
        Rendered big = new SetHeaderRule("X-H", HeaderTemplate.parse("{{ claims.grafana_role }}"), 5).render(FULL);
        assertEquals(Omission.TOO_LARGE, big.omission());
        assertNull(big.value());
        // the budget counts the whole value, literals included
        assertEquals(Omission.TOO_LARGE, new SetHeaderRule("X-H", HeaderTemplate.parse("role: {{ claims.n }}"), 6)
                .render(FULL).omission());
    }

    @Test
    void nonAsciiGoesOutAsUtf8Bytes() {
        String wire = value("{{ claims.uni }}", FULL);
        assertEquals("José", new String(wire.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    }
}
