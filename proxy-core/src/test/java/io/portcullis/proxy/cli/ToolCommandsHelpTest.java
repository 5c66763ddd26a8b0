package io.portcullis.proxy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The tool commands are wired into the command line and document themselves. */
class ToolCommandsHelpTest {

    @Test
    void everyToolCommandHasHelp() {
        for (String[] cmd : new String[][] {{"policy", "test"}, {"explain"}, {"verify-log"}, {"check"}}) {
            String[] args = new String[cmd.length + 1];
            System.arraycopy(cmd, 0, args, 0, cmd.length);
            args[cmd.length] = "--help";
            CliRun r = CliRun.of(args);
            assertEquals(0, r.code(), String.join(" ", cmd));
            assertTrue(r.out().startsWith("Usage: portcullis " + String.join(" ", cmd)), r.out());
        }
    }

    @Test
    void theTopLevelUsageListsThem() {
        CliRun r = CliRun.of("--help");
        for (String name : new String[] {"policy", "explain", "verify-log", "check"}) {
            assertTrue(r.out().contains("  " + name + " "), r.out());
        }
    }
}
