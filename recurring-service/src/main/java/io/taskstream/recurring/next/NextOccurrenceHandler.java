package io.taskstream.recurring.next;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.taskstream.events.EventPayload;
import io.taskstream.events.envelope.EventEnvelope;
import io.taskstream.events.task.TaskCompleted;
import io.taskstream.events.task.TaskEvent;
import io.taskstream.events.task.TaskSnapshot;
import io.taskstream.messaging.consumer.DependencyUnavailableException;
import io.taskstream.messaging.consumer.NonRetryableException;
import io.taskstream.recurring.recurrence.CompletedOccurrence;
import io.taskstream.recurring.recurrence.InvalidRecurrenceException;
import io.taskstream.recurring.recurrence.OccurrenceCalculator;
import io.taskstream.recurring.recurrence.RecurrenceMode;
import io.taskstream.recurring.recurrence.RecurrenceSeries;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Learns series from task events and, when an occurrence of a recurring task is completed, creates
 * the next one through api-service. Runs inside the consumer's transaction: the occurrence guard
 * row (one successor per completed task) and the processed_event row commit together, after
 * api-service has created the task. The
 * Idempotency-Key (derived from the completion event) makes a redelivery replay the same creation.
 */
@Singleton
class NextOccurrenceHandler {

    private static final Logger LOG = LoggerFactory.getLogger(NextOccurrenceHandler.class);

    private final SeriesRepository series;
    private final OccurrenceCalculator calculator;
    private final ApiServiceClient api;
    private final ServiceToken token;

    NextOccurrenceHandler(SeriesRepository series, OccurrenceCalculator calculator, ApiServiceClient api,
                          ServiceToken token) {
        this.series = series;
        this.calculator = calculator;
        this.api = api;
        this.token = token;
    }

    void handle(EventEnvelope<EventPayload> event) {
        if (!(event.data() instanceof TaskEvent taskEvent)) {
            return;
        }
        TaskSnapshot task = taskEvent.task();
        if (task.recurrence() == null || task.dueAt() == null || task.seriesId() == null) {
            return;
        }
        ZoneId zone = ZoneId.of(task.recurrence().timezone());
        SeriesRepository.SeriesRow row = series.remember(task.seriesId(), task.userId(), task.recurrence(),
                LocalDateTime.ofInstant(task.dueAt(), zone));
        if (taskEvent instanceof TaskCompleted) {
            createNext(event, task, row);
        }
    }

    private void createNext(EventEnvelope<EventPayload> event, TaskSnapshot done, SeriesRepository.SeriesRow row) {
        int number = series.numberOf(done.id());
        Optional<Instant> next;
        try {
            RecurrenceSeries schedule = RecurrenceSeries.of(row.rrule(), row.timezone(), row.dtstart(),
                    RecurrenceMode.fromWire(row.mode()).orElseThrow(() ->
                            new NonRetryableException("unknown recurrence mode '" + row.mode() + "'")));
            Instant completedAt = done.completedAt() != null ? done.completedAt() : event.occurredAt();
            next = calculator.next(schedule, new CompletedOccurrence(done.dueAt(), completedAt, number));
        } catch (InvalidRecurrenceException | IllegalArgumentException e) {
            throw new NonRetryableException("series " + done.seriesId() + " has a rule this service cannot follow: "
                    + e.getMessage(), e);
        }
        if (next.isEmpty()) {
            LOG.info("series {} ended with occurrence {} (task {})", done.seriesId(), number, done.id());
            return;
        }
        if (!series.claimOccurrence(done.seriesId(), done.id(), next.get(), number + 1, event.eventId())) {
            LOG.info("series {}: task {} already has its next occurrence; nothing to create", done.seriesId(), done.id());
            return;
        }
        CreatedTask created = create(event, done, next.get());
        series.recordTask(done.id(), created.id());
        LOG.info("series {}: task {} completed, created occurrence {} due {} as task {}", done.seriesId(), done.id(),
                number + 1, next.get(), created.id());
    }

    private CreatedTask create(EventEnvelope<EventPayload> event, TaskSnapshot done, Instant dueAt) {
        try {
            HttpResponse<CreatedTask> response = api.create(token.bearer(), done.userId(),
                    "next-occurrence-" + event.eventId(), NextTaskRequest.after(done, dueAt));
            return response.getBody().orElseThrow(() -> new IllegalStateException("api-service answered "
                    + response.getStatus().getCode() + " without a task"));
        } catch (HttpClientResponseException e) {
            int status = e.getStatus().getCode();
            String detail = "api-service refused the next occurrence of series " + done.seriesId() + ": " + status
                    + " " + e.getResponse().getBody(String.class).orElse("");
            // Down, overloaded or without its database: the completion is fine, so it waits without using up
            // attempts (an outage longer than the retries used to dead-letter it, and roll back its reminder cancels).
            if (status == 429 || status == 502 || status == 503 || status == 504) {
                throw new DependencyUnavailableException(detail, e);
            }
            // 4xx other than 401/408 will not change on retry; the DLQ keeps it for a re-drive after a fix.
            // 401 may: the token is rotated outside this service (API_SERVICE_TOKEN_FILE), so it is retried.
            if (status >= 400 && status < 500 && status != 401 && status != 408) {
                throw new NonRetryableException(detail, e);
            }
            throw new IllegalStateException(detail, e);
        } catch (HttpClientException e) { // no answer: refused, reset, timed out
            throw new DependencyUnavailableException("api-service did not answer for series " + done.seriesId()
                    + ": " + e.getMessage(), e);
        }
    }
}
