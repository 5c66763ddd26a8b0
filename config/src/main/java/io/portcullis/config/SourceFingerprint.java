package io.portcullis.config;

import io.portcullis.config.yaml.MapNode;
import io.portcullis.config.yaml.Node;
import io.portcullis.config.yaml.YamlNodes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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
            Node root = YamlNodes.parse(Utf8Text.withoutBom(Utf8Text.decode(bytes, main.toString())), main.toString());
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
