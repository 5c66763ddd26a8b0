/**
 * JMH benchmarks of the hot paths (cached and uncached token verification, the whole decision,
 * policy evaluation, routing, identity headers, DPoP proofs) and the load harness's token minter
 * and open-loop generator used by bench/run.sh. Never part of mvn verify's tests. May import every
 * module.
 */
package io.portcullis.benchmarks;
