/**
 * The explain command's engine: decides one request offline through the access pipeline and traces
 * every rule and criterion with its outcome and the source lines it came from. May import the tools
 * package and the policy module.
 */
package io.portcullis.proxy.tools.explain;
