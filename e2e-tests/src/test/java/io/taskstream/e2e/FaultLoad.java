package io.taskstream.e2e;

import io.taskstream.localstack.infra.Hs256Tokens;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Task changes through the real API at a steady pace while faults are injected: every fifth task is
 * recurring and is completed at once (its next occurrence is recurring-service's work); every fifth,
 * shifted by two, has a reminder due at once and an overdue notice {@link #DUE_IN} later. Records
 * every change the API accepted and every answer that was not a success, with when it was sent.
 */
final class FaultLoad implements AutoCloseable {

    static final Duration DUE_IN = Duration.ofSeconds(20);

    record Accepted(String taskId, String user, boolean recurring, boolean reminded, long acceptedAtMillis) {
    }

    /** An answer other than the expected success; {@code status} 0 when there was no answer at all. */
    record Failure(long sentAtMillis, long answeredAtMillis, String call, int status, String contentType, String detail) {
        /** Whether the request was in flight at some moment of [from, until]. */
        boolean overlaps(long from, long until) {
            return sentAtMillis <= until && answeredAtMillis >= from;
        }

        boolean isUnavailableProblem() {
            return status == 503 && contentType.startsWith("application/problem+json");
        }

        @Override
        public String toString() {
            return call + " -> " + (status == 0 ? "" : status + " " + contentType + " ") + detail;
        }
    }

    private static final Pattern ID_FIELD = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    private final String baseUrl;
    private final List<String> users;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Accepted> created = new CopyOnWriteArrayList<>();
    private final List<String> completed = new CopyOnWriteArrayList<>();
    private final List<Failure> failures = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    FaultLoad(String baseUrl, String jwtSecret, List<String> users, int perSecond) {
        this.baseUrl = baseUrl;
        this.users = users;
        users.forEach(u -> tokens.put(u, Hs256Tokens.mint(jwtSecret, u, List.of("user"), Duration.ofHours(1))));
        this.thread = new Thread(() -> run(perSecond), "fault-load");
        thread.start();
    }

    private void run(int perSecond) {
        long intervalNanos = 1_000_000_000L / perSecond;
        long next = System.nanoTime();
        for (int i = 0; running.get(); i++) {
            String user = users.get(i % users.size());
            boolean recurring = i % 5 == 0;
            boolean reminded = i % 5 == 2;
            String body = recurring
                    ? "{\"title\":\"fault-" + i + "\",\"due_at\":\"" + Instant.now().plus(Duration.ofDays(3))
                      + "\",\"recurrence\":{\"rrule\":\"FREQ=DAILY\",\"timezone\":\"UTC\",\"mode\":\"from_schedule\"}}"
                    : reminded
                    ? "{\"title\":\"fault-" + i + "\",\"due_at\":\"" + Instant.now().plus(DUE_IN) + "\",\"reminder_offset_minutes\":1}"
                    : "{\"title\":\"fault-" + i + "\"}";
            String id = send(user, "POST", "/tasks", body, 201);
            if (id != null) {
                created.add(new Accepted(id, user, recurring, reminded, System.currentTimeMillis()));
                if (recurring && send(user, "POST", "/tasks/" + id + "/complete", "", 200) != null) {
                    completed.add(id);
                }
            }
            next += intervalNanos;
            long sleep = next - System.nanoTime();
            if (sleep > 0) {
                try {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** The created task's id on the expected status; otherwise records the failure and returns null. */
    private String send(String user, String method, String path, String body, int expected) {
        long sentAt = System.currentTimeMillis();
        String call = method + " " + path;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(15))
                    .header("Authorization", "Bearer " + tokens.get(user)).header("Content-Type", "application/json")
                    .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                failures.add(new Failure(sentAt, System.currentTimeMillis(), call, response.statusCode(),
                        response.headers().firstValue("Content-Type").orElse(""), response.body()));
                return null;
            }
            Matcher m = ID_FIELD.matcher(response.body());
            return m.find() ? m.group(1) : null;
        } catch (Exception e) {
            failures.add(new Failure(sentAt, System.currentTimeMillis(), call, 0, "", e.toString()));
            return null;
        }
    }

    List<Accepted> created() {
        return List.copyOf(created);
    }

    List<String> completed() {
        return List.copyOf(completed);
    }

    List<Failure> failures() {
        return List.copyOf(failures);
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(30_000);
    }
}
