package io.portcullis.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * panva's oidc-provider (src/test/node/oidc-server.mjs) as a {@code node} process on a random loopback
 * port. Ready means it printed its {@code READY <issuer>} line; its output is kept for the failure message.
 */
final class OidcProviderServer implements AutoCloseable {

    static final Duration START_DEADLINE = Duration.ofSeconds(60);

    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final String issuer;

    private OidcProviderServer(Process process) throws InterruptedException {
        this.process = process;
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> readOutput(ready), "oidc-provider-output");
        reader.setDaemon(true);
        reader.start();
        try {
            issuer = ready.get(START_DEADLINE.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            close();
            throw new IllegalStateException("oidc-provider did not start: " + e.getMessage() + "\n" + output);
        }
    }

    /** The directory holding oidc-server.mjs and its node_modules (installed by npm ci in mvn verify). */
    static Path nodeDirectory() {
        return Path.of(System.getProperty("oidc.node.dir", "src/test/node")).toAbsolutePath();
    }

    /** Why the provider cannot run here, or null when it can. */
    static String whyUnavailable() {
        Path dir = nodeDirectory();
        try {
            Process version = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            version.getInputStream().readAllBytes();
            if (!version.waitFor(30, TimeUnit.SECONDS) || version.exitValue() != 0) {
                return "`node --version` failed";
            }
        } catch (IOException e) {
            return "no `node` on the PATH";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while looking for node";
        }
        if (!Files.isDirectory(dir.resolve("node_modules/oidc-provider"))) {
            return "oidc-provider is not installed in " + dir + " (mvn verify runs `npm ci` there)";
        }
        return null;
    }

    static OidcProviderServer start() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("node", "oidc-server.mjs")
                .directory(nodeDirectory().toFile())
                .redirectErrorStream(true);
        builder.environment().put("PORT", "0");
        return new OidcProviderServer(builder.start());
    }

    private void readOutput(CompletableFuture<String> ready) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.append(line).append('\n');
                if (line.startsWith("READY ")) {
                    ready.complete(line.substring("READY ".length()).trim());
                }
            }
            ready.completeExceptionally(new IllegalStateException("node exited before READY"));
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
    }

    String issuer() {
        return issuer;
    }

    @Override
    public void close() {
        ProcessTree.stop(process, Duration.ofSeconds(10));
    }
}
