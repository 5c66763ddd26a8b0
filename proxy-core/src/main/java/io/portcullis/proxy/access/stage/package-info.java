/**
 * The stages after authentication, each behind a small interface with one implementation per file:
 * device posture, the external PDPs a policy asks ({@code authzen}, fetched before the policy so it
 * stays synchronous), risk (assess before the policy, record after an allow), policy, rate limit. The
 * {@code Given*} implementations hold facts given by hand, for the offline tools. No Netty here (see
 * the parent package).
 */
package io.portcullis.proxy.access.stage;
