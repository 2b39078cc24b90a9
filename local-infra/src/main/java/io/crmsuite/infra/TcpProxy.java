package io.crmsuite.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder in front of a test server, so a test can make the server refuse connections and reset the open
 * ones (what {@code iptables -j REJECT --reject-with tcp-reset} does to a production store), or go silent (what a
 * network partition, {@code iptables -j DROP}, does), and later accept them again, while the server itself keeps
 * running with its data. One thread per direction of each connection: tests open a handful of connections, never
 * thousands.
 */
public final class TcpProxy implements AutoCloseable {

    private final int port;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;
    /** Partitioned: bytes are read from either side and lost, new connections are taken and never answered. */
    private volatile boolean silent;

    public TcpProxy(int port, int targetPort) {
        this.port = port;
        this.targetPort = targetPort;
    }

    public int port() {
        return port;
    }

    /**
     * Starts (or starts again) accepting connections on {@link #port()}. After {@link #silence()}, the connections
     * the partition cut are reset: bytes were lost on them, so, as TCP would after a long partition, they end.
     */
    public synchronized void accept() throws IOException {
        if (silent) {
            silent = false;
            resetOpenConnections();
        }
        if (listener != null) {
            return;
        }
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        listener = socket;
        Thread acceptor = new Thread(() -> acceptLoop(socket), "tcp-proxy-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Closes the port (new connections are refused) and resets every open connection. */
    public synchronized void refuse() {
        ServerSocket socket = listener;
        listener = null;
        if (socket != null) {
            closeQuietly(socket);
        }
        resetOpenConnections();
    }

    private void resetOpenConnections() {
        open.forEach(TcpProxy::reset);
        open.clear();
    }

    /**
     * Goes silent, as behind a network partition: nothing is refused or reset, but nothing gets through either way,
     * so a client waits on its own timeouts. Lasts until {@link #accept()}.
     */
    public synchronized void silence() {
        silent = true;
    }

    @Override
    public void close() {
        refuse();
    }

    private void acceptLoop(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                if (silent) {
                    open.add(client);
                    pipe(client, null); // taken, never answered
                    continue;
                }
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                open.add(client);
                open.add(server);
                pipe(client, server);
                pipe(server, client);
            } catch (IOException e) {
                // the listener was closed by refuse(), or the target is down: the client sees its socket close
            }
        }
    }

    /** Copies what {@code from} sends to {@code to} (null: nowhere), except while {@link #silent}. */
    private void pipe(Socket from, Socket to) {
        Thread copier = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to == null ? null : to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    if (silent || out == null) {
                        continue; // lost on the way, as a dropped packet
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // one side went away (or was reset): end both
            } finally {
                open.remove(from);
                closeQuietly(from);
                if (to != null) {
                    open.remove(to);
                    closeQuietly(to);
                }
            }
        }, "tcp-proxy-" + port + "-pipe");
        copier.setDaemon(true);
        copier.start();
    }

    /** Closes with SO_LINGER 0, which sends a TCP reset instead of an orderly close. */
    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (SocketException e) {
            // already closed
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // nothing left to do
        }
    }
}
