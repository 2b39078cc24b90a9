package io.crmsuite.gateway.auth;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;

/**
 * The keys of an issuer's JWKS URL, kept in memory and fetched off the event loop: at start, on a schedule, and
 * when a token names a key not known yet (an issuer that rotated its keys), at most every
 * {@link #ON_DEMAND_EVERY}. A failed fetch keeps the keys already known and is said once until one succeeds.
 * <p>
 * jose4j's own {@code HttpsJwks} fetches inside the verification when its cache expires, which would block the
 * event loop that verifies the token; hence this small class.
 */
final class JwksKeys {

    private static final Logger LOG = Logger.getLogger(JwksKeys.class);
    static final Duration ON_DEMAND_EVERY = Duration.ofSeconds(30);

    private final URI url;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final AtomicLong lastOnDemand = new AtomicLong(System.nanoTime() - ON_DEMAND_EVERY.toNanos());
    private volatile List<JsonWebKey> keys = List.of();
    private volatile boolean failing;

    JwksKeys(String url) {
        this.url = checked(url);
    }

    List<JsonWebKey> keys() {
        return keys;
    }

    /** A token named a key not known: fetch again in the background, unless that was done a moment ago. */
    void unknownKeyMet() {
        long now = System.nanoTime();
        long last = lastOnDemand.get();
        if (now - last >= ON_DEMAND_EVERY.toNanos() && lastOnDemand.compareAndSet(last, now)) {
            CompletableFuture.runAsync(this::refresh);
        }
    }

    /** Fetches the key set (a blocking call: never on the event loop). */
    void refresh() {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5))
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + answer.statusCode());
            }
            List<JsonWebKey> fetched = new JsonWebKeySet(answer.body()).getJsonWebKeys();
            keys = List.copyOf(fetched);
            if (failing) {
                LOG.infof("JWKS %s answers again (%d keys)", url, fetched.size());
            }
            failing = false;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (!failing) {
                LOG.warnf("JWKS %s could not be fetched (%s): the keys already known (%d) stay in use, fetching "
                        + "again on schedule", url, e.getMessage(), keys.size());
            }
            failing = true;
        }
    }

    /** https, or http to this machine (a local issuer in development or tests): keys must not travel in clear. */
    private static URI checked(String url) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("crm.gateway.jwt.jwks-url '" + url + "' is not a URL");
        }
        if ("https".equals(uri.getScheme())) {
            return uri;
        }
        if ("http".equals(uri.getScheme()) && uri.getHost() != null && isLoopback(uri.getHost())) {
            return uri;
        }
        throw new IllegalArgumentException("crm.gateway.jwt.jwks-url '" + url + "': the keys that sign tokens must "
                + "come over https (http only to a loopback address)");
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
