package io.portcullis.proxy.decisionapi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One HTTP/1.1 call over a real socket from a chosen loopback address (127.0.0.2 is "not a trusted
 * proxy" on Linux loopback), read to the end: enough to be a forward-auth caller.
 */
final class ApiCall {

    record Response(int status, List<String[]> headers, String body) {
        String header(String name) {
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(name)) {
                    return h[1];
                }
            }
            return null;
        }
    }

    private ApiCall() {
    }

    static Response send(String from, int port, String method, String target, String... headerLines)
            throws IOException {
        return sendJson(from, port, method, target, null, headerLines);
    }

    /** @param body a JSON body sent with its Content-Length, or null for none */
    static Response sendJson(String from, int port, String method, String target, String body, String... headerLines)
            throws IOException {
        return sendJson(null, from, port, method, target, body, headerLines);
    }

    /** @param tls the client's TLS context (its key manager presents a certificate), or null for cleartext */
    static Response sendJson(javax.net.ssl.SSLContext tls, String from, int port, String method, String target,
                             String body, String... headerLines) throws IOException {
        try (Socket plain = new Socket()) {
            plain.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            plain.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            plain.setSoTimeout(10_000);
            Socket s = tls == null ? plain : tls.getSocketFactory().createSocket(plain, "localhost", port, true);
            StringBuilder req = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            for (String h : headerLines) {
                req.append(h).append("\r\n");
            }
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            if (body != null) {
                req.append("Content-Type: application/json\r\nContent-Length: ").append(content.length).append("\r\n");
            }
            req.append("Connection: close\r\n\r\n");
            OutputStream out = s.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            String[] lines = text.substring(0, end).split("\r\n");
            List<String[]> headers = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                int c = lines[i].indexOf(':');
                headers.add(new String[] {lines[i].substring(0, c).toLowerCase(Locale.ROOT), lines[i].substring(c + 1).trim()});
            }
            return new Response(Integer.parseInt(lines[0].split(" ")[1]), headers, new String(all.toByteArray(), end + 4, all.size() - end - 4, StandardCharsets.UTF_8));
        }
    }
}
