package io.portcullis.config;

import io.portcullis.config.yaml.Node;
import java.nio.file.Path;

/**
 * One parsed YAML file of a config: the main file or one it includes.
 *
 * @param path   where it was read from (null for text parsed without a file)
 * @param name   the name problems are reported under
 * @param sha256 hex SHA-256 of its bytes
 * @param root   its parsed content
 */
record SourceFile(Path path, String name, String sha256, Node root) {
}
