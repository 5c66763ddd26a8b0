package io.portcullis.config;

/** A listen address such as {@code 127.0.0.1:8080}. Port 0 means "any free port" (tests). */
public record HostPort(String host, int port) {

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
