package io.portcullis.identity;

import static io.portcullis.identity.Outcomes.authenticated;

import org.junit.jupiter.api.Test;

/** A metrics callback that throws must not leave requests waiting for keys forever. */
class FaultyEventsTest {

    @Test
    void throwingFetchCallbackStillReleasesWaitingRequests() {
        IdentityEvents throwing = new IdentityEvents() {
            @Override
            public void jwksFetch(String issuerId, String result) {
                throw new IllegalStateException("metrics backend down");
            }
        };
        try (SingleIssuerBed bed = SingleIssuerBed.start(throwing)) {
            authenticated(bed.service, bed.idp.token().sign());
        }
    }
}
