package io.crmsuite.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Port helpers: free ports for tests, a clear refusal when a configured port is taken. */
public final class Ports {

    private Ports() {
    }

    /** A port nobody listens on right now (tests take whatever the OS hands out). */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Throws {@link PortTakenException} naming the setting to change when {@code port} is taken. */
    public static void requireFree(int port, String setting) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new PortTakenException(port, setting);
        }
    }

    /** A configured port that something else already listens on. */
    public static final class PortTakenException extends RuntimeException {
        PortTakenException(int port, String setting) {
            super("port " + port + " is already in use: stop what listens there or set " + setting
                    + " to a free port");
        }
    }
}
