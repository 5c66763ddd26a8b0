/**
 * The short-lived signed identity assertion a legacy upstream can verify instead of trusting plain
 * headers: its ES256 signer and the PEM/DER key loading it needs. Keys are read when a config is
 * loaded, never per request. May import Nimbus, the config module and the JDK.
 */
package io.portcullis.identity.assertion;
