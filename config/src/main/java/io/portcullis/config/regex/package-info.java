/**
 * The one regex dialect of operator-written patterns matched against request data (a route's
 * {@code path_regex}, a policy's {@code matches} and {@code http_path.regex}): RE2 syntax, matched by
 * RE2/J in time linear in the input whatever the pattern, so no pattern can be a denial of service.
 * Patterns written for java.util.regex that RE2 cannot run, or would read with another meaning, are
 * refused at load with the construct named. Imports only RE2/J.
 */
package io.portcullis.config.regex;
