package io.portcullis.proxy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.portcullis.fixtures.EchoUpstream;
import io.portcullis.fixtures.EmbeddedIssuer;
import io.portcullis.fixtures.ExampleConfig;
import io.portcullis.fixtures.ScratchDirectory;
import io.portcullis.identity.DefaultIdentityService;
import io.portcullis.proxy.observe.DecisionLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * A real Portcullis on an ephemeral port in front of a real echo upstream, with real issuers serving
 * JWKS over HTTP. The config is a YAML file with placeholders: {@code ${UPSTREAM}}, {@code ${CORP_ISS}},
 * {@code ${CORP_JWKS}}, {@code ${MDM_ISS}}, {@code ${MDM_JWKS}}.
 */
public final class ProxyFixture implements AutoCloseable {

    public final EmbeddedIssuer corp = EmbeddedIssuer.start("/realms/corp");
    public final EmbeddedIssuer mdm = EmbeddedIssuer.start("/mdm");
    public final EchoUpstream upstream = EchoUpstream.start();
    private final ScratchDirectory dir = ScratchDirectory.create("portcullis-test");
    public final Path configFile;
    public final Portcullis portcullis;
    private final List<String> decisionLines = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Collects decision lines; written from event-loop threads while tests read them. */
    private final AppenderBase<ILoggingEvent> decisions = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            decisionLines.add(event.getFormattedMessage());
        }
    };

    /** One public route, {@code /app}, to the echo upstream: for tests of connection handling. */
    public static final String PUBLIC_APP = """
            listen: 127.0.0.1:0
            admin: 127.0.0.1:0
            routes:
              - id: app
                match: { path_prefix: /app }
                upstream: ${UPSTREAM}
                policy: public
            policies:
              public:
                allow: { public: true }
            """;

    public ProxyFixture(String yamlTemplate) {
        this(yamlTemplate, DefaultIdentityService::start);
    }

    /** With a specific identity stage, e.g. one with a short unknown-kid refetch interval. */
    public ProxyFixture(String yamlTemplate, Portcullis.IdentityFactory identityFactory) {
        try {
            configFile = dir.resolve("portcullis.yaml");
            Files.writeString(configFile, render(yamlTemplate), StandardCharsets.UTF_8);
            Logger logger = (Logger) LoggerFactory.getLogger(DecisionLog.LOGGER_NAME);
            decisions.start();
            logger.addAppender(decisions);
            portcullis = Portcullis.start(configFile, ConfigCompiler.compile(configFile), identityFactory, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            close();
            throw new IllegalStateException(e);
        }
    }

    public String render(String template) {
        // Hundreds of tests start a proxy: only those that ask for it warm up (PipelineWarmupTest).
        String withWarmup = template.contains("warmup:") ? template : template + "\nwarmup: { enabled: false }\n";
        return withWarmup.replace("${UPSTREAM}", upstream.url())
                .replace("${CORP_ISS}", corp.issuerUrl()).replace("${CORP_JWKS}", corp.jwksUri())
                .replace("${MDM_ISS}", mdm.issuerUrl()).replace("${MDM_JWKS}", mdm.jwksUri());
    }

    /** Rewrites the config file (placeholders rendered). */
    public void writeConfig(String yamlTemplate) throws IOException {
        Files.writeString(configFile, render(yamlTemplate), StandardCharsets.UTF_8);
    }

    public int port() {
        return portcullis.port();
    }

    public RawHttp client() throws IOException {
        return new RawHttp(port());
    }

    /** Decision-log lines written so far. */
    public List<String> decisionLines() {
        return List.copyOf(decisionLines);
    }

    /** Waits (bounded) for a decision line containing {@code text}; lines are written just after the response. */
    public String awaitDecision(String text) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (String line : decisionLines()) {
                if (line.contains(text)) {
                    return line;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no decision line containing " + text + " in " + decisionLines());
    }

    @Override
    public void close() {
        Logger logger = (Logger) LoggerFactory.getLogger(DecisionLog.LOGGER_NAME);
        logger.detachAppender(decisions);
        if (portcullis != null) {
            portcullis.close();
        }
        corp.close();
        mdm.close();
        upstream.close();
        dir.close();
    }

    /** The example config of the enforcement-path contract, on free ports. */
    public static final String EXAMPLE = ExampleConfig.yaml("127.0.0.1:0", "127.0.0.1:0", "${CORP_ISS}", "${CORP_JWKS}",
            "${MDM_ISS}", "${MDM_JWKS}", "${UPSTREAM}");
}
