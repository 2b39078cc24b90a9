package io.crmsuite.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The processes of a suite started with ./crm up (from the pid files in {@code .crm/run}): the CPU time each has
 * used, and pinning them to CPUs. Linux only (/proc and taskset); {@link #find()} answers null elsewhere.
 */
final class SuiteProcesses {

    private static final List<String> SERVICES = List.of("customer-service", "complaint-service", "analytics-service",
            "webhook-service");

    /** CPU time is counted in clock ticks of 10 ms in /proc/PID/stat on Linux. */
    private static final double SECONDS_PER_TICK = 0.01;

    private final Path runDir;

    private SuiteProcesses(Path runDir) {
        this.runDir = runDir;
    }

    static SuiteProcesses find() {
        Path runDir = Path.of(Bench.env("CRM_STATE_DIR", ".crm"), "run");
        boolean linux = Files.isDirectory(Path.of("/proc/self"));
        return linux && Files.isRegularFile(runDir.resolve("gateway.pid")) ? new SuiteProcesses(runDir) : null;
    }

    /** A process of the suite (customer-service, ..., gateway, infra) with its descendants; empty when not running. */
    List<ProcessHandle> named(String name) {
        return withDescendants(runDir.resolve(name + ".pid"));
    }

    /** Kafka, MongoDB and PostgreSQL: their infrastructure processes, and PostgreSQL's own, which run apart. */
    List<ProcessHandle> servers() {
        return concat(concat(named("infra-kafka"), named("infra-mongodb")), postgresql());
    }

    /** The PostgreSQL server: its infrastructure process and the server's own processes (counted once). */
    private List<ProcessHandle> postgresql() {
        Path dataDir = Path.of(Bench.env("CRM_DATA_DIR", runDir.getParent().resolve("data").toString()));
        return concat(named("infra-postgresql"), withDescendants(dataDir.resolve("postgres").resolve("postmaster.pid")))
                .stream().distinct().toList();
    }

    /** Every process of the suite on its own: the gateway, each service, Kafka, MongoDB and PostgreSQL. */
    Map<String, List<ProcessHandle>> each() {
        Map<String, List<ProcessHandle>> each = new LinkedHashMap<>();
        each.put("gateway", named("gateway"));
        SERVICES.forEach(name -> each.put(name, named(name)));
        each.put("kafka", named("infra-kafka"));
        each.put("mongodb", named("infra-mongodb"));
        each.put("postgresql", postgresql());
        return each;
    }

    private static List<ProcessHandle> withDescendants(Path pidFile) {
        try {
            String firstLine = Files.readAllLines(pidFile).get(0).trim();
            return ProcessHandle.of(Long.parseLong(firstLine))
                    .map(p -> Stream.concat(Stream.of(p), p.descendants()).toList()).orElse(List.of());
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** User and system CPU seconds used so far by these processes (those that ended since count nothing). */
    static double cpuSeconds(List<ProcessHandle> processes) {
        long ticks = 0;
        for (ProcessHandle p : processes) {
            try {
                String stat = Files.readString(Path.of("/proc", String.valueOf(p.pid()), "stat"));
                // fields after the command name, which is in parentheses and may hold spaces
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
            } catch (IOException | RuntimeException gone) {
                // ended between listing and reading
            }
        }
        return ticks * SECONDS_PER_TICK;
    }

    /**
     * Waits until the services and servers use less than a quarter of a CPU (at most {@code maxSeconds}): writes
     * leave work behind (the relay, analytics catching up) that would otherwise be measured with the next calls.
     */
    void awaitQuiet(int maxSeconds) throws InterruptedException {
        List<ProcessHandle> suite = servicesAndServers();
        for (int waited = 0; waited < maxSeconds; waited++) {
            double before = cpuSeconds(suite);
            Thread.sleep(1000);
            double busy = cpuSeconds(suite) - before;
            if (busy < 0.25) {
                if (waited > 0) {
                    System.out.printf("the suite is quiet after %d s%n", waited + 1);
                }
                return;
            }
            if (waited % 10 == 0) {
                System.out.printf("waiting for the suite to finish earlier work (%.2f CPUs busy) ...%n", busy);
            }
        }
        System.out.printf("the suite is still busy after %d s; measuring anyway%n", maxSeconds);
    }

    private List<ProcessHandle> servicesAndServers() {
        return servicesAndServersBut(null);
    }

    /** The servers and every service except {@code service} (all of them when it is null). */
    List<ProcessHandle> servicesAndServersBut(String service) {
        List<ProcessHandle> all = new ArrayList<>(servers());
        SERVICES.stream().filter(name -> !name.equals(service)).forEach(name -> all.addAll(named(name)));
        return all;
    }

    /** The suite's processes pinned until {@link #close()}, which gives every process every CPU again. */
    record Pinning(String servicesCpus, String gatewayCpus, Thread undo)
            implements AutoCloseable {
        @Override
        public void close() {
            undo.run();
            Runtime.getRuntime().removeShutdownHook(undo);
        }
    }

    /**
     * The services and servers on CPUs 1..n-1, the gateway and this process on CPU 0: as if the gateway had a host
     * of its own. Also undone if the benchmark is interrupted.
     */
    Pinning pinGatewayApart() throws IOException, InterruptedException {
        int cpus = Runtime.getRuntime().availableProcessors();
        String servicesCpus = cpus == 2 ? "1" : "1-" + (cpus - 1);
        List<ProcessHandle> services = servicesAndServers();
        List<ProcessHandle> front = concat(named("gateway"), List.of(ProcessHandle.current()));
        List<ProcessHandle> everything = concat(services, front);
        Thread undo = new Thread(() -> {
            try {
                pin(everything, "0-" + (cpus - 1));
            } catch (IOException | InterruptedException e) {
                System.err.println("could not give the suite's processes every CPU again: " + e.getMessage());
            }
        });
        Runtime.getRuntime().addShutdownHook(undo);
        pin(services, servicesCpus);
        pin(front, "0");
        return new Pinning(servicesCpus, "0", undo);
    }

    /** Pins every thread of these processes to the CPUs in {@code cpus} (taskset syntax, e.g. "0" or "1-3"). */
    private static void pin(List<ProcessHandle> processes, String cpus) throws IOException, InterruptedException {
        for (ProcessHandle p : processes) {
            Process taskset = new ProcessBuilder("taskset", "-a", "-p", "-c", cpus, String.valueOf(p.pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (taskset.waitFor() != 0 && p.isAlive()) {
                throw new IOException("taskset could not pin process " + p.pid() + " to CPUs " + cpus);
            }
        }
    }

    static boolean canPin() {
        try {
            return Runtime.getRuntime().availableProcessors() >= 2
                    && new ProcessBuilder("taskset", "-V").redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static List<ProcessHandle> concat(List<ProcessHandle> a, List<ProcessHandle> b) {
        List<ProcessHandle> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
