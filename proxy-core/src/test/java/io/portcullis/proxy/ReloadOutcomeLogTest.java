package io.portcullis.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Every reload says how it ended, in one log line: applied (with the new hash), unchanged (the file
 * holds what is running), or refused with each problem and the running config kept.
 */
class ReloadOutcomeLogTest {

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(Portcullis.class);

    @BeforeEach
    void capture() {
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void release() {
        logger.detachAppender(log);
    }

    private List<String> reloadLines() {
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.startsWith("config reload"))
                .toList();
    }

    @Test
    void unchangedAppliedAndRefusedEachLogTheirOutcome() throws Exception {
        try (ProxyFixture fx = new ProxyFixture(ProxyFixture.PUBLIC_APP)) {
            String running = fx.portcullis.current().config().sha256();
            assertTrue(fx.portcullis.reload());
            assertEquals(List.of("config reload unchanged: " + fx.configFile + " (sha256 " + running
                    + ") is the running config; nothing to apply"), reloadLines());

            log.list.clear();
            fx.writeConfig(ProxyFixture.PUBLIC_APP.replace("/app", "/other"));
            assertTrue(fx.portcullis.reload());
            String applied = fx.portcullis.current().config().sha256();
            assertFalse(applied.equals(running));
            assertEquals(List.of("config reload applied: " + fx.configFile + " (sha256 " + applied + ")"), reloadLines());

            log.list.clear();
            fx.writeConfig(ProxyFixture.PUBLIC_APP.replace("policy: public", "policy: no-such-policy"));
            assertFalse(fx.portcullis.reload());
            List<ILoggingEvent> refused = log.list.stream()
                    .filter(e -> e.getFormattedMessage().startsWith("config reload")).toList();
            assertEquals(1, refused.size(), reloadLines().toString());
            assertEquals(Level.ERROR, refused.get(0).getLevel());
            String message = refused.get(0).getFormattedMessage();
            assertTrue(message.startsWith("config reload refused; the running config is kept:\n"), message);
            assertTrue(message.matches("(?s).*" + java.util.regex.Pattern.quote(fx.configFile.toString())
                    + ":\\d+:\\d+: .*no-such-policy.*"), "why, with file:line:col: " + message);
            assertEquals(applied, fx.portcullis.current().config().sha256(), "the running config is kept");
        }
    }

    @Test
    void aDecisionApiAddedByAReloadIsAppliedOnlyAfterARestartAndSaysSo() throws Exception {
        try (ProxyFixture fx = new ProxyFixture(ProxyFixture.PUBLIC_APP)) {
            fx.writeConfig("decision_api:\n  listen: 127.0.0.1:0\n" + ProxyFixture.PUBLIC_APP);
            assertTrue(fx.portcullis.reload());
            assertTrue(log.list.stream().anyMatch(e -> e.getLevel() == Level.WARN && e.getFormattedMessage()
                    .startsWith("decision_api listen and tls changes")), "warned: " + log.list);
            assertEquals(-1, fx.portcullis.decisionApiPort(), "no listener opened by a reload");

            log.list.clear();
            fx.writeConfig("decision_api:\n  listen: 127.0.0.1:0\n" + ProxyFixture.PUBLIC_APP.replace("/app", "/other"));
            assertTrue(fx.portcullis.reload());
            assertFalse(log.list.stream().anyMatch(e -> e.getFormattedMessage().startsWith("decision_api")),
                    "no warning when the listener is unchanged: " + log.list);
        }
    }
}
