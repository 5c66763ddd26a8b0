package io.portcullis.proxy.ops;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Programs of the machine the tests run on (dpkg-deb, systemd-analyze, promtool) that some tests use where present. */
final class HostTools {

    private HostTools() {
    }

    /** Whether an executable of that name is on the PATH. */
    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
