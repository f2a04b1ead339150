package io.taskstream.localstack.junit;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A rolling update's SIGTERM, in a test: a request the service is in the middle of (held on a lock the
 * test owns) when its context begins to stop. The lock is released only once the server has stopped
 * accepting connections, so the request can only answer if the service waited for it.
 */
public final class ShutdownDuringRequest {

    /** What the held request got, and how long the whole stop took. */
    public record Outcome(HttpResponse<String> response, Duration stop) {
    }

    private ShutdownDuringRequest() {
    }

    /**
     * Starts the service under test (environment {@code test}) with {@code properties} and a graceful-shutdown
     * grace period long enough that a stop which waits it out cannot pass for a prompt one.
     */
    public static ApplicationContext start(Map<String, String> properties, Duration gracePeriod) {
        Map<String, Object> withGrace = new HashMap<>(properties);
        withGrace.put("micronaut.lifecycle.graceful-shutdown.grace-period", gracePeriod.toSeconds() + "s");
        return ApplicationContext.run(EmbeddedServer.class, withGrace, "test").getApplicationContext();
    }

    /** A GET of {@code path} with {@code token}, for {@link #run}. */
    public static HttpRequest get(String baseUrl, String path, String token) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60)).build();
    }

    /**
     * Holds {@code lockSql} (e.g. {@code LOCK TABLE t IN ACCESS EXCLUSIVE MODE}, or a row's
     * {@code SELECT ... FOR UPDATE}) on {@code lockHolder} while {@code request} runs into it, stops
     * {@code context}, then releases the lock.
     */
    public static Outcome run(ApplicationContext context, HttpRequest request, Connection lockHolder, String lockSql)
            throws Exception {
        lockHolder.setAutoCommit(false);
        PgSessions.execute(lockHolder, lockSql);
        CompletableFuture<HttpResponse<String>> answer = HttpClient.newHttpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.ofString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (PgSessions.waitingOnLocks(lockHolder) == 0) {
            if (answer.isDone() || System.nanoTime() > deadline) {
                throw new AssertionError(request.uri() + " never waited on the lock: "
                        + answer.handle((r, e) -> e != null ? e.toString() : r.statusCode() + " " + r.body()).getNow("no answer"));
            }
            Thread.sleep(20);
        }

        long start = System.nanoTime();
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(context::stop);
        awaitListenerClosed(request.uri().getHost(), request.uri().getPort());
        lockHolder.commit(); // only now, with shutdown under way, may the request go on
        HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
        stopped.get(120, TimeUnit.SECONDS);
        return new Outcome(response, Duration.ofNanos(System.nanoTime() - start));
    }

    /** Shutdown has begun once the server stops accepting connections. */
    private static void awaitListenerClosed(String host, int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(host, port), 200);
            } catch (IOException refused) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the server on port " + port + " still accepts connections 10 s after its stop began");
            }
            Thread.sleep(20);
        }
    }
}
