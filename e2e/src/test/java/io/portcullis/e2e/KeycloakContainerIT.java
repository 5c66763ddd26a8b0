package io.portcullis.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.fixtures.RecordedRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * The Keycloak login scenario with Keycloak in a container instead of the unpacked distribution: the
 * same corp realm imported into the official image, one browser login as alice through the proxy. For
 * machines with a Docker engine; without one the class is skipped.
 */
@Testcontainers(disabledWithoutDocker = true)
class KeycloakContainerIT {

    private static final int HTTP_PORT = 8080;

    @Container
    private static final GenericContainer<?> KEYCLOAK = new GenericContainer<>(DockerImageName.parse(
            "quay.io/keycloak/keycloak:" + System.getProperty("keycloak.version", "26.7.3")))
            .withCopyFileToContainer(MountableFile.forClasspathResource("keycloak/corp-realm.json"),
                    "/opt/keycloak/data/import/corp-realm.json")
            .withCommand("start-dev", "--db=dev-mem", "--import-realm")
            .withExposedPorts(HTTP_PORT)
            // Discovery answering means the realm import is done, which the open port does not.
            .waitingFor(Wait.forHttp("/realms/" + KeycloakServer.REALM + "/.well-known/openid-configuration")
                    .forPort(HTTP_PORT).forStatusCode(200).withStartupTimeout(KeycloakServer.START_DEADLINE));

    private static ProxyUnderTest proxy;

    /** start-dev takes the issuer's host and port from the request, so the mapped address is the issuer. */
    private static String issuer() {
        return "http://" + KEYCLOAK.getHost() + ":" + KEYCLOAK.getMappedPort(HTTP_PORT) + "/realms/" + KeycloakServer.REALM;
    }

    @BeforeAll
    static void startProxy() throws Exception {
        proxy = new ProxyUnderTest(issuer(), "portcullis", "portcullis-secret");
    }

    @AfterAll
    static void stopProxy() {
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void aliceSignsInThroughTheProxyAndTheUpstreamSeesWhoSheIs() {
        WebBrowser browser = new WebBrowser();
        HttpResponse<String> toKeycloak = browser.get(proxy.url("/app/reports"));
        assertEquals(302, toKeycloak.statusCode(), toKeycloak.body());
        assertTrue(WebBrowser.resolve(toKeycloak).startsWith(issuer() + "/protocol/openid-connect/auth?"));
        assertTrue(proxy.seen().isEmpty(), "nothing reached the upstream before the login");

        HttpResponse<String> callback = KeycloakLogin.signIn(browser, toKeycloak, "alice", "alice-password", null);
        assertEquals(302, callback.statusCode(), callback.body());
        HttpResponse<String> page = browser.get(WebBrowser.resolve(callback));

        assertEquals(200, page.statusCode(), page.body());
        RecordedRequest seen = proxy.last();
        assertEquals("/app/reports", seen.uri());
        assertFalse(seen.header("X-Forwarded-User").isBlank());
        assertEquals("alice@corp.example", seen.header("X-Forwarded-Email"));
        assertEquals("admins", seen.header("X-Forwarded-Groups"));
        assertNull(seen.header("Cookie"), "no session cookie upstream");
    }
}
