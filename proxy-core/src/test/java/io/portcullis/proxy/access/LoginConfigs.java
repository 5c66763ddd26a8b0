package io.portcullis.proxy.access;

import io.portcullis.config.ConfigLoader;
import io.portcullis.config.PortcullisConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Configs with browser login on (an OIDC issuer that is never reached, a session key in a file in the
 * caller's directory), for access tests.
 */
public final class LoginConfigs {

    private LoginConfigs() {
    }

    /**
     * @param dir where the session key file is written
     * @param routesAndPolicies the {@code routes:} and {@code policies:} blocks, unindented YAML
     */
    public static PortcullisConfig withLogin(Path dir, String routesAndPolicies) throws Exception {
        return ConfigLoader.parse(loginYaml(dir, "portcullis") + routesAndPolicies, "login.yaml");
    }

    /**
     * The {@code issuers:} and {@code sso:} blocks of {@link #withLogin}, with {@code clientId} as the
     * login issuer's client id, for a test that writes a config file itself (a reload, say).
     */
    public static String loginYaml(Path dir, String clientId) throws IOException {
        Path key = Files.writeString(dir.resolve("session.key"),
                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
        return """
                issuers:
                  - id: corp
                    issuer: http://127.0.0.1:9/realms/corp
                    discovery: true
                    audiences: [portcullis]
                    client_id: "%s"
                sso:
                  issuer: corp
                  external_url: https://apps.example.com
                  session_keys_file: %s
                """.formatted(clientId, key);
    }
}
