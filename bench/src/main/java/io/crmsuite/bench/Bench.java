package io.crmsuite.bench;

/** Entry point: {@code java -jar bench/target/bench-*.jar SCENARIO}, against a suite started with ./crm up. */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        String scenario = args.length > 0 ? args[0] : "help";
        int threads = Integer.parseInt(System.getProperty("threads", "8"));
        int calls = Integer.parseInt(System.getProperty("calls", "5000"));
        switch (scenario) {
            case "customers" -> CustomerBench.run(env("CRM_CUSTOMER_URL", "http://localhost:8081"),
                    env("CRM_POSTGRES_URL", "jdbc:postgresql://localhost:5432/postgres"), threads, calls);
            case "complaints" -> ComplaintBench.run(env("CRM_COMPLAINT_URL", "http://localhost:8082"),
                    env("CRM_MONGODB_URL", "mongodb://localhost:27017"), threads, calls);
            case "analytics" -> AnalyticsBench.run(env("CRM_ANALYTICS_URL", "http://localhost:8083"),
                    env("CRM_KAFKA", "localhost:9092"), env("CRM_MONGODB_URL", "mongodb://localhost:27017"));
            case "intake" -> IntakeBench.run(env("CRM_GATEWAY_URL", "http://localhost:8080"),
                    env("CRM_MONGODB_URL", "mongodb://localhost:27017"), env("CRM_KAFKA", "localhost:9092"),
                    System.getenv("CRM_BENCH_API_KEY"));
            case "gateway" -> GatewayBench.run(env("CRM_GATEWAY_URL", "http://localhost:8080"),
                    env("CRM_CUSTOMER_URL", "http://localhost:8081"), env("CRM_COMPLAINT_URL", "http://localhost:8082"),
                    System.getenv("CRM_BENCH_API_KEY"), threads, calls);
            case "proxies" -> ProxyBench.run(env("CRM_GATEWAY_URL", "http://localhost:8080"),
                    env("CRM_CUSTOMER_URL", "http://localhost:8081"), System.getenv("CRM_BENCH_API_KEY"), threads, calls);
            case "faults" -> io.crmsuite.bench.faults.FaultSuite.run(args, env("CRM_GATEWAY_URL", "http://localhost:8080"),
                    System.getenv("CRM_BENCH_API_KEY"), env("CRM_POSTGRES_URL", "jdbc:postgresql://localhost:5432/postgres"),
                    env("CRM_MONGODB_URL", "mongodb://localhost:27017"), env("CRM_KAFKA", "localhost:9092"));
            default -> {
                System.out.println("usage: bench/run.sh customers|complaints|analytics|intake|gateway|proxies   (-Dthreads=8 -Dcalls=5000)");
                System.out.println("       bench/faults.sh [kills=N] [kill:NAME#k[=S]] [stop:SERVER=S] [reject:SERVER=S]");
                System.exit(2);
            }
        }
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
