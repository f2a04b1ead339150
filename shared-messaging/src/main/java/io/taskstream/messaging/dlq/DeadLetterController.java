package io.taskstream.messaging.dlq;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.codec.EventDecodingException;
import io.taskstream.web.problem.Problem;
import io.taskstream.web.problem.ProblemException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Admin REST API over this service's dead letters; {@code ./taskstream dlq} is its command line. */
@Controller("/admin/dlq")
@Secured(DeadLetterController.ADMIN_ROLE)
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(property = "taskstream.dlq.sources")
class DeadLetterController {

    static final String ADMIN_ROLE = "admin";
    private static final List<String> STATUSES = List.of("pending", "redriven", "discarded", "all");

    private final DeadLetterService service;
    private final DeadLetterDecisions decisions;
    private final EventCodec codec;
    private final JsonMapper json;

    DeadLetterController(DeadLetterService service, DeadLetterDecisions decisions, EventCodec codec, JsonMapper json) {
        this.service = service;
        this.decisions = decisions;
        this.codec = codec;
        this.json = json;
    }

    @Get
    DeadLetterOverview overview() {
        return new DeadLetterOverview(service.group(), service.sources().stream().map(source -> {
            DeadLetterService.Counts counts = service.counts(source);
            return new DeadLetterOverview.Source(source, service.dlqTopic(source), counts.of("pending"),
                    counts.of("redriven"), counts.of("discarded"), counts.complete());
        }).toList());
    }

    @Get("/{source}")
    List<DeadLetterEntry> list(@PathVariable String source, @QueryValue(defaultValue = "pending") String status,
                               @QueryValue(defaultValue = "100") int limit) {
        if (!STATUSES.contains(status)) {
            throw ProblemException.invalidFields(HttpStatus.BAD_REQUEST,
                    List.of(new Problem.FieldError("status", "must be one of " + STATUSES)));
        }
        if (limit < 1 || limit > 1000) {
            throw ProblemException.invalidFields(HttpStatus.BAD_REQUEST,
                    List.of(new Problem.FieldError("limit", "must be between 1 and 1000")));
        }
        return service.list(source, status.equals("all") ? null : status, limit);
    }

    @Get("/{source}/{id}")
    DeadLetterEntry show(@PathVariable String source, @PathVariable String id) {
        return service.show(source, DeadLetterRecordId.parse(id));
    }

    /** Sends the record back to its topic; a body with {@code value} replaces the record's value (a fixed event). */
    @Post("/{source}/{id}/redrive")
    DeadLetterEntry redrive(@PathVariable String source, @PathVariable String id, @Nullable @Body RedriveRequest request,
                            Authentication user) {
        byte[] replacement = request == null || request.value() == null ? null : checkedEvent(request.value());
        return decisions.redrive(source, DeadLetterRecordId.parse(id), replacement,
                request == null ? null : request.reason(), user.getName());
    }

    @Post("/{source}/{id}/discard")
    DeadLetterEntry discard(@PathVariable String source, @PathVariable String id, @Nullable @Body DiscardRequest request,
                            Authentication user) {
        if (request == null || request.reason() == null || request.reason().isBlank()) {
            throw ProblemException.invalidFields(HttpStatus.UNPROCESSABLE_ENTITY,
                    List.of(new Problem.FieldError("reason", "say why the record is discarded")));
        }
        return decisions.discard(source, DeadLetterRecordId.parse(id), request.reason(), user.getName());
    }

    /** A replacement must be a valid event, or the re-drive would only put it back in the DLQ. */
    private byte[] checkedEvent(JsonNode value) {
        try {
            byte[] bytes = json.writeValueAsBytes(value);
            codec.decode(bytes);
            return bytes;
        } catch (EventDecodingException e) {
            throw ProblemException.invalidFields(HttpStatus.UNPROCESSABLE_ENTITY,
                    List.of(new Problem.FieldError("value", e.getMessage())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    record RedriveRequest(@Nullable String reason, @Nullable JsonNode value) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    record DiscardRequest(@Nullable String reason) {
    }
}
