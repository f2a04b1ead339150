package io.taskstream.localstack.junit;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

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
 * test owns) when its context begins to stop. The lock is released a second after the stop began,
 * so the request can only answer if the service waited for it.
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
            if (System.nanoTime() > deadline) {
                throw new AssertionError(request.uri() + " never reached the database: " + answer.getNow(null));
            }
            Thread.sleep(20);
        }

        long start = System.nanoTime();
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(context::stop);
        Thread.sleep(1_000); // shutdown has begun (and, without waiting for requests, would have cut this one)
        lockHolder.commit();
        HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
        stopped.get(120, TimeUnit.SECONDS);
        return new Outcome(response, Duration.ofNanos(System.nanoTime() - start));
    }
}
