package io.portcullis.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 network in CIDR notation. Parsing accepts only numeric addresses, so loading a
 * config never triggers a DNS lookup. IPv4-mapped IPv6 addresses match their IPv4 networks.
 */
public final class Cidr {

    private final byte[] network;
    private final int prefix;
    private final String text;

    private Cidr(byte[] network, int prefix, String text) {
        this.network = network;
        this.prefix = prefix;
        this.text = text;
    }

    /** Parses {@code 10.0.0.0/8}, {@code ::1/128} or a bare address (a host network). */
    public static Cidr parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty CIDR");
        }
        String s = text.trim();
        int slash = s.indexOf('/');
        String addr = slash < 0 ? s : s.substring(0, slash);
        byte[] bytes = parseNumeric(addr);
        int max = bytes.length * 8;
        int prefix = max;
        if (slash >= 0) {
            String p = s.substring(slash + 1);
            if (!p.matches("\\d{1,3}")) {
                throw new IllegalArgumentException("invalid prefix length in '" + text + "'");
            }
            prefix = Integer.parseInt(p);
            if (prefix > max) {
                throw new IllegalArgumentException("prefix length " + prefix + " is larger than " + max);
            }
        }
        byte[] masked = mask(bytes, prefix);
        return new Cidr(masked, prefix, s);
    }

    /** Parses a numeric IPv4 or IPv6 address without any name resolution. */
    public static InetAddress parseAddress(String addr) {
        try {
            return InetAddress.getByAddress(parseNumeric(addr));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("invalid address '" + addr + "'");
        }
    }

    private static byte[] parseNumeric(String addr) {
        String a = addr;
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        if (a.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            String[] parts = a.split("\\.");
            byte[] b = new byte[4];
            for (int i = 0; i < 4; i++) {
                int v = Integer.parseInt(parts[i]);
                if (v > 255) {
                    throw new IllegalArgumentException("invalid IPv4 address '" + addr + "'");
                }
                b[i] = (byte) v;
            }
            return b;
        }
        if (a.indexOf(':') >= 0 && a.matches("[0-9A-Fa-f:.]+")) {
            try {
                // Only hex digits, colons and dots reach here, so this cannot resolve a name.
                return InetAddress.getByName(a).getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("invalid IPv6 address '" + addr + "'");
            }
        }
        throw new IllegalArgumentException("invalid IP address '" + addr + "'");
    }

    private static byte[] mask(byte[] bytes, int prefix) {
        byte[] out = Arrays.copyOf(bytes, bytes.length);
        for (int i = 0; i < out.length; i++) {
            int bits = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & (0xFF << (8 - bits)));
        }
        return out;
    }

    public boolean contains(InetAddress address) {
        if (address == null) {
            return false;
        }
        byte[] a = address.getAddress();
        if (a.length == 16 && network.length == 4 && isV4Mapped(a)) {
            a = Arrays.copyOfRange(a, 12, 16);
        }
        if (a.length != network.length) {
            return false;
        }
        return Arrays.equals(mask(a, prefix), network);
    }

    private static boolean isV4Mapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[10] == (byte) 0xFF && a[11] == (byte) 0xFF;
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefix == prefix && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefix;
    }
}
