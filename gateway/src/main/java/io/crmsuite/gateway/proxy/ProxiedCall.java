package io.crmsuite.gateway.proxy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;

import io.crmsuite.gateway.auth.Client;
import io.crmsuite.gateway.problem.Problems;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.streams.ReadStream;

/**
 * One client request on its way to a replica and back; bodies are streamed both ways, never buffered. An attempt
 * has two steps: getting a connection (nothing is sent yet, the body stays unread in the paused request), then
 * sending. A failed first step moves on to another replica when {@link RetryRule} allows, and the body is still
 * there to send; once the second step began the request is never sent again.
 */
final class ProxiedCall {

    private static final Logger LOG = Logger.getLogger(ProxiedCall.class);
    /** Header names looked up as sent, in any case, without lowering each one first: this runs per header. */
    private static final Set<String> HOP_BY_HOP = caseInsensitive(Set.of(), "connection", "keep-alive",
            "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade");
    /**
     * A request's headers that are not passed on: hop-by-hop ones, the host and length (the outgoing request has
     * its own), the client's credentials, those the gateway sets itself (whatever a client sent under these
     * names is replaced), RFC 7239's Forwarded, which a client could fill with any address (X-Forwarded-For is
     * kept and the client's address appended, as proxies do), and Expect, which the gateway answers itself.
     */
    private static final Set<String> NOT_FORWARDED = caseInsensitive(HOP_BY_HOP, "host", "content-length",
            "authorization", "x-api-key", "x-request-id", "x-client-id", "x-client-roles", "x-forwarded-proto",
            "x-forwarded-host", "forwarded", "expect");

    private final HttpServerRequest request;
    private final HttpServerResponse response;
    private final Backend backend;
    private final Client client;
    private final String requestId;
    /** A trace context started here when the client sent none (null when it did): the same for every attempt. */
    private final String startedTrace;
    private final RequestOptions options;
    private final boolean replayable;
    /** The body, read whole before the first attempt when the request may be sent again; else null (streamed). */
    private Buffer body;
    private List<Replica> tried = List.of();
    private final long maxBodyBytes;
    /**
     * Set when the gateway cut the attempt and answered the client itself (a chunked body over {@link #maxBodyBytes},
     * a header Vert.x will not send): the attempt's failure that follows is not the replica's.
     */
    private boolean answeredHere;

    /** {@code target}: the normalised path and the query, without the gateway's {@code /api}. */
    ProxiedCall(HttpServerRequest request, HttpServerResponse response, Backend backend, Client client,
            String requestId, String target, long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
        this.request = request;
        this.response = response;
        this.backend = backend;
        this.client = client;
        this.requestId = requestId;
        this.startedTrace = request.getHeader("traceparent") != null ? null : "00-" + hex(16) + "-" + hex(8) + "-01";
        // no headers here: they are written straight into each attempt's request (forwardHeaders), not copied twice
        this.options = new RequestOptions().setMethod(request.method()).setURI(target)
                .setConnectTimeout(backend.connectTimeoutMs).setIdleTimeout(backend.responseTimeoutMs);
        this.replayable = RetryRule.mayResendAfterCut(request.method(), request.getHeader("Idempotency-Key"),
                request.getHeader("Content-Length"), request.getHeader("Transfer-Encoding"));
    }

    /** Sends the request to {@code replica}, the body read first when the request may be sent again. */
    void start(Replica replica) {
        if (!replayable) {
            send(replica);
            return;
        }
        if (request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD) {
            body = Buffer.buffer(); // RetryRule allows these only without a body
            send(replica);
            return;
        }
        request.body().onComplete(read -> {
            if (read.succeeded()) {
                body = read.result();
                send(replica);
            } else if (!response.closed()) {
                Problems.send(response, 400, "Bad Request", "the request body could not be read: "
                        + read.cause().getMessage());
            }
        });
        request.resume(); // the router paused the request; body() only listens
    }

    /** Sends the request to {@code replica}; a failed connection moves on by itself. */
    void send(Replica replica) {
        if (!request.isEnded()) {
            request.pause(); // HTTP/2 refuses to pause a request read to its end (a kept body, a bodiless GET)
        }
        // one attempt at a time, and a failed one created no request from these options: they can be re-aimed
        options.setHost(replica.url.host()).setPort(replica.url.port());
        replica.client().request(options).onComplete(connected -> {
            if (connected.succeeded()) {
                sendOn(connected.result(), replica);
            } else {
                notConnected(replica, connected.cause());
            }
        });
    }

    private void sendOn(HttpClientRequest outgoing, Replica replica) {
        // every failure of the request also fails its answer, handled there (notAnswered); without a handler of its
        // own Vert.x would log each one, a client's cut upload included, at ERROR
        outgoing.exceptionHandler(failure -> { });
        try {
            forwardHeaders(outgoing.headers());
        } catch (IllegalArgumentException refused) {
            // a value Vert.x will not send (HeaderCheck refuses those it knows of first): the connection taken for
            // this request goes back unused, never held by a request that cannot be written
            answeredHere = true;
            outgoing.reset();
            Problems.send(response, 400, "Bad Request", "a header cannot be passed on: " + refused.getMessage());
            return;
        }
        outgoing.response().onComplete(answer -> {
            if (answer.succeeded()) {
                relay(answer.result(), replica);
            } else {
                notAnswered(replica, answer.cause());
            }
        });
        if (body != null) {
            if (body.length() == 0) {
                outgoing.end();
            } else {
                outgoing.end(body);
            }
            return;
        }
        String length = request.getHeader("Content-Length");
        if (length != null) {
            outgoing.putHeader("Content-Length", length);
        } else if (request.getHeader("Transfer-Encoding") != null || request.method() == HttpMethod.POST
                || request.method() == HttpMethod.PUT || request.method() == HttpMethod.PATCH) {
            outgoing.setChunked(true);
        }
        // a client gone mid-body must not reach the service as a whole, shorter request: the pipe would end the
        // outgoing request (the last chunk, or fewer bytes than announced); a reset tells the service it is cut
        ReadStream<Buffer> streamed = length != null ? request : new LimitedBody(request, maxBodyBytes);
        streamed.pipe().endOnFailure(false).to(outgoing).onFailure(cut -> {
            answeredHere = cut instanceof LimitedBody.TooLarge; // before the reset, which fails the answer at once
            outgoing.reset(0, cut);
            if (answeredHere) {
                refuseTooLarge();
            }
        });
    }

    /** A chunked body passed the limit: the service saw a cut request, the client gets 413 and its connection closed. */
    private void refuseTooLarge() {
        if (response.ended() || response.closed()) {
            return;
        }
        response.putHeader("Connection", "close");
        Problems.send(response, 413, "Content Too Large", "the body may be at most " + maxBodyBytes + " bytes");
        if (request.version() != HttpVersion.HTTP_2) {
            request.connection().close(); // the rest of the body is not read
        }
    }

    private void notConnected(Replica replica, Throwable failure) {
        long now = System.nanoTime();
        replica.notConnected(now);
        tried = with(tried, replica);
        if (RetryRule.mayTryAnotherReplica(request.method(), request.getHeader("Idempotency-Key"))
                && !response.closed()) {
            Replica next = backend.choose(now, tried);
            if (next != null) {
                LOG.debugf("request %s: no connection to %s (%s), trying %s", requestId, replica, failure, next);
                send(next);
                return;
            }
        }
        Problems.send(response, 502, "Bad Gateway", backend.service + " could not be reached: "
                + failure.getClass().getSimpleName() + triedText(), backend.service);
    }

    /**
     * The request went out (some of it at least). It is sent again only when the replica closed the connection
     * without answering and the gateway kept the body of a request {@link RetryRule#mayResendAfterCut} allows.
     */
    private void notAnswered(Replica replica, Throwable failure) {
        if (answeredHere) {
            return; // the gateway cut the request itself: the replica did nothing wrong
        }
        long now = System.nanoTime();
        if (failure instanceof TimeoutException || String.valueOf(failure.getMessage()).contains("timeout")) {
            replica.timedOut(now);
            Problems.send(response, 504, "Gateway Timeout", backend.service + " did not answer within "
                    + backend.responseTimeoutMs + " ms", backend.service);
            return;
        }
        if (response.closed()) {
            // the client left: its cut upload may be what broke the call, so the replica is not blamed for it
            LOG.debugf("request %s: the client left before %s answered (%s)", requestId, replica, failure);
            return;
        }
        replica.closedBeforeAnswer(now);
        tried = with(tried, replica);
        if (body != null) {
            // a replica that died with the request in flight: a read, or a keyed POST whose body the gateway kept
            Replica next = backend.choose(now, tried);
            if (next != null) {
                LOG.debugf("request %s: %s closed before answering (%s), sending it to %s", requestId, replica,
                        failure, next);
                send(next);
                return;
            }
        }
        Problems.send(response, 502, "Bad Gateway", backend.service + " closed the connection before answering: "
                + failure.getClass().getSimpleName() + triedText(), backend.service);
    }

    private void relay(HttpClientResponse answer, Replica replica) {
        replica.answered(System.nanoTime(), answer.statusCode(), answer.getHeader("Retry-After"));
        response.setStatusCode(answer.statusCode());
        answer.headers().forEach((name, value) -> {
            if (name.equalsIgnoreCase("Location")) {
                response.putHeader("Location", publicLocation(value));
            } else if (!HOP_BY_HOP.contains(name)) {
                response.putHeader(name, value);
            }
        });
        if (answer.getHeader("Content-Length") == null) {
            response.setChunked(true);
        }
        // a client gone mid-answer fails the pipe's write: ending the response then would throw, so the pipe
        // does not end it; a backend failing mid-body resets the client's connection, so that a cut body is
        // never taken for a whole one. The debug line says a request ended this way (tests wait for it).
        answer.pipe().endOnFailure(false).to(response).onFailure(e -> {
            LOG.debugf("request %s: the answer of %s was not relayed whole (%s)", requestId, backend.service, e);
            response.reset();
        });
    }

    private String triedText() {
        return tried.size() < 2 ? "" : " (tried " + tried.size() + " replicas)";
    }

    private static List<Replica> with(List<Replica> tried, Replica replica) {
        List<Replica> more = new ArrayList<>(tried);
        more.add(replica);
        return more;
    }

    /** The client's headers less {@link #NOT_FORWARDED}, then the gateway's own. */
    private void forwardHeaders(MultiMap headers) {
        request.headers().forEach((name, value) -> {
            if (!NOT_FORWARDED.contains(name)) {
                headers.add(name, value);
            }
        });
        headers.add("X-Request-Id", requestId);
        headers.add("X-Client-Id", client.name());
        headers.add("X-Client-Roles", String.join(",", client.roles()));
        if (startedTrace != null) {
            headers.add("traceparent", startedTrace);
        }
        headers.add("X-Forwarded-Proto", request.scheme());
        if (request.authority() != null) {
            headers.add("X-Forwarded-Host", request.authority().toString());
        }
        if (request.remoteAddress() != null) {
            headers.add("X-Forwarded-For", request.remoteAddress().host());
        }
    }

    /** {@code base} and {@code names}, looked up in any case. */
    private static Set<String> caseInsensitive(Set<String> base, String... names) {
        Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(base);
        set.addAll(List.of(names));
        return Collections.unmodifiableSet(set);
    }

    /** A service's Location ({@code http://svc:8082/complaints/1} or {@code /complaints/1}) as the public path. */
    static String publicLocation(String location) {
        String path = location;
        if (location.startsWith("http://") || location.startsWith("https://")) {
            int slash = location.indexOf('/', location.indexOf("//") + 2);
            path = slash < 0 ? "/" : location.substring(slash);
        }
        return path.startsWith("/api/") ? path : "/api" + path;
    }

    /** Ids need to be unique, not secret: a fast random source, not SecureRandom, on the hot path. */
    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
