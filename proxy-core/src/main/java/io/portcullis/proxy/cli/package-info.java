/**
 * The command line (picocli): serve, check, dev, explain, policy test and verify-log, the config
 * path default (PORTCULLIS_CONFIG), log format and the process lifecycle (signals, orderly shutdown
 * that drains the decision log). May import every proxy-core package.
 */
package io.portcullis.proxy.cli;
