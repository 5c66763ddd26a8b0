/**
 * The config model and its binder: immutable records for a loaded {@code portcullis.yaml}, the
 * loader that reads it and its includes into them (every problem collected with file, line and
 * column), and the watcher that reloads it. Imports the JDK, SLF4J and {@code config.yaml} only;
 * every other module depends on this one, never the other way round.
 */
package io.portcullis.config;
