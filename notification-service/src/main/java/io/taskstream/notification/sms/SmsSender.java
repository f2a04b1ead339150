package io.taskstream.notification.sms;

import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import io.taskstream.notification.delivery.Channel;
import io.taskstream.notification.delivery.ChannelSender;
import io.taskstream.notification.delivery.DeliveryJob;
import io.taskstream.notification.delivery.SendResult;
import io.taskstream.notification.delivery.TaskLinks;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * SMS through an HTTP gateway: {@code POST <url>} with JSON {@code {to, text}}, a bearer token and an
 * {@code Idempotency-Key} (notification id + channel) so a gateway that honours it drops a retried
 * duplicate. 2xx delivered; 408, 429, 5xx and I/O errors retried; any other answer is permanent.
 */
@Singleton
class SmsSender implements ChannelSender {

    private static final int MAX_BODY_IN_ERROR = 300;
    private static final long ERROR_BODY_WAIT_MILLIS = 2_000;

    private final String url;
    private final String token;
    private final Duration timeout;
    private final TaskLinks links;
    private final JsonMapper json;
    private final HttpClient http;

    SmsSender(@Value("${taskstream.sms.url:}") String url, @Value("${taskstream.sms.token:}") String token,
              @Value("${taskstream.sms.timeout:10s}") Duration timeout, TaskLinks links, JsonMapper json) {
        this.url = url.strip();
        this.token = token.strip();
        this.timeout = timeout;
        this.links = links;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public boolean configured() {
        return !url.isEmpty();
    }

    @Override
    public SendResult send(DeliveryJob job) {
        if (job.phone() == null || job.phone().isBlank()) {
            return SendResult.permanent("no phone number for user " + job.userId());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", job.notificationId() + ":sms")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(job)));
        if (!token.isEmpty()) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            // The request timeout ends at the status line; the body is only read for an error, and only so long.
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                response.body().close(); // accepted: what follows does not change that (a stalled body blocked for good)
                return SendResult.delivered();
            }
            String error = "gateway answered " + status + ": " + clip(bodyOf(response.body()));
            return status == 408 || status == 429 || status >= 500
                    ? SendResult.retryable(error) : SendResult.permanent(error);
        } catch (IOException e) {
            return SendResult.retryable("gateway unreachable: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SendResult.retryable("interrupted while sending");
        }
    }

    /** Up to a screenful of an error answer's body, waiting at most 2 s for it: it only goes into the error text. */
    private String bodyOf(InputStream body) throws IOException {
        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
            try {
                return body.readNBytes(MAX_BODY_IN_ERROR * 4 + 1);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            return new String(read.get(Math.min(timeout.toMillis(), ERROR_BODY_WAIT_MILLIS), TimeUnit.MILLISECONDS),
                    StandardCharsets.UTF_8);
        } catch (TimeoutException | ExecutionException e) {
            return "(body not received)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(body not received)";
        } finally {
            body.close();
        }
    }

    private byte[] body(DeliveryJob job) {
        try {
            return json.writeValueAsBytes(new SmsMessage(job.phone(), job.title() + "\n" + links.bodyOf(job)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String clip(String body) {
        String text = body == null ? "" : body.strip();
        return text.length() <= MAX_BODY_IN_ERROR ? text : text.substring(0, MAX_BODY_IN_ERROR) + "…";
    }
}
