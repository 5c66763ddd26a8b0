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
    /** Tracing reaches the access package only through its own AccessTrace interface. */
    private static final byte[] OPENTELEMETRY = "io/opentelemetry/".getBytes(StandardCharsets.US_ASCII);

    @Test
    void noClassOfTheAccessPackagesReferencesNetty() throws IOException, URISyntaxException {
        assertEquals(List.of(), offenders(NETTY), "these access classes reference io.netty");
    }

    @Test
    void noClassOfTheAccessPackagesReferencesOpenTelemetry() throws IOException, URISyntaxException {
        assertEquals(List.of(), offenders(OPENTELEMETRY), "these access classes reference io.opentelemetry");
        Path span = Path.of(AccessPipeline.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("io/portcullis/proxy/trace/RequestSpan.class");
        assertTrue(names(span, OPENTELEMETRY), "a class known to use OpenTelemetry is caught");
    }

    /** The access classes (relative paths) that name a type under {@code prefix}. */
    private static List<String> offenders(byte[] prefix) throws IOException, URISyntaxException {
        Path root = Path.of(AccessPipeline.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("io/portcullis/proxy/access");
        List<Path> classes;
        try (Stream<Path> files = Files.walk(root)) {
            classes = files.filter(f -> f.toString().endsWith(".class")).toList();
        }
        assertTrue(classes.size() >= 20, "the access classes were found: " + classes.size());
        return classes.stream().filter(c -> names(c, prefix)).map(root::relativize).map(Path::toString).toList();
    }

    @Test
    void theScanRecognizesANettyReference() throws IOException, URISyntaxException {
        Path handler = Path.of(io.portcullis.proxy.server.ProxyServer.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI()).resolve("io/portcullis/proxy/sso/LoginRedirects.class");
        assertTrue(names(handler, NETTY), "a class known to use Netty is caught");
    }

    private static boolean names(Path classFile, byte[] prefix) {
        try {
            byte[] bytes = Files.readAllBytes(classFile);
            outer:
            for (int i = 0; i + prefix.length <= bytes.length; i++) {
                for (int j = 0; j < prefix.length; j++) {
                    if (bytes[i + j] != prefix[j]) {
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
