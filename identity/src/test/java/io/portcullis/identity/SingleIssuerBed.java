package io.portcullis.identity;

import io.portcullis.fixtures.EmbeddedIssuer;

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
        EmbeddedIssuer idp = EmbeddedIssuer.start("/idp");
        return new SingleIssuerBed(idp,
                DefaultIdentityService.start(TestConfigs.config(TestConfigs.issuer("corp", idp)), events, settings));
    }

    @Override
    public void close() {
        service.close();
        idp.close();
    }
}
