package io.crmsuite.bench.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One fault of a run: injected, held for a while under load, then healed. Processes are handled with the run
 * command ({@code ./crm kill|start}, {@code ./crm infra stop|start}), connection refusals with iptables.
 */
interface Fault {

    String name();

    /** How long the fault lasts before it is healed. */
    Duration length();

    void inject() throws Exception;

    void heal() throws Exception;

    Map<String, Integer> PORTS = Map.of("mongodb", 27017, "kafka", 9092, "postgresql", 5432);

    /** A replica killed with SIGKILL (a crash), started again after {@code down}. */
    record Kill(String replica, Duration length) implements Fault {
        public String name() {
            return "SIGKILL " + replica;
        }

        public void inject() throws Exception {
            crm("kill", replica);
        }

        public void heal() throws Exception {
            crm("start", replica);
        }
    }

    /** A server stopped (its process ends, connections drop), started again with the same data. */
    record Stop(String server, Duration length) implements Fault {
        public String name() {
            return server + " stopped";
        }

        public void inject() throws Exception {
            crm("infra", "stop", server);
        }

        public void heal() throws Exception {
            crm("infra", "start", server);
        }
    }

    /** A server that keeps running but refuses and resets every connection (iptables, root only). */
    record Reject(String server, Duration length) implements Fault {
        public String name() {
            return server + " refusing connections";
        }

        public void inject() throws Exception {
            iptables("-I", PORTS.get(server), "REJECT", "--reject-with", "tcp-reset");
        }

        public void heal() throws Exception {
            iptables("-D", PORTS.get(server), "REJECT", "--reject-with", "tcp-reset");
        }
    }

    /**
     * A server cut off without a word (iptables DROP, root only): what reaches its port is lost, nothing is refused,
     * so open connections hang until the client's own timeouts give up, as in a network partition.
     */
    record Drop(String server, Duration length) implements Fault {
        public String name() {
            return server + " unreachable (packets dropped)";
        }

        public void inject() throws Exception {
            iptables("-I", PORTS.get(server), "DROP");
        }

        public void heal() throws Exception {
            iptables("-D", PORTS.get(server), "DROP");
        }
    }

    /**
     * The faults of {@code specs}: {@code kills=N} (every replica of every domain service killed and restarted, N
     * rounds), {@code kill:NAME#k[=SECONDS]}, {@code stop:SERVER=SECONDS}, {@code reject:SERVER=SECONDS},
     * {@code drop:SERVER=SECONDS}. Without any: two rounds of kills, then Kafka, MongoDB and PostgreSQL stopped 20 s
     * each.
     */
    static List<Fault> plan(List<String> specs, int replicas) {
        List<String> given = specs.isEmpty()
                ? List.of("kills=2", "stop:kafka=20", "stop:mongodb=20", "stop:postgresql=20") : specs;
        List<Fault> faults = new ArrayList<>();
        for (String spec : given) {
            String[] kv = spec.split("=", 2);
            String what = kv[0];
            long seconds = kv.length > 1 ? Long.parseLong(kv[1]) : 5;
            if (what.equals("kills")) {
                for (int round = 0; round < seconds; round++) {
                    for (String service : List.of("customer-service", "complaint-service", "analytics-service",
                            "webhook-service")) {
                        for (int k = 1; k <= replicas; k++) {
                            faults.add(new Kill(k == 1 ? service : service + "#" + k, Duration.ofSeconds(5)));
                        }
                    }
                }
            } else if (what.startsWith("kill:")) {
                faults.add(new Kill(what.substring(5), Duration.ofSeconds(seconds)));
            } else if (what.startsWith("stop:") && PORTS.containsKey(what.substring(5))) {
                faults.add(new Stop(what.substring(5), Duration.ofSeconds(seconds)));
            } else if (what.startsWith("reject:") && PORTS.containsKey(what.substring(7))) {
                faults.add(new Reject(what.substring(7), Duration.ofSeconds(seconds)));
            } else if (what.startsWith("drop:") && PORTS.containsKey(what.substring(5))) {
                faults.add(new Drop(what.substring(5), Duration.ofSeconds(seconds)));
            } else {
                throw new IllegalArgumentException("a fault is kills=N, kill:NAME#k[=S], stop:SERVER=S, "
                        + "reject:SERVER=S or drop:SERVER=S with SERVER one of " + PORTS.keySet() + "; got " + spec);
            }
        }
        return faults;
    }

    /** The replica count the suite was started with ({@code ./crm up --replicas N}). */
    static int replicas() {
        try {
            return Integer.parseInt(Files.readString(Path.of(".crm/run/replicas")).trim());
        } catch (IOException | NumberFormatException e) {
            return 1;
        }
    }

    private static void crm(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("./crm"));
        command.addAll(List.of(args));
        run(command);
    }

    /** Inserts ({@code -I}) or deletes ({@code -D}) the rule sending what reaches {@code port} to {@code target}. */
    private static void iptables(String action, int port, String... target) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("iptables", action, "INPUT", "-p", "tcp", "--dport",
                String.valueOf(port), "-j"));
        command.addAll(List.of(target));
        run(command);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }
}
