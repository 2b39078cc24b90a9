package io.crmsuite.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The proxy in front of an echo server: forwarding, and the partition {@link TcpProxy#silence()} stands for. */
class TcpProxyTest {

    private ServerSocket echo;
    private TcpProxy proxy;

    @BeforeEach
    void start() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread server = new Thread(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket s = echo.accept();
                    Thread t = new Thread(() -> {
                        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                            in.transferTo(out);
                        } catch (IOException e) {
                            // the proxy reset it
                        }
                    });
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        server.setDaemon(true);
        server.start();
        proxy = new TcpProxy(Ports.free(), echo.getLocalPort());
        proxy.accept();
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echo.close();
    }

    @Test
    void whileSilentNothingGetsThroughNorIsRefusedAndAfterwardsTheCutConnectionsEnd() throws IOException {
        try (Socket before = connect()) {
            assertEquals('a', roundTrip(before, 'a'));

            proxy.silence();
            assertThrows(SocketTimeoutException.class, () -> roundTrip(before, 'b'), "an open connection hangs");
            try (Socket during = connect()) { // taken, not refused
                assertThrows(SocketTimeoutException.class, () -> roundTrip(during, 'c'), "a new one hangs too");

                proxy.accept();
                assertTrue(ended(before), "a connection the partition cut is reset once it is over");
                assertTrue(ended(during));
            }
        }
        try (Socket after = connect()) {
            assertEquals('d', roundTrip(after, 'd'));
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), proxy.port()), 2000);
        socket.setSoTimeout(500);
        return socket;
    }

    private static int roundTrip(Socket socket, char c) throws IOException {
        socket.getOutputStream().write(c);
        socket.getOutputStream().flush();
        return socket.getInputStream().read();
    }

    private static boolean ended(Socket socket) {
        try {
            socket.setSoTimeout(5000);
            return socket.getInputStream().read() < 0;
        } catch (IOException e) {
            return true; // reset
        }
    }
}
