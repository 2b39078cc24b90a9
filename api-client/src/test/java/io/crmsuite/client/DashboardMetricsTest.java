package io.crmsuite.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every metric the Grafana dashboard (deploy/monitoring) queries is one the running services export at
 * {@code /q/metrics}, and every {@code job} it names is a Prometheus job of deploy/monitoring/prometheus.yml. Run
 * last (junit-platform.properties): counters such as escalations appear once something was counted, which the
 * other tests of this module cause.
 */
@Order(3)
class DashboardMetricsTest {

    private static final Path DASHBOARD = Path.of("../deploy/monitoring/grafana/dashboards/crm-suite.json");
    private static final Path PROMETHEUS = Path.of("../deploy/monitoring/prometheus.yml");
    /** The services' ports as ./crm up starts them (one replica each). */
    private static final Map<String, Integer> PORTS = Map.of("gateway", 8080, "customer-service", 8081,
            "complaint-service", 8082, "analytics-service", 8083, "webhook-service", 8084);
    private static final Set<String> PROMQL_WORDS = Set.of("sum", "max", "min", "avg", "count", "rate", "increase",
            "irate", "by", "without", "on", "ignoring", "and", "or", "unless", "histogram_quantile", "topk", "bottomk",
            "abs", "clamp_min", "clamp_max", "delta", "deriv", "offset", "bool");

    @Test
    void everyMetricTheDashboardQueriesIsExported() throws Exception {
        assumeTrue(Suite.running(), "no running suite given (crm.gateway.url, crm.api-keys): see .ci/api-contract");
        Set<String> exported = new TreeSet<>();
        HttpClient http = HttpClient.newHttpClient();
        for (int port : PORTS.values()) {
            String text = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/metrics"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            for (String line : text.split("\n")) {
                if (!line.startsWith("#") && !line.isBlank()) {
                    exported.add(line.split("[{ ]", 2)[0]);
                }
            }
        }
        Map<String, String> missing = new TreeMap<>();
        Set<String> jobs = new TreeSet<>();
        for (JsonNode panel : new ObjectMapper().readTree(DASHBOARD.toFile()).path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText();
                Matcher job = Pattern.compile("job=\"([^\"]+)\"").matcher(expr);
                while (job.find()) {
                    jobs.add(job.group(1));
                }
                for (String metric : metricsIn(expr)) {
                    if (!exported.contains(metric)) {
                        missing.put(metric, panel.path("title").asText());
                    }
                }
            }
        }
        assertEquals(Map.of(), missing, "queried by the dashboard (metric: panel) but exported by no service");
        String prometheus = Files.readString(PROMETHEUS);
        Set<String> scraped = new TreeSet<>();
        Matcher jobName = Pattern.compile("job_name: (\\S+)").matcher(prometheus);
        while (jobName.find()) {
            scraped.add(jobName.group(1));
        }
        assertEquals(PORTS.keySet(), scraped, "Prometheus scrapes every service");
        assertFalse(jobs.isEmpty());
        jobs.forEach(j -> assertTrue(scraped.contains(j), "the dashboard's job " + j + " is scraped"));
    }

    @Test
    void theMetricNamesOfAnExpressionAreFoundWithoutLabelsFunctionsOrRanges() {
        assertEquals(Set.of("http_server_requests_seconds_count"), metricsIn(
                "sum by (status, uri) (rate(http_server_requests_seconds_count{job=\"gateway\",status=\"429\"}[5m]))"));
        assertEquals(Set.of("a_total", "b_seconds"), metricsIn("max(a_total) / on (x) group_left sum(b_seconds)"
                .replace("group_left", "")));
    }

    /** The metric names in a PromQL expression: identifiers outside braces, ranges and by (...), not functions. */
    static Set<String> metricsIn(String expr) {
        String bare = expr.replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^]]*]", " ")
                .replaceAll("(by|without|on|ignoring)\\s*\\([^)]*\\)", " ").replaceAll("\"[^\"]*\"", " ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*").matcher(bare);
        while (identifier.find()) {
            if (!PROMQL_WORDS.contains(identifier.group())) {
                names.add(identifier.group());
            }
        }
        return names;
    }
}
