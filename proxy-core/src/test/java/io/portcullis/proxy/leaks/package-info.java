/**
 * Test-only guard against Netty buffer leaks: a JUnit extension, registered for every test class of
 * proxy-core by autodetection, that fails a class when Netty's leak detector reported a leak. It may
 * import Netty's buffer API, Logback and JUnit; nothing of Portcullis.
 */
package io.portcullis.proxy.leaks;
