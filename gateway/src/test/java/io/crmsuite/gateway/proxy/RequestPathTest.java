package io.crmsuite.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The path the gateway routes and forwards, worked out by hand from RFC 3986 section 5.2.4. */
class RequestPathTest {

    @ParameterizedTest
    @CsvSource({
            "/api/customers, /api/customers",
            "/api/customers/, /api/customers/",
            "/api/customers/1/purchases, /api/customers/1/purchases",
            "/api/customers/../q/metrics, /api/q/metrics",
            "/api/customers/%2e%2e/q/metrics, /api/q/metrics",
            "/api/customers/%2E%2e/q/metrics, /api/q/metrics",
            "/api/customers/./1, /api/customers/1",
            "/api/customers/1/.., /api/customers/",
            "/api/customers/1/., /api/customers/1/",
            "/api/complaints/a/b/../../c, /api/complaints/c",
            "/api/customers/../../q/health, /q/health",
            "/api/customers/a%20b, /api/customers/a%20b",
            "/api/customers/..., /api/customers/...",
            "/api/customers/.a/b., /api/customers/.a/b.",
    })
    void dotSegmentsAreRemoved(String raw, String normalized) throws Exception {
        assertEquals(normalized, RequestPath.normalize(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/customers%2f..%2fq/metrics", "/api/customers/..%2F..%2Fq", "/api/customers\\..\\q",
            "/api/customers/%5c..%5cq", "/api/customers/1;jsessionid=x", "/api/customers/1%3bx", "/api/customers/%00",
            "/api/customers/a%0ab", "/api/customers/\u0000", "/api/customers//1", "/api/customers/%zz", "/api/customers/%2",
            "/api/../../etc/passwd", "/..", "api/customers" })
    void whatABackendCouldReadDifferentlyIsRefused(String raw) {
        RequestPath.Refused refused = assertThrows(RequestPath.Refused.class, () -> RequestPath.normalize(raw));
        assertTrue(refused.getMessage().length() > 10, "the reason is said: " + refused.getMessage());
    }
}
