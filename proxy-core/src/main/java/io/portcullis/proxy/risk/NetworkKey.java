package io.portcullis.proxy.risk;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * The network a client address belongs to, for "seen before" checks: its /24 for IPv4 and its /64
 * for IPv6, the usual size of one site's or one subscriber's allocation, so a new address in the
 * same office or home is not a new network.
 */
public final class NetworkKey {

    private NetworkKey() {
    }

    public static String of(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + ".0/24";
        }
        StringBuilder sb = new StringBuilder(24);
        for (int i = 0; i < 8; i += 2) {
            sb.append(Integer.toHexString(((b[i] & 0xff) << 8) | (b[i + 1] & 0xff))).append(':');
        }
        return sb.append(":/64").toString();
    }
}
