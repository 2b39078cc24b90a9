package io.crmsuite.gateway.proxy;

import java.util.Map;

import io.vertx.core.MultiMap;

/**
 * Header values as HTTP/1.1's parser already takes them. Over HTTP/2 a value may hold control characters: passed on,
 * they would break the outgoing request after its connection was taken (Vert.x refuses them there), or split a log
 * line; such a request is refused before anything else.
 */
final class HeaderCheck {

    private static final int MAX_REQUEST_ID = 200;

    private HeaderCheck() {
    }

    /** The name of the first header whose value holds a control character (a tab aside), or null. */
    static String withControlCharacter(MultiMap headers) {
        for (Map.Entry<String, String> header : headers) {
            String value = header.getValue();
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c < 0x20 && c != '\t' || c == 0x7f) {
                    return header.getKey();
                }
            }
        }
        return null;
    }

    /** A client's X-Request-Id kept as it is: 1-200 visible ASCII characters, nothing that could split a log field. */
    static boolean isRequestId(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_REQUEST_ID) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c > '~') {
                return false;
            }
        }
        return true;
    }
}
