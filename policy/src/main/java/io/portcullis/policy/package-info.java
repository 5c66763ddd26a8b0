/**
 * The policy language: a YAML policy is compiled once ({@link io.portcullis.policy.PolicyCompiler})
 * and evaluated per request on plain facts ({@link io.portcullis.policy.PolicyInput}: request,
 * identity, device, risk) in the fixed order deny (true or unknown) → allow → require/step-up, with
 * three-valued logic ({@link io.portcullis.policy.Tri}) so an unknown fact never allows, and named
 * reasons in every {@link io.portcullis.policy.Decision}. Pure Java: may import the config module
 * only; no I/O, no Netty, no Nimbus.
 */
package io.portcullis.policy;
