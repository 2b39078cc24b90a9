package io.crmsuite.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.vertx.core.MultiMap;

class HeaderCheckTest {

    @Test
    void aControlCharacterInAnyValueNamesItsHeaderATabDoesNot() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Accept", "application/json")
                .add("X-Note", "a\tb");
        assertNull(HeaderCheck.withControlCharacter(headers));
        assertEquals("X-Foo", HeaderCheck.withControlCharacter(with(headers, "X-Foo", "a\u0001b")));
        assertEquals("X-Foo", HeaderCheck.withControlCharacter(with(headers, "X-Foo", "line\nbreak")));
        assertEquals("X-Foo", HeaderCheck.withControlCharacter(with(headers, "X-Foo", "del\u007f")));
    }

    private static MultiMap with(MultiMap headers, String name, String value) {
        return MultiMap.caseInsensitiveMultiMap().addAll(headers).add(name, value);
    }

    @Test
    void aRequestIdIsKeptOnlyAsOneFieldOfVisibleAscii() {
        assertTrue(HeaderCheck.isRequestId("my-id_1:2/3"));
        assertTrue(HeaderCheck.isRequestId("x".repeat(200)));
        assertFalse(HeaderCheck.isRequestId("x".repeat(201)));
        assertFalse(HeaderCheck.isRequestId(""));
        assertFalse(HeaderCheck.isRequestId(null));
        assertFalse(HeaderCheck.isRequestId("id client=admin"));
        assertFalse(HeaderCheck.isRequestId("id\n2026-11-30T07:59:59Z ACCESS forged"));
        assertFalse(HeaderCheck.isRequestId("\u00fcn\u00ef"));
    }
}
