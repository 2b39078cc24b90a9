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

/**
 * The gateway's read path beside a plain reverse proxy, in one run on the same shared cores: {@code GET
 * /customers/{id}} directly, through nginx (a kept-alive upstream, no auth) and through the gateway (API key
 * and rate limit on), in alternating rounds so that a noisy machine weighs on each side alike. Prints each
 * side's throughput, its share of direct, and the gateway's share against nginx's (issue 15's target: 0.9).
 * nginx must be installed (Debian: apt-get install nginx-light); it runs as a child process on a free port.
 */
final class ProxyBench {

    private static final int ROUNDS = 6;

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
            Map<String, Load.Call> sides = new LinkedHashMap<>();
            sides.put("direct ", i -> RawHttp.get(customerUrl + "/customers/" + id, Map.of()));
            sides.put("nginx  ", i -> RawHttp.get("http://127.0.0.1:" + nginxPort + "/api/customers/" + id, Map.of()));
            sides.put("gateway", i -> RawHttp.get(gatewayUrl + "/api/customers/" + id,
                    Map.of("Authorization", "ApiKey " + apiKey)));
            System.out.printf("GET /customers/{id}: %d client threads, %d calls per side in %d rounds, the order of the "
                    + "sides turning each round, after a warm-up of each%n%n", threads, calls, ROUNDS);
            for (Map.Entry<String, Load.Call> side : sides.entrySet()) {
                Load.run("warm-up " + side.getKey(), threads, calls / 2, s -> s == 200, side.getValue());
            }
            Map<String, List<Load.Result>> rounds = new LinkedHashMap<>();
            sides.keySet().forEach(name -> rounds.put(name, new ArrayList<>()));
            List<String> names = new ArrayList<>(sides.keySet());
            int perRound = calls / ROUNDS;
            for (int r = 0; r < ROUNDS; r++) {
                for (int k = 0; k < names.size(); k++) {
                    String name = names.get((r + k) % names.size());
                    rounds.get(name).add(Load.run(name + " GET /customers/{id}", threads, perRound, s -> s == 200,
                            sides.get(name)));
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
