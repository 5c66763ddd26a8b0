package io.portcullis.proxy.server;

import io.portcullis.config.Cidr;
import java.net.InetAddress;
import java.util.List;

/**
 * The client address policies see. It is the TCP peer, unless the peer is a trusted proxy: then
 * {@code X-Forwarded-For} is read from the right, skipping trusted hops, and the first untrusted
 * address is the client. A forged left-most entry therefore never counts.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static boolean trusted(List<Cidr> trustedProxies, InetAddress addr) {
        for (int i = 0, n = trustedProxies.size(); i < n; i++) {
            if (trustedProxies.get(i).contains(addr)) {
                return true;
            }
        }
        return false;
    }

    /** @param xffValues every X-Forwarded-For header value, in order */
    public static InetAddress resolve(InetAddress peer, List<Cidr> trustedProxies, List<String> xffValues) {
        if (trustedProxies.isEmpty() || xffValues.isEmpty() || !trusted(trustedProxies, peer)) {
            return peer;
        }
        InetAddress current = peer;
        for (int v = xffValues.size() - 1; v >= 0; v--) {
            String[] hops = xffValues.get(v).split(",");
            for (int i = hops.length - 1; i >= 0; i--) {
                String hop = hops[i].trim();
                if (hop.isEmpty()) {
                    continue;
                }
                InetAddress addr;
                try {
                    addr = io.portcullis.config.Cidr.parseAddress(stripPort(hop));
                } catch (IllegalArgumentException e) {
                    // Garbage in the chain: stop at the last address we could trust.
                    return current;
                }
                if (!trusted(trustedProxies, addr)) {
                    return addr;
                }
                current = addr;
            }
        }
        return current;
    }

    private static String stripPort(String hop) {
        if (hop.startsWith("[")) {
            int end = hop.indexOf(']');
            return end > 0 ? hop.substring(1, end) : hop;
        }
        int colon = hop.indexOf(':');
        if (colon > 0 && hop.indexOf(':', colon + 1) < 0) {
            return hop.substring(0, colon);
        }
        return hop;
    }
}
