package io.portcullis.proxy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code --log-format}: read from the raw arguments before logging starts, and accepted by every command. */
class LogFormatTest {

    @Test
    void theRawArgumentsSelectTheFormat() {
        assertEquals(LogFormat.json, LogFormat.format("serve", "--log-format", "json", "--config", "p.yaml"));
        assertEquals(LogFormat.json, LogFormat.format("--log-format=JSON", "dev"));
        assertEquals(LogFormat.text, LogFormat.format("serve", "--config", "p.yaml"));
        assertEquals(LogFormat.text, LogFormat.format("serve", "--log-format"), "no value: text, and picocli says why");
        assertEquals(LogFormat.text, LogFormat.format("--log-format", "text"));
    }

    @Test
    void everyCommandAcceptsTheOptionAndRefusesAnUnknownFormat() {
        assertEquals(0, CliRun.of("--log-format", "json", "--version").code());
        assertEquals(0, CliRun.of("serve", "--log-format", "json", "--version").code());
        CliRun bad = CliRun.of("serve", "--log-format", "xml", "--config", "p.yaml");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--log-format"), bad.err());
        assertTrue(CliRun.of("serve", "--help").out().contains("--log-format"));
    }
}
