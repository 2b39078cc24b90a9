package io.crmsuite.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver for tests: a JDK HTTP server on 127.0.0.1 that keeps every request (headers, raw body) in
 * arrival order and answers with the status the test sets. It can be stopped and started again on the same port
 * (a receiver down for a while), and made to hold requests until released (a receiver slower than any timeout);
 * it counts the requests it holds at once, in total and per webhook-id.
 */
public final class Receiver implements AutoCloseable {

    /** One request as it arrived. Header names are lower case. */
    public record Request(String path, Map<String, String> headers, byte[] body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String webhookId() {
            return header("webhook-id");
        }
    }

    private final List<Request> requests = new ArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "test-receiver");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger held = new AtomicInteger();
    private final AtomicInteger mostHeld = new AtomicInteger();
    private final Map<String, AtomicInteger> inFlightById = new ConcurrentHashMap<>();
    private final AtomicInteger mostInFlightOfOneId = new AtomicInteger();
    private volatile int status = 204;
    private volatile String answer = "";
    private final Map<String, String> answerHeaders = new ConcurrentHashMap<>();
    private volatile CountDownLatch hold;
    private HttpServer server;
    private int port;

    public Receiver() {
        start();
    }

    public synchronized void start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        } catch (IOException e) {
            throw new IllegalStateException("the receiver cannot listen on port " + port, e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
        port = server.getAddress().getPort();
    }

    /** Stops listening: connections are refused until {@link #start()}, on the same port. */
    public synchronized void stop() {
        server.stop(0);
    }

    public String url() {
        return "http://127.0.0.1:" + port + "/hooks/crm";
    }

    public int port() {
        return port;
    }

    /** The status every answer has from now on (204 to begin with), and its body. */
    public void answer(int status, String body) {
        this.status = status;
        this.answer = body;
    }

    /** A header every answer carries from now on, e.g. Location or Retry-After. */
    public void answerHeader(String name, String value) {
        answerHeaders.put(name, value);
    }

    /** From now on requests wait, without an answer, until {@link #release()} (or a minute). */
    public void holdRequests() {
        hold = new CountDownLatch(1);
    }

    public void release() {
        CountDownLatch latch = hold;
        hold = null;
        if (latch != null) {
            latch.countDown();
        }
    }

    public int held() {
        return held.get();
    }

    /** The most requests held at the same time. */
    public int mostHeld() {
        return mostHeld.get();
    }

    /** The most requests with the same webhook-id being answered at the same time. */
    public int mostInFlightOfOneId() {
        return mostInFlightOfOneId.get();
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> requests(Predicate<Request> match) {
        return requests().stream().filter(match).toList();
    }

    /** Waits until {@code count} requests matching {@code match} arrived; fails listing what came otherwise. */
    public List<Request> await(Predicate<Request> match, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (true) {
                List<Request> matching = requests.stream().filter(match).toList();
                if (matching.size() >= count) {
                    return matching;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("expected " + count + " requests within " + timeout + ", got "
                            + matching.size() + ": " + matching.stream().map(Request::webhookId)
                                    .collect(Collectors.joining(", ")));
                }
                try {
                    wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted");
                }
            }
        }
    }

    /** Waits until a request with each of these webhook-ids arrived (at least one each); returns theirs. */
    public List<Request> awaitIds(List<String> ids, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (String id : ids) {
            await(r -> id.equals(r.webhookId()), 1, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        }
        return requests(r -> ids.contains(r.webhookId()));
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, String> headers = new ConcurrentHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                String.join(",", values)));
        Request request = new Request(exchange.getRequestURI().toString(), Map.copyOf(headers), body);
        String id = request.webhookId() == null ? "" : request.webhookId();
        AtomicInteger ofId = inFlightById.computeIfAbsent(id, k -> new AtomicInteger());
        mostInFlightOfOneId.accumulateAndGet(ofId.incrementAndGet(), Math::max);
        try {
            synchronized (this) {
                requests.add(request);
                notifyAll();
            }
            CountDownLatch latch = hold;
            if (latch != null) {
                mostHeld.accumulateAndGet(held.incrementAndGet(), Math::max);
                try {
                    latch.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    held.decrementAndGet();
                }
            }
            byte[] answerBytes = answer.getBytes(StandardCharsets.UTF_8);
            int code = status;
            answerHeaders.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(code, code == 204 || answerBytes.length == 0 ? -1 : answerBytes.length);
            if (answerBytes.length > 0 && code != 204) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answerBytes);
                }
            }
        } catch (IOException e) {
            // the sender gave up on this request (its timeout): nothing to answer
        } finally {
            ofId.decrementAndGet();
            exchange.close();
        }
    }

    @Override
    public void close() {
        release();
        try {
            stop();
        } catch (RuntimeException e) {
            // already stopped
        }
        threads.shutdownNow();
    }
}
