package io.portcullis.identity;

import static io.portcullis.identity.Outcomes.authenticated;
import static io.portcullis.identity.Outcomes.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.config.IssuerConfig;
import io.portcullis.config.Position;
import io.portcullis.fixtures.EmbeddedIssuer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A reload keeps the keys of unchanged issuers and applies the new settings of changed ones. */
class ReconfigureTest {

    private EmbeddedIssuer idp;
    private IssuerConfig original;
    private IdentityService first;
    private IdentityService second;

    @BeforeEach
    void start() {
        idp = EmbeddedIssuer.start("/idp");
        original = TestConfigs.issuer("corp", idp);
        first = DefaultIdentityService.start(TestConfigs.config(original), IdentityEvents.NONE);
        authenticated(first, idp.token().sign());
    }

    @AfterEach
    void stop() {
        first.close();
        if (second != null) {
            second.close();
        }
        idp.close();
    }

    private static IssuerConfig movedInFile(IssuerConfig c) {
        return new IssuerConfig(c.id(), c.issuer(), c.jwksUri(), c.discovery(), c.audiences(), c.algorithms(),
                c.clockSkew(), c.jwksRefresh(), new Position("portcullis.yaml", 42, 5));
    }

    @Test
    void unchangedIssuerKeepsItsKeysWithoutRefetching() {
        second = first.reconfigure(TestConfigs.config(movedInFile(original)));

        assertTrue(second.ready(), "keys are there before any new fetch");
        authenticated(second, idp.token().sign());
        assertEquals(1, idp.jwksFetchCount());
    }

    @Test
    void reusedKeysKeepWorkingAfterTheOldServiceIsClosed() {
        second = first.reconfigure(TestConfigs.config(original));
        first.close();

        idp.rotate();
        authenticated(second, idp.token().sign());

        assertEquals(2, idp.jwksFetchCount(), "the kept cache still refetches for the rotated key");
    }

    @Test
    void changedIssuerGetsFreshKeysAndNewRules() {
        IssuerConfig newAudience = new IssuerConfig(original.id(), original.issuer(), original.jwksUri(), false,
                List.of("new-app"), original.algorithms(), original.clockSkew(), original.jwksRefresh(), null);

        second = first.reconfigure(TestConfigs.config(newAudience));

        rejected(second, idp.token().sign(), AuthFailure.AUDIENCE_INVALID);
        authenticated(second, idp.token().audience("new-app").sign());
        assertEquals(2, idp.jwksFetchCount());
        authenticated(first, idp.token().sign());
    }
}
