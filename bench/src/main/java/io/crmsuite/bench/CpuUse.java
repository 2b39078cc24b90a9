package io.crmsuite.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The CPU seconds that named groups of processes spent over measured stretches of a benchmark (added up), and the
 * wall time of those stretches: per call, or as CPUs kept busy. Without a suite's processes it counts nothing.
 */
final class CpuUse {

    private final Map<String, List<ProcessHandle>> groups;
    private final Map<String, Double> spent = new LinkedHashMap<>();
    private double wallSeconds;

    CpuUse(Map<String, List<ProcessHandle>> groups) {
        this.groups = groups;
        groups.keySet().forEach(name -> spent.put(name, 0.0));
    }

    /** Each process of the suite on its own (see {@link SuiteProcesses#each()}) and this client. */
    static CpuUse ofEachProcess(SuiteProcesses suite) {
        Map<String, List<ProcessHandle>> groups = new LinkedHashMap<>();
        if (suite != null) {
            groups.putAll(suite.each());
            groups.put("this client", List.of(ProcessHandle.current()));
        }
        return new CpuUse(groups);
    }

    <T> T measure(Callable<T> stretch) throws Exception {
        Map<String, Double> before = new LinkedHashMap<>();
        groups.forEach((name, processes) -> before.put(name, SuiteProcesses.cpuSeconds(processes)));
        long begin = System.nanoTime();
        T result = stretch.call();
        wallSeconds += (System.nanoTime() - begin) / 1e9;
        groups.forEach((name, processes) -> spent.merge(name,
                SuiteProcesses.cpuSeconds(processes) - before.get(name), Double::sum));
        return result;
    }

    boolean isEmpty() {
        return groups.isEmpty();
    }

    /** Microseconds of CPU per call, by group, in the order given. */
    Map<String, Long> perCallMicros(int calls) {
        Map<String, Long> micros = new LinkedHashMap<>();
        spent.forEach((name, seconds) -> micros.put(name, calls == 0 ? 0 : Math.round(seconds * 1e6 / calls)));
        return micros;
    }

    /** "gateway 115 us, customer-service 118 us, ...". */
    String perCallLine(int calls) {
        StringBuilder line = new StringBuilder();
        perCallMicros(calls).forEach((name, us) -> line.append(line.length() == 0 ? "" : ", ").append(name).append(' ')
                .append(us).append(" us"));
        return line.toString();
    }

    /** "analytics-service 0.93, infra-mongodb 0.61, ...": CPUs each group kept busy on average, the busiest first. */
    String busyLine() {
        StringBuilder line = new StringBuilder();
        spent.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> line.append(line.length() == 0 ? "" : ", ").append(e.getKey()).append(' ')
                        .append(String.format(Locale.ROOT, "%.2f", wallSeconds == 0 ? 0 : e.getValue() / wallSeconds)));
        return line.toString();
    }
}
