/**
 * YAML as positioned nodes: parsing (SnakeYAML's composer, hostile constructs refused) and
 * environment interpolation, each keeping every value's file, line and column. Imports only
 * SnakeYAML and {@code io.portcullis.config}'s {@code Position}, {@code ConfigProblem} and
 * {@code ConfigException}; knows nothing of what the keys mean.
 */
package io.portcullis.config.yaml;
