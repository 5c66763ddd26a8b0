package io.portcullis.proxy.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The access package must stay callable without a connection (see its package-info): no compiled class
 * in it or below it may name a Netty type. Reads the class files' bytes, where every referenced class,
 * field and method signature is spelled out, so an import, a fully qualified name or a lambda's type
 * are all caught.
 */
class AccessPackageHasNoNettyTest {

    private static final byte[] NETTY = "io/netty/".getBytes(StandardCharsets.US_ASCII);

    @Test
    void noClassOfTheAccessPackagesReferencesNetty() throws IOException, URISyntaxException {
        Path root = Path.of(AccessPipeline.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("io/portcullis/proxy/access");
        List<Path> classes;
        try (Stream<Path> files = Files.walk(root)) {
            classes = files.filter(f -> f.toString().endsWith(".class")).toList();
        }
        assertTrue(classes.size() >= 20, "the access classes were found: " + classes.size());
        List<String> offenders = classes.stream().filter(AccessPackageHasNoNettyTest::namesNetty)
                .map(root::relativize).map(Path::toString).toList();
        assertEquals(List.of(), offenders, "these access classes reference io.netty");
    }

    @Test
    void theScanRecognizesANettyReference() throws IOException, URISyntaxException {
        Path handler = Path.of(io.portcullis.proxy.server.ProxyServer.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI()).resolve("io/portcullis/proxy/sso/LoginRedirects.class");
        assertTrue(namesNetty(handler), "a class known to use Netty is caught");
    }

    private static boolean namesNetty(Path classFile) {
        try {
            byte[] bytes = Files.readAllBytes(classFile);
            outer:
            for (int i = 0; i + NETTY.length <= bytes.length; i++) {
                for (int j = 0; j < NETTY.length; j++) {
                    if (bytes[i + j] != NETTY[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
