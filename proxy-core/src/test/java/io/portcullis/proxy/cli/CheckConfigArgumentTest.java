package io.portcullis.proxy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where {@code check} (and {@code serve}, {@code explain}) find the config: FILE, --config, PORTCULLIS_CONFIG. */
class CheckConfigArgumentTest {

    @TempDir
    Path dir;

    private Path write(String name, String upstream) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, """
                routes:
                  - id: app
                    match: { path_prefix: /app }
                    upstream: %s
                    policy: open
                policies:
                  open:
                    allow: { public: true }
                """.formatted(upstream));
        return f;
    }

    @Test
    void aPositionalFileIsChecked() throws Exception {
        Path good = write("good.yaml", "http://127.0.0.1:9001");
        CliRun r = CliRun.of("check", good.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().startsWith(good + ": OK"), r.out());
    }

    @Test
    void portcullisConfigIsTheDefaultAndAnExplicitFileWins() throws Exception {
        Path good = write("good.yaml", "http://127.0.0.1:9001");
        Path bad = write("bad.yaml", "ftp://nowhere");
        CliRun fromEnv = CliRun.withEnv(Map.of("PORTCULLIS_CONFIG", bad.toString()), "check");
        assertEquals(2, fromEnv.code(), fromEnv.out() + fromEnv.err());
        assertTrue(fromEnv.err().startsWith(bad + ":4:15: routes[0].upstream"), fromEnv.err());
        CliRun option = CliRun.withEnv(Map.of("PORTCULLIS_CONFIG", bad.toString()), "check", "--config", good.toString());
        assertEquals(0, option.code(), option.out() + option.err());
        CliRun positional = CliRun.withEnv(Map.of("PORTCULLIS_CONFIG", bad.toString()), "check", good.toString());
        assertEquals(0, positional.code(), positional.out() + positional.err());
    }

    @Test
    void noConfigAnywhereIsAUsageErrorThatNamesTheVariable() {
        for (String command : new String[] {"check", "serve", "explain"}) {
            CliRun r = command.equals("explain") ? CliRun.of(command, "--path", "/") : CliRun.of(command);
            assertEquals(2, r.code(), command + ": " + r.out() + r.err());
            assertTrue(r.err().contains("give --config FILE or set PORTCULLIS_CONFIG"), command + ": " + r.err());
        }
    }

    @Test
    void aFileGivenTwiceIsRefused() throws Exception {
        Path good = write("good.yaml", "http://127.0.0.1:9001");
        CliRun r = CliRun.of("check", "--config", good.toString(), good.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("as FILE or as --config FILE, not both"), r.err());
    }
}
