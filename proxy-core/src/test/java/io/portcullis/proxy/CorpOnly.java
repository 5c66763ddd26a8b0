package io.portcullis.proxy;

/** Config templates with only the corp issuer, for tests about what one route does. */
final class CorpOnly {

    private static final String HEADER = """
            listen: 127.0.0.1:0
            admin: 127.0.0.1:0
            issuers:
              - id: corp
                issuer: ${CORP_ISS}
                jwks_uri: ${CORP_JWKS}
                audiences: [portcullis]
            """;

    private CorpOnly() {
    }

    /** The corp issuer followed by {@code routesAndPolicies} (a {@link ProxyFixture} template). */
    static String with(String routesAndPolicies) {
        return HEADER + routesAndPolicies;
    }
}
