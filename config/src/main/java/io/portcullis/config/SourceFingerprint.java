package io.portcullis.config;

import io.portcullis.config.yaml.MapNode;
import io.portcullis.config.yaml.Node;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a config made of a main file and its includes looks like on disk right now: the hash a load
 * would record and the directories its files live in. Includes are resolved afresh each time, so a
 * file added to an included directory changes the fingerprint. When the main file does not parse,
 * only its own bytes count: a change is still noticed, and the reload that follows reports the problem.
 *
 * @param sha256      as {@link PortcullisConfig#sha256()} would be after a load; null when the main
 *                    file cannot be read
 * @param directories the directories of the main file and of every included file
 */
record SourceFingerprint(String sha256, Set<Path> directories) {

    /** The last main file parsed for its include list, by the hash of its bytes. */
    private record Parsed(String sha256, Node root) {
    }

    /**
     * One entry: the watcher looks at one main file every few seconds, and parsing it (tens of ms for a
     * large config) only to find the same include list took CPU from the requests. The include list is
     * still resolved every time (a file added to an included directory changes the fingerprint).
     */
    private static volatile Parsed lastParsed;
    private static final AtomicLong PARSES = new AtomicLong();

    static SourceFingerprint of(Path mainFile) {
        Path main = mainFile.toAbsolutePath();
        Set<Path> directories = new LinkedHashSet<>(List.of(main.getParent()));
        byte[] bytes;
        try {
            bytes = ConfigLoader.read(main, main.toString());
        } catch (ConfigException e) {
            return new SourceFingerprint(null, directories);
        }
        List<String> hashes = new ArrayList<>(List.of(ConfigLoader.sha256(bytes)));
        if (!mentionsInclude(bytes)) {
            // No include list possible: the watcher checks every few seconds, and parsing a large
            // config each time (1,000 routes: tens of ms) took CPU from the requests on a busy core.
            return new SourceFingerprint(ConfigLoader.combinedSha256(hashes), directories);
        }
        try {
            Node root = parsed(bytes, hashes.get(0), main.toString());
            if (root instanceof MapNode map) {
                for (IncludeList.Entry e : IncludeList.resolve(map, main.toString(), main, new Problems())) {
                    directories.add(e.path().getParent());
                    hashes.add(ConfigLoader.sha256(ConfigLoader.read(e.path(), e.name())));
                }
            }
        } catch (ConfigException e) {
            return new SourceFingerprint(hashes.get(0), directories);
        }
        return new SourceFingerprint(ConfigLoader.combinedSha256(hashes), directories);
    }

    /** The main file's tree, parsed again only when its bytes changed. */
    private static Node parsed(byte[] bytes, String sha256, String name) throws ConfigException {
        Parsed cached = lastParsed;
        if (cached != null && cached.sha256().equals(sha256)) {
            return cached.root();
        }
        PARSES.incrementAndGet();
        // The include list may name ${VAR}s; a bad one is the reload's to report.
        Node root = ConfigLoader.tree(Utf8Text.withoutBom(Utf8Text.decode(bytes, name)), name, System.getenv(),
                new Problems());
        lastParsed = new Parsed(sha256, root);
        return root;
    }

    /** How many times a main file was parsed for its include list (tests watch it). */
    static long parses() {
        return PARSES.get();
    }

    /**
     * Whether the bytes contain {@code include} anywhere (in any case). Without it there is no
     * {@code include:} key; with it, the file is parsed to find out (a comment or a value may say it).
     */
    static boolean mentionsInclude(byte[] bytes) {
        byte[] word = {'i', 'n', 'c', 'l', 'u', 'd', 'e'};
        outer:
        for (int i = 0; i + word.length <= bytes.length; i++) {
            for (int j = 0; j < word.length; j++) {
                if ((bytes[i + j] | 0x20) != word[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
