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
}
