/**
 * Small shared vocabulary of the decision: the verdict kinds, bearer-token extraction from the
 * Authorization header (Bearer or DPoP, exactly one), client-certificate facts and the step-up
 * challenge header. No Netty: the access package builds on it. May import the identity and policy
 * modules.
 */
package io.portcullis.proxy.auth;
