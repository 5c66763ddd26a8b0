/**
 * Browser SSO on the proxy's side: the reserved /.portcullis/ paths (login callback, logout, back-
 * channel logout), session cookies, login redirects with a loop guard, step-up requests, and the
 * identity an upstream receives (headers, signed assertion). May import Netty's HTTP codec and the
 * identity module.
 */
package io.portcullis.proxy.sso;
