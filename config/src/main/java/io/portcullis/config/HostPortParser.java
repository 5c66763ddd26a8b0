package io.portcullis.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses listen addresses: {@code host:port} or {@code [v6]:port}. Hosts are numeric addresses or
 * host names; nothing is resolved here, so loading a config never waits on DNS.
 */
final class HostPortParser {

    private static final Pattern V6 = Pattern.compile("\\[([0-9A-Fa-f:.]+)]:(\\d{1,5})");
    private static final Pattern NAME = Pattern.compile("([A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?):(\\d{1,5})");

    private HostPortParser() {
    }

    static HostPort parse(String text) {
        Matcher v6 = V6.matcher(text);
        if (v6.matches()) {
            Cidr.parseAddress(v6.group(1));
            return new HostPort(v6.group(1), port(v6.group(2), text));
        }
        Matcher name = NAME.matcher(text);
        if (name.matches()) {
            String host = name.group(1);
            if (host.matches("[0-9.]+")) {
                Cidr.parseAddress(host);
            }
            return new HostPort(host, port(name.group(3), text));
        }
        throw new IllegalArgumentException("invalid address '" + text + "' (expected host:port or [v6]:port)");
    }

    private static int port(String digits, String text) {
        int port = Integer.parseInt(digits);
        if (port > 65535) {
            throw new IllegalArgumentException("port " + port + " in '" + text + "' is out of range 0..65535");
        }
        return port;
    }
}
