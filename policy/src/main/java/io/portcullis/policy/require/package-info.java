/**
 * Step-up requirements of a policy (MFA, maximum authentication age, acr): when unmet for an
 * otherwise allowed request they turn the decision into a challenge (RFC 9470) instead of a deny.
 * Pure: may import the policy packages and the config module.
 */
package io.portcullis.policy.require;
