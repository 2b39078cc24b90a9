package io.crmsuite.bench;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway's read path beside a plain reverse proxy, in one run on the same shared cores: {@code GET
 * /customers/{id}} directly, through nginx (a kept-alive upstream, no auth) and through the gateway (API key
 * and rate limit on), in alternating rounds so that a noisy machine weighs on each side alike. Prints each
 * side's throughput, its share of direct, and the gateway's share against nginx's (issue 15's target: 0.9).
 * nginx must be installed (Debian: apt-get install nginx-light); it runs as a child process on a free port.
 * <p>
 * The load comes from wrk when it is installed (Debian: apt-get install wrk), as in issue 15's own measurement: a
 * client in C takes little of the shared cores. Without it, this JVM's raw-socket client does, and its CPU weighs
 * on every side (the shares then come out lower for both proxies, and lower still for the gateway).
 */
final class ProxyBench {

    private static final int ROUNDS = 6;

    private record Side(String name, String url, Map<String, String> headers) {
    }

    private ProxyBench() {
    }

    static void run(String gatewayUrl, String customerUrl, String apiKey, int threads, int calls) throws Exception {
        if (apiKey == null) {
            throw new IllegalStateException("set CRM_BENCH_API_KEY to an admin key (bench/run.sh proxies does)");
        }
        String nginxBinary = which("nginx");
        if (nginxBinary == null) {
            System.out.println("nginx is not installed (Debian: apt-get install -y nginx-light): nothing to compare with");
            System.exit(2);
        }
        String created = Http.post(customerUrl + "/customers", "{\"kind\": \"END_CUSTOMER\", \"name\": \"Proxy Bench\"}",
                Map.of()).body();
        String id = Http.field(created, "id");
        int nginxPort = freePort();
        Process nginx = startNginx(nginxBinary, nginxPort, customerUrl);
        try {
            List<Side> sides = List.of(new Side("direct ", customerUrl + "/customers/" + id, Map.of()),
                    new Side("nginx  ", "http://127.0.0.1:" + nginxPort + "/api/customers/" + id, Map.of()),
                    new Side("gateway", gatewayUrl + "/api/customers/" + id, Map.of("Authorization", "ApiKey " + apiKey)));
            String wrk = which("wrk");
            int seconds = Integer.getInteger("seconds", 6);
            System.out.printf("GET /customers/{id}: %s, %d rounds, the order of the sides turning each round, after a "
                    + "warm-up of each%n%n", wrk == null ? threads + " client threads of this JVM (no wrk installed), "
                            + calls + " calls per side" : "wrk, 2 threads, " + threads + " connections, " + seconds
                                    + " s per side and round", ROUNDS);
            Map<String, List<Load.Result>> rounds = new LinkedHashMap<>();
            for (Side side : sides) {
                rounds.put(side.name(), new ArrayList<>());
                // the JIT of a JVM proxy needs longer than one round to settle
                measure(wrk, side, threads, calls / 2, side.name().equals("gateway") ? 3 * seconds : seconds);
            }
            for (int r = 0; r < ROUNDS; r++) {
                for (int k = 0; k < sides.size(); k++) {
                    Side side = sides.get((r + k) % sides.size());
                    rounds.get(side.name()).add(measure(wrk, side, threads, calls / ROUNDS, seconds));
                }
            }
            Map<String, Double> throughput = new LinkedHashMap<>();
            rounds.forEach((name, results) -> {
                Load.Result merged = Load.merge(results);
                throughput.put(name, merged.throughput());
                System.out.println(merged.throughputLine());
            });
            double direct = throughput.get("direct ");
            double plain = throughput.get("nginx  ");
            double gateway = throughput.get("gateway");
            System.out.printf(Locale.ROOT, "%nshare of direct throughput: nginx %.2f, gateway %.2f; the gateway against "
                    + "nginx: %.2f (target 0.9)%n", plain / direct, gateway / direct, (gateway / direct) / (plain / direct));
        } finally {
            nginx.destroy();
            nginx.waitFor();
        }
    }

    private static Load.Result measure(String wrk, Side side, int threads, int calls, int seconds) throws Exception {
        String name = side.name() + " GET /customers/{id}";
        if (wrk == null) {
            return Load.run(name, threads, calls, s -> s == 200, i -> RawHttp.get(side.url(), side.headers()));
        }
        List<String> command = new ArrayList<>(List.of(wrk, "-t2", "-c" + Math.max(2, threads), "-d" + seconds + "s"));
        side.headers().forEach((header, value) -> command.addAll(List.of("-H", header + ": " + value)));
        command.add(side.url());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("wrk failed: " + out);
        }
        // "  60052 requests in 6.00s, ..." and, when some answers were not 2xx or 3xx, "Non-2xx or 3xx responses: N"
        Matcher total = Pattern.compile("(\\d+) requests in ([\\d.]+)(m?s)").matcher(out);
        if (!total.find()) {
            throw new IllegalStateException("wrk printed no total: " + out);
        }
        int requests = Integer.parseInt(total.group(1));
        double elapsed = Double.parseDouble(total.group(2)) / (total.group(3).equals("ms") ? 1000 : 1);
        Matcher failed = Pattern.compile("Non-2xx or 3xx responses: (\\d+)").matcher(out);
        int errors = failed.find() ? Integer.parseInt(failed.group(1)) : 0;
        return new Load.Result(name, requests, errors, elapsed, new long[0]);
    }

    /** nginx in the foreground, one worker per core, a kept-alive upstream: the plain proxy at its best. */
    private static Process startNginx(String binary, int port, String customerUrl) throws Exception {
        Path dir = Files.createTempDirectory("crm-bench-nginx");
        String upstream = customerUrl.replaceFirst("^http://", "").replace("localhost", "127.0.0.1");
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, """
                worker_processes auto;
                error_log %s/error.log warn;
                pid %s/nginx.pid;
                events { worker_connections 4096; }
                http {
                    access_log off;
                    client_body_temp_path %s;
                    proxy_temp_path %s;
                    upstream customers { server %s; keepalive 64; }
                    server {
                        listen 127.0.0.1:%d;
                        location /api/customers/ {
                            proxy_pass http://customers/customers/;
                            proxy_http_version 1.1;
                            proxy_set_header Connection "";
                        }
                    }
                }
                """.formatted(dir, dir, dir, dir, upstream, port));
        Process process = new ProcessBuilder(binary, "-c", conf.toString(), "-p", dir.toString(), "-g", "daemon off;")
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return process;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        process.destroy();
        throw new IllegalStateException("nginx did not listen on " + port + "; see " + dir.resolve("error.log"));
    }

    private static String which(String command) {
        for (String dir : (System.getenv("PATH") + ":/usr/sbin:/sbin").split(":")) {
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
