package io.portcullis.proxy.cli;

import io.portcullis.config.ConfigException;
import io.portcullis.config.ConfigProblem;
import io.portcullis.identity.DefaultIdentityService;
import io.portcullis.identity.IdentityEvents;
import io.portcullis.identity.IdentityService;
import io.portcullis.proxy.ConfigCompiler;
import io.portcullis.proxy.RuntimeConfig;
import io.portcullis.proxy.tools.IpLiteral;
import io.portcullis.proxy.tools.OfflineEvaluation;
import io.portcullis.proxy.tools.ProxyAnswer;
import io.portcullis.proxy.server.RequestOrigin;
import io.portcullis.proxy.tools.explain.BindingExplanation;
import io.portcullis.proxy.tools.explain.CriterionTrace;
import io.portcullis.proxy.tools.explain.ExplainRequest;
import io.portcullis.proxy.tools.explain.Explainer;
import io.portcullis.proxy.tools.explain.Explanation;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code portcullis explain --config FILE --token JWT --path /admin ...}: verifies the tokens for real
 * (keys fetched from the configured issuers) and checks the token's binding against {@code --dpop-proof}
 * or {@code --client-cert}, then prints the route that matched, each criterion of its policy with its
 * outcome, and the final decision. Exit 0 when the request would be allowed, 1
 * when not, 2 when the config or the arguments are invalid or an issuer's keys cannot be had.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Explain the decision for one request: route, each criterion's outcome, final decision.")
final class ExplainCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Config file (YAML); default: $PORTCULLIS_CONFIG.")
    Path config;

    @Option(names = "--token", paramLabel = "JWT|@FILE",
            description = "Identity token, or @FILE to read it from a file (keeps it out of shell history).")
    String token;

    @Option(names = "--device-token", paramLabel = "JWT|@FILE", description = "Device-posture token, or @FILE.")
    String deviceToken;

    @Option(names = "--dpop-proof", paramLabel = "JWT|@FILE",
            description = "DPoP proof (the DPoP header); the token is then presented as 'Authorization: DPoP'.")
    String dpopProof;

    @Option(names = "--client-cert", paramLabel = "PEM",
            description = "Client certificate (PEM file) an mTLS listener verified, for certificate-bound tokens.")
    Path clientCert;

    @Option(names = "--origin", paramLabel = "URL",
            description = "scheme://host[:port] the client addressed, for a proof's htu (default: sso.external_url's, "
                    + "else https:// and --host).")
    String origin;

    @Option(names = "--method", defaultValue = "GET", description = "HTTP method (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--path", required = true, description = "Request path, as a client would send it.")
    String path;

    @Option(names = "--host", defaultValue = "", description = "Host header.")
    String host;

    @Option(names = "--source-ip", defaultValue = "192.0.2.1",
            description = "Client address the policy sees (default: ${DEFAULT-VALUE}, trusted by no rule).")
    String sourceIp;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Path config = ConfigArgument.required(this.config, spec);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ConfigCompiler.Compiled compiled;
        ExplainRequest request;
        try {
            compiled = ConfigCompiler.compile(config);
            String configured = RequestOrigin.configured(compiled.config());
            request = new ExplainRequest(method.toUpperCase(Locale.ROOT), host, path, literalAddress(sourceIp),
                    secret(token), secret(deviceToken), secret(dpopProof), certificate(clientCert),
                    origin != null ? origin : configured != null ? configured : "https://" + host);
        } catch (ConfigException e) {
            for (ConfigProblem p : e.problems()) {
                err.println(p.format());
            }
            err.flush();
            return CheckCommand.INVALID_CONFIG;
        } catch (IllegalArgumentException | IOException | CertificateException e) {
            err.println("explain: " + e.getMessage());
            err.flush();
            return CheckCommand.INVALID_CONFIG;
        }
        RuntimeConfig runtime = RuntimeConfig.of(compiled.config(), compiled.policies(), null);
        try (IdentityService identity = DefaultIdentityService.start(compiled.config(), IdentityEvents.NONE)) {
            Explanation e = new Explainer(compiled.config(), compiled.policies(), runtime.router(), identity).explain(request);
            print(out, e);
            out.flush();
            return e.evaluation().answer() == ProxyAnswer.ALLOW ? 0 : 1;
        } catch (TimeoutException e) {
            err.println("explain: no answer from the issuers' key endpoints within " + Explainer.KEY_WAIT.toSeconds() + "s");
            err.flush();
            return CheckCommand.INVALID_CONFIG;
        } catch (Exception e) {
            err.println("explain: " + e.getMessage());
            err.flush();
            return CheckCommand.INVALID_CONFIG;
        }
    }

    /** {@code @FILE} reads the value from a file, so a token need not be on the command line. */
    private static String secret(String value) throws IOException {
        if (value == null || !value.startsWith("@")) {
            return value;
        }
        return Files.readString(Path.of(value.substring(1)), StandardCharsets.US_ASCII).trim();
    }

    private static X509Certificate certificate(Path pem) throws IOException, CertificateException {
        if (pem == null) {
            return null;
        }
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (CertificateException e) {
            throw new CertificateException("--client-cert: " + pem + " holds no PEM certificate");
        }
    }

    private static InetAddress literalAddress(String ip) {
        InetAddress address = IpLiteral.parse(ip);
        if (address == null) {
            throw new IllegalArgumentException("--source-ip: expected an IP address, got '" + ip + "'");
        }
        return address;
    }

    private static void print(PrintWriter out, Explanation e) {
        OfflineEvaluation ev = e.evaluation();
        if (e.identity() != null) {
            out.println("token:    valid; issuer " + e.identity().issuerId() + ", subject " + e.identity().subject()
                    + ", expires " + e.identity().expiresAt());
        } else {
            out.println("token:    " + (e.tokenProblem() == null ? "none (anonymous request)" : "refused: " + e.tokenProblem()));
        }
        BindingExplanation b = e.binding();
        if (b != null) {
            out.println("binding:  issuer " + e.identity().issuerId() + " " + b.mode() + "; token " + b.token()
                    + "; presented as " + b.presented() + "; "
                    + (b.refused() ? "refused: " + b.refusal() + " (401)" : "accepted: " + b.binding()));
        }
        if (e.posture() != null) {
            out.println("device:   " + e.posture().source() + (e.posture().deviceId() == null ? "" : ", device " + e.posture().deviceId()));
        } else if (e.postureProblem() != null) {
            out.println("device:   not used: " + e.postureProblem());
        } else {
            out.println("device:   none");
        }
        if (ev.route() == null) {
            out.println("route:    none" + (ev.path() == null ? "" : " for " + ev.path()));
        } else {
            out.println("route:    " + ev.route().id() + " (" + ev.route().config().position() + ") for " + ev.path()
                    + " -> " + ev.route().upstream().key());
            out.println("policy:   " + ev.route().config().access().policy());
        }
        for (CriterionTrace t : e.criteria()) {
            out.printf("  %-5s %-7s %s  %s  %s%n", t.part(), t.value(), t.refuses() ? "NO" : "ok", t.position(),
                    (t.negated() ? "(negated) " : "") + t.source() + ("-".equals(t.reason()) ? "" : "  [" + t.reason() + "]"));
        }
        StringBuilder decision = new StringBuilder("decision: ").append(ev.answer().label());
        if (ev.decision() != null) {
            decision.append(" (rule ").append(ev.decision().rule()).append(')');
        }
        out.println(decision.append("; reasons: ").append(String.join(", ", ev.reasons())));
        if (e.shadow() != null) {
            out.println("shadow:   " + e.shadow().policy() + " would " + e.shadow().decision() + " ("
                    + e.shadow().comparison().code() + "; logged, never enforced)");
        }
    }
}
