package io.crmsuite.client;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The running suite the tests talk to, as .ci/api-contract passes it: {@code crm.gateway.url} and
 * {@code crm.api-keys} (role=key pairs). Without them there is none, and the tests that need one are skipped.
 */
final class Suite {

    private static final String GATEWAY = System.getProperty("crm.gateway.url", "");
    private static final Map<String, String> KEYS = Arrays.stream(System.getProperty("crm.api-keys", "").split(","))
            .filter(pair -> pair.contains("=")).collect(Collectors.toMap(p -> p.substring(0, p.indexOf('=')),
                    p -> p.substring(p.indexOf('=') + 1)));

    private Suite() {
    }

    static boolean running() {
        return !GATEWAY.isBlank() && KEYS.keySet().containsAll(List.of("internal", "call-center", "bi"));
    }

    /** A client of the gateway with the API key of {@code role}. */
    static ApiClient client(String role) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(GATEWAY);
        client.setRequestInterceptor(request -> request.header("Authorization", "ApiKey " + KEYS.get(role)));
        return client;
    }
}
