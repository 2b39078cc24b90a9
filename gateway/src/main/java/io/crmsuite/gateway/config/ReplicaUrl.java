package io.crmsuite.gateway.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The base URL of one replica of a service, {@code http://host[:port]}. Each element of
 * {@code crm.gateway.backends.<route>.url} is read with {@link #of} ({@link Converter}), so a URL the gateway
 * cannot call as written stops the start with the setting's name and the reason.
 */
public record ReplicaUrl(String host, int port) {

    /**
     * Explicit rather than SmallRye's implicit {@code of} lookup: that one reports "failed to convert value with
     * static method" and drops the reason.
     */
    public static final class Converter implements org.eclipse.microprofile.config.spi.Converter<ReplicaUrl> {

        @Override
        public ReplicaUrl convert(String value) {
            return of(value);
        }
    }

    /** Parses one base URL; refuses what the gateway would otherwise ignore or change (https, a path, a query). */
    public static ReplicaUrl of(String text) {
        String value = text.trim();
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + value + "' is not a URL (" + e.getReason() + "); write "
                    + "http://host:port, several separated by commas");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            // whoever wrote https expects the traffic encrypted: calling http instead would quietly downgrade it
            throw new IllegalArgumentException("'" + value + "': https is not supported, the gateway calls services "
                    + "over plain http only (no TLS toward them); write http://host:port");
        }
        if (!scheme.equals("http")) {
            throw new IllegalArgumentException("'" + value + "' is not an http URL; write http://host:port");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("'" + value + "' has no host (or one that is not a valid host "
                    + "name); write http://host:port");
        }
        boolean hasPath = uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/");
        if (hasPath || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("'" + value + "': a base URL is http://host:port only; the gateway "
                    + "would ignore its path, query or user");
        }
        return new ReplicaUrl(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 80);
    }

    @Override
    public String toString() {
        return "http://" + (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }
}
