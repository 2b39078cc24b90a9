package io.crmsuite.gateway.proxy;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The path a request is routed, authorised and forwarded by: the raw path with its dot-segments removed (RFC 3986
 * section 5.2.4, percent-encoded dots included), after refusing what a backend could read differently from the
 * gateway: an encoded slash or backslash, a backslash, a {@code ;} path parameter, a control character (NUL
 * included, encoded or not), a malformed escape, an empty segment. The backend receives exactly the path
 * returned, so authorising it authorises what the backend serves.
 */
public final class RequestPath {

    /** A path the gateway will not route, and why (a 400 for the client). */
    public static final class Refused extends Exception {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    private RequestPath() {
    }

    public static String normalize(String raw) throws Refused {
        if (raw == null || raw.isEmpty() || raw.charAt(0) != '/') {
            throw new Refused("the path must start with /");
        }
        if (plain(raw)) {
            return raw;
        }
        StringBuilder decodedDots = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int value = escape(raw, i);
                refuse((char) value, true);
                if (value == '.') {
                    decodedDots.append('.');
                } else {
                    decodedDots.append(raw, i, i + 3);
                }
                i += 2;
            } else {
                refuse(c, false);
                decodedDots.append(c);
            }
        }
        return removeDotSegments(decodedDots.toString());
    }

    /**
     * Whether the path is already normal: nothing percent-encoded, no dot-segment, no empty segment but a trailing
     * one. That is what clients send, and it is returned as it is, without the copy and the split per request
     * (about a microsecond of the gateway's 80 for a read). A refused character is refused here with its reason;
     * anything else the fast check does not vouch for goes the whole way.
     */
    private static boolean plain(String raw) throws Refused {
        int segmentStart = 1;
        for (int i = 1; i <= raw.length(); i++) {
            boolean end = i == raw.length();
            char c = end ? '/' : raw.charAt(i);
            if (c == '%') {
                return false;
            }
            if (c != '/') {
                refuse(c, false);
                continue;
            }
            int length = i - segmentStart;
            boolean dots = length == 1 && raw.charAt(segmentStart) == '.'
                    || length == 2 && raw.charAt(segmentStart) == '.' && raw.charAt(segmentStart + 1) == '.';
            if (dots || length == 0 && !end) {
                return false;
            }
            segmentStart = i + 1;
        }
        return true;
    }

    private static int escape(String raw, int at) throws Refused {
        if (at + 2 >= raw.length()) {
            throw new Refused("malformed percent-encoding in the path");
        }
        int high = Character.digit(raw.charAt(at + 1), 16);
        int low = Character.digit(raw.charAt(at + 2), 16);
        if (high < 0 || low < 0) {
            throw new Refused("malformed percent-encoding in the path");
        }
        return high * 16 + low;
    }

    private static void refuse(char c, boolean encoded) throws Refused {
        String how = encoded ? "an encoded " : "a ";
        if (c < 0x20 || c == 0x7f) {
            throw new Refused("the path holds " + how + "control character (" + (c == 0 ? "NUL" : "0x"
                    + Integer.toHexString(c)) + ")");
        }
        if (c == '\\') {
            throw new Refused("the path holds " + how + "backslash");
        }
        if (c == ';') {
            throw new Refused("the path holds " + how + "';' (path parameters are not accepted)");
        }
        if (c == '/' && encoded) {
            throw new Refused("the path holds an encoded slash (%2F)");
        }
    }

    private static String removeDotSegments(String path) throws Refused {
        String[] segments = path.substring(1).split("/", -1);
        Deque<String> kept = new ArrayDeque<>();
        boolean directory = false;
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            boolean last = i == segments.length - 1;
            directory = last && (segment.isEmpty() || segment.equals(".") || segment.equals(".."));
            if (segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (kept.isEmpty()) {
                    throw new Refused("the path climbs above the root with '..'");
                }
                kept.removeLast();
            } else if (segment.isEmpty()) {
                if (!last) {
                    throw new Refused("the path holds an empty segment (//)");
                }
            } else {
                kept.addLast(segment);
            }
        }
        String normalized = "/" + String.join("/", kept);
        return directory && !kept.isEmpty() ? normalized + "/" : normalized;
    }
}
