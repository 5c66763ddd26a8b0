/**
 * Device posture: a signed posture token from an MDM issuer, bound to the user it was issued for
 * and no older than its max age, or the posture claims of the identity token itself; each refusal
 * has a named reason, and an absent or refused posture is never treated as compliant. May import
 * Nimbus and the config module.
 */
package io.portcullis.identity.posture;
