package io.crmsuite.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Every role (and no credentials) against every public route and method, through the gateway, sent as raw
 * HTTP/1.1 so that nothing on the client side normalises a path; the expected answers come from the README's role
 * table, so the documentation and the gateway cannot drift apart. Then the traversal variants: none may reach a
 * backend's {@code /q/*}, and what is forwarded is exactly the normalised path.
 */
@QuarkusTest
class AccessMatrixTest {

    private static final List<String> METHODS = List.of("GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> READ = Set.of("GET", "HEAD", "OPTIONS");
    private static final List<String> ROUTES = List.of("customers", "complaints", "analytics", "webhooks");

    @Test
    void everyRoleRouteAndMethodAnswersAsTheReadmeTableSays() throws IOException {
        Map<String, Map<String, String>> table = readmeTable();
        assertEquals(Set.of("call-center", "bi", "internal", "admin", "(no credentials)"), table.keySet(),
                "the README's table names every role");
        List<String> mismatches = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> role : table.entrySet()) {
            String key = StubBackends.KEYS.get(role.getKey());
            for (String route : ROUTES) {
                String allowed = role.getValue().get(route);
                for (String method : METHODS) {
                    int expected = key == null ? 401
                            : allowed.contains(READ.contains(method) ? "read" : "write") ? (method.equals("POST") ? 201 : 200)
                            : 403;
                    int actual = status(method, "/api/" + route + "/c-1", key);
                    if (actual != expected) {
                        mismatches.add(role.getKey() + " " + method + " /api/" + route + ": " + actual + ", table says "
                                + expected);
                    }
                }
            }
        }
        assertEquals(List.of(), mismatches);
    }

    @Test
    void noTraversalReachesABackendsOwnEndpoints() throws IOException {
        String admin = StubBackends.KEYS.get("admin");
        int before = forwarded().size();
        for (String route : ROUTES) {
            assertEquals(404, status("GET", "/api/" + route + "/../q/metrics", admin), "dot-segments: /api/q is no route");
            assertEquals(404, status("GET", "/api/" + route + "/%2e%2e/q/metrics", admin), "encoded dots too");
            assertEquals(404, status("GET", "/api/" + route + "/%2E%2E/q/health", admin));
            for (String path : List.of("/api/" + route + "/../../q/metrics", "/api/" + route + "/%2e%2e/%2e%2e/q/metrics",
                    "/api/" + route + "/..%2f..%2fq/metrics", "/api/" + route + "/..%2F..%2Fq/metrics",
                    "/api/" + route + "/..;/q/metrics", "/api/" + route + "/x;a=b", "/api/" + route + "\\..\\q\\metrics",
                    "/api/" + route + "/%5c..%5cq", "/api/" + route + "/%00", "/api/" + route + "//q/metrics",
                    "/api/" + route + "/../../../etc/passwd")) {
                assertEquals(400, status("GET", path, admin), path);
            }
        }
        List<String> reached = forwarded().subList(before, forwarded().size());
        assertEquals(List.of(), reached, "not one traversal was forwarded");

        assertEquals(200, status("GET", "/api/customers/a/../c-7/./purchases", admin));
        List<String> all = forwarded();
        assertEquals("/customers/c-7/purchases", all.get(all.size() - 1), "the backend receives the normalised path");
        assertTrue(all.stream().noneMatch(p -> p.startsWith("/q/") || p.contains("/..") || p.contains("%2e")),
                "no forwarded path names /q/* or keeps a dot-segment: " + all);
    }

    /** The table under "What each role can reach": role -> route -> "read, write" / "read" / "-". */
    static Map<String, Map<String, String>> readmeTable() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("../README.md"));
        int at = lines.indexOf("### What each role can reach");
        assertTrue(at >= 0, "README has the section 'What each role can reach'");
        Map<String, Map<String, String>> table = new LinkedHashMap<>();
        List<String> header = null;
        for (int i = at + 1; i < lines.size() && (header == null || lines.get(i).startsWith("|")); i++) {
            String line = lines.get(i);
            if (!line.startsWith("|") || line.startsWith("| ---")) {
                continue;
            }
            List<String> cells = new ArrayList<>();
            for (String cell : line.substring(1, line.length() - 1).split("\\|")) {
                cells.add(cell.trim().replace("`", ""));
            }
            if (header == null) {
                header = cells;
                continue;
            }
            Map<String, String> routes = new LinkedHashMap<>();
            for (int c = 1; c < cells.size(); c++) {
                routes.put(header.get(c), cells.get(c));
            }
            table.put(cells.get(0), routes);
        }
        return table;
    }

    private static List<String> forwarded() {
        String all = (String) StubBackends.StubControl.invoke("forwarded", "");
        return all.isEmpty() ? new ArrayList<>() : new ArrayList<>(List.of(all.split("\n")));
    }

    /** One raw HTTP/1.1 request: the path goes out byte for byte. */
    static int status(String method, String path, String apiKey) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                    .append("Host: localhost\r\nConnection: close\r\n");
            if (apiKey != null) {
                request.append("X-API-Key: ").append(apiKey).append("\r\n");
            }
            boolean body = method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
            request.append(body ? "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}" : "\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder statusLine = new StringBuilder();
            for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
                statusLine.append((char) b);
            }
            String[] parts = statusLine.toString().split(" ");
            return Integer.parseInt(parts[1]);
        }
    }
}
