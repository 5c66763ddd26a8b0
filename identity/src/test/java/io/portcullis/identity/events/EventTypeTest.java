package io.portcullis.identity.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.portcullis.config.TransmitterConfig;
import org.junit.jupiter.api.Test;

/** Event type URIs as CAEP 1.0, RISC 1.0 and SSF 1.0 define them, and the names config accepts. */
class EventTypeTest {

    @Test
    void urisAreTheSpecifications() {
        assertEquals("https://schemas.openid.net/secevent/caep/event-type/session-revoked", EventType.SESSION_REVOKED.uri());
        assertEquals("https://schemas.openid.net/secevent/risc/event-type/account-disabled", EventType.ACCOUNT_DISABLED.uri());
        assertEquals("https://schemas.openid.net/secevent/ssf/event-type/verification", EventType.VERIFICATION.uri());
        assertEquals(EventType.CREDENTIAL_CHANGE, EventType.ofUri("https://schemas.openid.net/secevent/caep/event-type/credential-change"));
        // Same name, other family: not the CAEP event.
        assertEquals(EventType.UNKNOWN, EventType.ofUri("https://schemas.openid.net/secevent/risc/event-type/session-revoked"));
    }

    @Test
    void everyEventConfigAcceptsIsKnown() {
        for (String name : TransmitterConfig.DEFAULT_EVENTS) {
            assertNotEquals(EventType.UNKNOWN, EventType.ofShortName(name), name);
        }
    }
}
