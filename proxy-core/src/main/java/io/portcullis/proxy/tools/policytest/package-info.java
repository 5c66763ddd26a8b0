/**
 * Policy unit tests for CI: a YAML file of requests and expected outcomes, parsed strictly and run
 * through the same offline pipeline as explain. May import the tools package and the config module.
 */
package io.portcullis.proxy.tools.policytest;
