package io.portcullis.proxy.ops;

import io.portcullis.config.ConfigException;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.proxy.ConfigCompiler;
import java.util.List;
import java.util.Map;

/**
 * docker-compose.yml as the tests see it: its services, and the Portcullis config file it mounts
 * into the portcullis service (found through the mount, never assumed).
 */
final class ComposeStack {

    static final String FILE = "docker-compose.yml";
    static final String PORTCULLIS = "portcullis";

    private ComposeStack() {
    }

    static Map<String, Object> compose() {
        return Yamls.loadFile(FILE);
    }

    static Map<String, Object> service(String name) {
        return Yamls.mapAt(compose(), "services", name);
    }

    /** A bind mount {@code ./source:target[:mode]} of a service, split into its parts. */
    record Mount(String source, String target, boolean readOnly) {
        static Mount parse(String spec) {
            String[] parts = spec.split(":");
            if (parts.length < 2 || parts.length > 3) {
                throw new AssertionError("not a bind mount source:target[:mode]: " + spec);
            }
            return new Mount(parts[0], parts[1], parts.length == 3 && parts[2].equals("ro"));
        }
    }

    static List<Mount> mounts(String service) {
        Object volumes = service(service).get("volumes");
        if (volumes == null) {
            return List.of();
        }
        return Yamls.list(volumes, service + ".volumes").stream()
                .map(v -> Mount.parse(Yamls.string(v, service + ".volumes[]")))
                .toList();
    }

    /** The {@code --config} argument of the portcullis service's command. */
    static String portcullisConfigTarget() {
        List<Object> command = Yamls.listAt(service(PORTCULLIS), "command");
        int i = command.indexOf("--config");
        if (i < 0 || i + 1 >= command.size()) {
            throw new AssertionError("portcullis command has no --config FILE: " + command);
        }
        return Yamls.string(command.get(i + 1), "portcullis.command --config");
    }

    /**
     * The repository file the portcullis command reads its config from: through a mount of the file
     * itself or of a directory above it.
     */
    static String portcullisConfigSource() {
        String target = portcullisConfigTarget();
        for (Mount m : mounts(PORTCULLIS)) {
            if (m.target().equals(target)) {
                return m.source();
            }
            if (target.startsWith(m.target() + "/")) {
                return m.source() + target.substring(m.target().length());
            }
        }
        throw new AssertionError("nothing is mounted at the --config path " + target);
    }

    /** The mounted config, fully compiled (policies too), exactly as {@code serve} would load it. */
    static PortcullisConfig portcullisConfig() throws ConfigException {
        return ConfigCompiler.compile(RepoFiles.path(portcullisConfigSource())).config();
    }
}
