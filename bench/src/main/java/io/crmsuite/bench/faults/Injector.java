package io.crmsuite.bench.faults;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes a server refuse and reset every connection, as a production store does when it is down or being failed
 * over: an iptables REJECT with tcp-reset on its port (root only), removed afterwards. The server keeps running
 * with its data, so what is measured is the services' behaviour, not a restart's.
 */
final class Injector {

    private Injector() {
    }

    static void refuse(int port) throws IOException, InterruptedException {
        iptables("-I", port);
    }

    static void restore(int port) throws IOException, InterruptedException {
        iptables("-D", port);
    }

    /** Fails early with what to do when the run cannot inject faults. */
    static void requireIptables() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("iptables", "-L", "INPUT", "-n").redirectErrorStream(true).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("the fault suite needs iptables and root: apt-get install -y iptables "
                    + "and run it as root (it rejects a port with tcp-reset for the length of a fault)");
        }
    }

    private static void iptables(String action, int port) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("iptables", action, "INPUT", "-p", "tcp", "--dport",
                String.valueOf(port), "-j", "REJECT", "--reject-with", "tcp-reset"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }
}
