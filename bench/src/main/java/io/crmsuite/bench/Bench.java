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
            default -> {
                System.out.println("usage: bench/run.sh customers   (-Dthreads=8 -Dcalls=5000)");
                System.exit(2);
            }
        }
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
