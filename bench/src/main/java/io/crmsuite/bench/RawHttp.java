package io.crmsuite.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over one kept-alive socket per thread and server, with nothing in between: the load generator for the
 * gateway comparison. On two shared cores the JDK client spends more CPU per call than the service answering it,
 * so whatever the gateway costs is taken from the client and the ratio measures the client; this one costs
 * little, like wrk. Reads Content-Length and chunked bodies; returns the status.
 */
final class RawHttp {

    private static final ThreadLocal<Map<String, Connection>> CONNECTIONS = ThreadLocal.withInitial(HashMap::new);

    private RawHttp() {
    }

    static int get(String url, Map<String, String> headers) throws IOException {
        return call("GET", url, headers, null);
    }

    static int post(String url, String json, Map<String, String> headers) throws IOException {
        return call("POST", url, headers, json.getBytes(StandardCharsets.UTF_8));
    }

    private static int call(String method, String url, Map<String, String> headers, byte[] body) throws IOException {
        URI uri = URI.create(url);
        String server = uri.getHost() + ":" + uri.getPort();
        Connection c = CONNECTIONS.get().get(server);
        if (c == null) {
            c = new Connection(new Socket(uri.getHost(), uri.getPort()));
            CONNECTIONS.get().put(server, c);
        }
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(uri.getRawPath())
                .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()).append(" HTTP/1.1\r\nHost: ")
                .append(server).append("\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        if (body != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        try {
            c.out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                c.out.write(body);
            }
            c.out.flush();
            return c.readResponse();
        } catch (IOException e) {
            CONNECTIONS.get().remove(server);
            c.socket.close();
            throw e;
        }
    }

    private static final class Connection {
        final Socket socket;
        final OutputStream out;
        final InputStream in;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            socket.setTcpNoDelay(true);
            this.out = socket.getOutputStream();
            this.in = new BufferedInputStream(socket.getInputStream(), 16_384);
        }

        int readResponse() throws IOException {
            String status = line();
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            if (chunked) {
                for (long size = chunkSize(); size > 0; size = chunkSize()) {
                    skip(size);
                    line();
                }
                line();
            } else if (length > 0) {
                skip(length);
            }
            return code;
        }

        private long chunkSize() throws IOException {
            String size = line();
            int extension = size.indexOf(';');
            return Long.parseLong((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
        }

        private void skip(long bytes) throws IOException {
            for (long left = bytes; left > 0; ) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new IOException("connection closed in a body");
                    }
                    skipped = 1;
                }
                left -= skipped;
            }
        }

        private String line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream(64);
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("connection closed");
                }
                if (b != '\r') {
                    line.write(b);
                }
            }
            return line.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
