/**
 * What Portcullis does about security events: the {@link io.portcullis.identity.events.actions.SecurityAction}
 * model, the pure mapping from a verified SET to actions, and the sink the shared state store implements
 * (with an in-memory one for tests). May import the JDK and {@code identity.events}; never Netty.
 */
package io.portcullis.identity.events.actions;
