/**
 * Authenticators: each reads one kind of credential from an
 * {@link io.portcullis.proxy.access.AccessRequest} and says who made the request, that it made it
 * anonymously (and why: no credential, a refused one, an unreadable one), or that it is not
 * responsible, so the next one is tried (as Ory Oathkeeper's authenticators do). One authenticator per
 * file. No Netty here (see the parent package); a parser's failure is an answer, never an exception.
 */
package io.portcullis.proxy.access.authn;
