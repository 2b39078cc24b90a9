package io.crmsuite.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The URL setting read the way the gateway reads it at start-up: through the config mapping. */
class ReplicaUrlTest {

    private static final String SETTING = "crm.gateway.backends.customers.url";

    @Test
    void takesOneUrlOrACommaSeparatedList() {
        assertEquals(List.of(new ReplicaUrl("localhost", 8081)), urls("http://localhost:8081"));
        assertEquals(List.of(new ReplicaUrl("localhost", 8081), new ReplicaUrl("localhost", 8181),
                new ReplicaUrl("svc", 80)), urls("http://localhost:8081, http://localhost:8181/,http://svc"));
    }

    @Test
    void refusesHttpsSayingItIsNotSupportedAndNamingTheSetting() {
        String message = refused("http://localhost:8081,https://localhost:8181");
        assertContains(message, SETTING);
        assertContains(message, "https is not supported");
    }

    @Test
    void refusesWhatItCannotCallAsWritten() {
        assertContains(refused("localhost:8081"), "not an http URL");
        assertContains(refused("http://local host:8081"), "is not a URL");
        assertContains(refused("http://localhost:8081/customers"), "http://host:port only");
        assertContains(refused("http://:8081"), "no host");
        assertContains(refused("http://localhost:8081,ftp://localhost:8181"), SETTING);
    }

    private static List<ReplicaUrl> urls(String value) {
        return config(value).getConfigMapping(GatewayConfig.class).backends().get("customers").url();
    }

    private static String refused(String value) {
        return assertThrows(RuntimeException.class, () -> urls(value), value).getMessage();
    }

    private static SmallRyeConfig config(String value) {
        return new SmallRyeConfigBuilder().withMapping(GatewayConfig.class)
                .withSources(new PropertiesConfigSource(Map.of(SETTING, value), "test", 100)).build();
    }

    private static void assertContains(String text, String fragment) {
        if (text == null || !text.contains(fragment)) {
            throw new AssertionError("expected '" + fragment + "' in: " + text);
        }
    }
}
