package io.portcullis.proxy.tools;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Parses an IPv4 or IPv6 address literal, never a host name: the tools must not do DNS lookups. */
public final class IpLiteral {

    private IpLiteral() {
    }

    /** The address, or null when {@code text} is not an address literal. */
    public static InetAddress parse(String text) {
        if (text == null || !(text.contains(":") || text.matches("\\d{1,3}(\\.\\d{1,3}){3}"))) {
            return null;
        }
        try {
            // Only literals get here, which InetAddress parses without any lookup.
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
