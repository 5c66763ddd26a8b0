package io.portcullis.identity;

import io.portcullis.fixtures.EmbeddedIssuer;
import java.util.function.Consumer;

/** One embedded issuer over HTTP and an identity service that trusts it as {@code corp}. */
final class SingleIssuerBed implements AutoCloseable {

    final EmbeddedIssuer idp;
    final DefaultIdentityService service;

    private SingleIssuerBed(EmbeddedIssuer idp, DefaultIdentityService service) {
        this.idp = idp;
        this.service = service;
    }

    static SingleIssuerBed start(IdentityEvents events) {
        return start(events, IdentitySettings.defaults());
    }

    static SingleIssuerBed start(IdentityEvents events, IdentitySettings settings) {
        return start(events, settings, idp -> { });
    }

    /** Lets the test prepare the issuer (outage, held responses) before the service's first fetch. */
    static SingleIssuerBed start(IdentityEvents events, IdentitySettings settings, Consumer<EmbeddedIssuer> before) {
        EmbeddedIssuer idp = EmbeddedIssuer.start("/idp");
        before.accept(idp);
        return new SingleIssuerBed(idp,
                DefaultIdentityService.start(TestConfigs.config(TestConfigs.issuer("corp", idp)), events, settings));
    }

    @Override
    public void close() {
        service.close();
        idp.close();
    }
}
