package io.crmsuite.webhook.outbound;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * Where a webhook may go (server-side request forgery): a subscriber chooses the URL, this service calls it from
 * inside the network. Refused are hosts that resolve to a loopback, private (RFC 1918, carrier-grade NAT),
 * link-local (the cloud metadata service 169.254.169.254 among them), unique-local, multicast, reserved or
 * unspecified address, in IPv4 and IPv6, IPv4 carried in IPv6 included (mapped, compatible, NAT64, 6to4); and
 * plain http. Checked when a subscription is written and again before every attempt, since a name may resolve
 * elsewhere later (DNS rebinding): the attempt then connects to exactly the address checked.
 */
public final class TargetPolicy {

    /** Host names to addresses: the JVM's resolver in production; tests give another to change the answer. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** A URL that may be called, and the checked address to connect to. */
    public record Target(String host, int port, boolean https, String requestUri, InetAddress address) {
    }

    /** Which non-public addresses may be targets (crm.webhooks.private-targets). */
    public enum PrivateTargets {
        /** None: production, where the service sits inside a network a subscriber must not reach. */
        REFUSE,
        /** Loopback addresses only (127.0.0.0/8, ::1): local development, the receiver on the same machine. */
        LOOPBACK,
        /** Every private, loopback and link-local address: a closed network whose every host may receive. */
        ALLOW
    }

    /** Why a URL may not be called; the message is meant for the subscriber. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    private final PrivateTargets privateTargets;
    private final boolean allowHttp;
    private final Resolver resolver;

    private final Set<Integer> refusedPorts;

    public TargetPolicy(PrivateTargets privateTargets, boolean allowHttp, Resolver resolver) {
        this(privateTargets, allowHttp, resolver, Set.of());
    }

    /** {@code refusedPorts}: never called on a non-public address (the suite's own, see crm.webhooks.refused-ports). */
    public TargetPolicy(PrivateTargets privateTargets, boolean allowHttp, Resolver resolver, Set<Integer> refusedPorts) {
        this.privateTargets = privateTargets;
        this.allowHttp = allowHttp;
        this.resolver = resolver;
        this.refusedPorts = Set.copyOf(refusedPorts);
    }

    /** Why {@code url} cannot be subscribed to (a host that does not resolve among the reasons), or null. */
    public String problem(String url) {
        try {
            resolve(url);
            return null;
        } catch (Refused e) {
            return e.getMessage();
        }
    }

    /** The target of {@code url} as it resolves now, or why it may not be called. */
    public Target resolve(String url) throws Refused {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new Refused("not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new Refused("must be an absolute https URL, e.g. https://example.com/webhooks");
        }
        if (scheme.equals("http") && !allowHttp) {
            throw new Refused("must use https (plain http is allowed only where crm.webhooks.allow-http is set)");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new Refused("has no host name that can be read");
        }
        if (uri.getRawUserInfo() != null) {
            throw new Refused("must not carry credentials (user:password@): verify the signature instead");
        }
        if (uri.getRawFragment() != null) {
            throw new Refused("must not have a fragment (#...)");
        }
        boolean https = scheme.equals("https");
        int port = uri.getPort() == -1 ? (https ? 443 : 80) : uri.getPort();
        if (port < 1 || port > 65535) {
            throw new Refused("has no valid port");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String requestUri = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        String host = uri.getHost();
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new Refused("host " + host + " does not resolve");
        }
        if (addresses.length == 0) {
            throw new Refused("host " + host + " does not resolve");
        }
        // every address, not only the first: a name answering with a public and a private address is refused
        for (InetAddress address : addresses) {
            String kind = restriction(address);
            if (kind == null) {
                continue;
            }
            if (privateTargets == PrivateTargets.REFUSE
                    || privateTargets == PrivateTargets.LOOPBACK && !address.isLoopbackAddress()) {
                throw new Refused("host " + host + " resolves to " + address.getHostAddress() + ", " + kind
                        + ": targets inside private networks are refused");
            }
            if (refusedPorts.contains(port)) {
                throw new Refused("port " + port + " of " + host + " belongs to this suite's own services and "
                        + "stores: not a webhook target");
            }
        }
        return new Target(host, port, https, requestUri, addresses[0]);
    }

    /** What kind of non-public address {@code address} is, or null when it is a public one. */
    public static String restriction(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return restrictionV4(b);
        }
        if (isZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return embedded(b, 12, "IPv4-mapped"); // ::ffff:a.b.c.d
        }
        if (isZero(b, 0, 12)) {
            if (isZero(b, 12, 16)) {
                return "the unspecified address";
            }
            if (isZero(b, 12, 15) && b[15] == 1) {
                return "a loopback address";
            }
            return embedded(b, 12, "IPv4-compatible"); // ::a.b.c.d (deprecated, still routed by some stacks)
        }
        if (b[0] == 0x00 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && isZero(b, 4, 12)) {
            return embedded(b, 12, "NAT64"); // 64:ff9b::a.b.c.d
        }
        if (b[0] == 0x20 && b[1] == 0x02) {
            return embedded(b, 2, "6to4"); // 2002:aabb:ccdd::
        }
        if ((b[0] & 0xfe) == 0xfc) {
            return "a unique-local address (fc00::/7)";
        }
        if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0x80) {
            return "a link-local address (fe80::/10)";
        }
        if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
            return "a site-local address (fec0::/10)";
        }
        if ((b[0] & 0xff) == 0xff) {
            return "a multicast address";
        }
        return null;
    }

    private static String embedded(byte[] b, int from, String how) {
        String kind = restrictionV4(Arrays.copyOfRange(b, from, from + 4));
        return kind == null ? null : kind + " (" + how + ")";
    }

    private static String restrictionV4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        if (a0 == 0) {
            return a1 == 0 && a2 == 0 && (b[3] & 0xff) == 0 ? "the unspecified address" : "a reserved address (0.0.0.0/8)";
        }
        if (a0 == 127) {
            return "a loopback address";
        }
        if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) {
            return "a private address (RFC 1918)";
        }
        if (a0 == 100 && (a1 & 0xc0) == 64) {
            return "a shared address (100.64.0.0/10, carrier-grade NAT)";
        }
        if (a0 == 169 && a1 == 254) {
            return "a link-local address (169.254.0.0/16, cloud metadata)";
        }
        if (a0 == 192 && a1 == 0 && a2 == 0) {
            return "a reserved address (192.0.0.0/24)";
        }
        if (a0 == 198 && (a1 & 0xfe) == 18) {
            return "a reserved address (198.18.0.0/15)";
        }
        if (a0 >= 224 && a0 <= 239) {
            return "a multicast address";
        }
        if (a0 >= 240) {
            return "a reserved or broadcast address (240.0.0.0/4)";
        }
        return null;
    }

    private static boolean isZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
