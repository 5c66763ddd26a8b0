/**
 * Compiles a rule's YAML nodes into criteria and junctions, resolving named conditions, and reports
 * every mistake with its file:line:col and a "did you mean" hint. May import the config module and
 * the policy packages.
 */
package io.portcullis.policy.compile;
