package io.inetty.admin;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** One HTTP/1.1 request over a real socket ({@code Connection: close}), read to its end: for real-socket tests. */
final class Http {
    private Http() {
    }

    /** The status code and body of {@code method path} with an optional body. */
    record Reply(int status, String headers, String body) {
    }

    static Reply call(InetSocketAddress at, String method, String path, String body) {
        try (Socket s = new Socket(at.getAddress(), at.getPort())) {
            s.setSoTimeout(10_000);
            byte[] content = body == null ? new byte[0] : body.getBytes(UTF_8);
            String head = method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: "
                    + content.length + "\r\n\r\n";
            s.getOutputStream().write(head.getBytes(US_ASCII));
            s.getOutputStream().write(content);
            String all = new String(readAll(s.getInputStream()), UTF_8);
            int end = all.indexOf("\r\n\r\n");
            return new Reply(Integer.parseInt(all.substring(9, 12)), all.substring(0, end), all.substring(end + 4));
        } catch (IOException e) {
            throw new UncheckedIOException("HTTP " + method + " " + path + " to " + at, e);
        }
    }

    static Reply get(InetSocketAddress at, String path) {
        return call(at, "GET", path, null);
    }

    static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }
}
