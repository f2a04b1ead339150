package io.taskstream.api.task;

import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.taskstream.api.caller.Caller;
import io.taskstream.api.caller.OnBehalfOf;
import io.taskstream.api.idempotency.Idempotency;
import io.taskstream.api.idempotency.StoredResponse;
import io.taskstream.web.problem.ProblemException;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The task REST API. Changes answer with the task and its {@code ETag}; they honour If-Match and Idempotency-Key.
 * Every operation acts for its {@link Caller}: the token's subject, or the user a service names in X-On-Behalf-Of.
 */
@Controller("/tasks")
// JDBC blocks: off the two Netty event-loop threads, or two commits in flight cap the whole service.
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
public class TaskController {

    private final TaskService service;
    private final TaskListRepository list;
    private final TaskInputParser parser;
    private final Idempotency idempotency;
    private final JsonMapper json;

    TaskController(TaskService service, TaskListRepository list, TaskInputParser parser, Idempotency idempotency,
                   JsonMapper json) {
        this.service = service;
        this.list = list;
        this.parser = parser;
        this.idempotency = idempotency;
        this.json = json;
    }

    @Post
    @ApiResponse(responseCode = "201", description = "created", content = @Content(schema = @Schema(implementation = TaskView.class)))
    HttpResponse<String> create(@OnBehalfOf Caller caller, @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TaskWriteDocument.class))) @Nullable @Body String body,
                                @Nullable @Header(Idempotency.HEADER) String key, @Nullable @Header("X-Request-Id") String requestId) {
        TaskInput input = parser.parseCreate(TaskRequests.json(json, body));
        return respond(idempotency.execute(caller.ownerId(), key, "POST", "/tasks", body, () -> {
            Task task = service.create(caller, input, correlation(requestId));
            return stored(HttpStatus.CREATED, task);
        }));
    }

    @Get
    TaskPage list(@OnBehalfOf Caller caller, @Nullable @QueryValue String status, @Nullable @QueryValue String tag,
                  @Nullable @QueryValue("due_before") String dueBefore, @Nullable @QueryValue("due_after") String dueAfter,
                  @Nullable @QueryValue String q, @Nullable @QueryValue String sort, @Nullable @QueryValue String limit,
                  @Nullable @QueryValue String cursor) {
        TaskQuery query = TaskRequests.query(status, tag, dueBefore, dueAfter, q, sort, limit, cursor);
        List<Task> rows = list.find(caller.ownerId(), query);
        boolean more = rows.size() > query.limit();
        List<Task> page = more ? rows.subList(0, query.limit()) : rows;
        Task last = page.isEmpty() ? null : page.get(page.size() - 1);
        String next = more ? new TaskCursor(query.sort(), query.sort().keyOf(last), last.id()).encode() : null;
        return new TaskPage(page.stream().map(TaskView::of).toList(), next);
    }

    @Get("/{id}")
    HttpResponse<TaskView> get(@OnBehalfOf Caller caller, UUID id) {
        // Another user's task is indistinguishable from a missing one.
        Task task = service.find(caller.ownerId(), id)
                .orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "task " + id + " not found"));
        return HttpResponse.ok(TaskView.of(task)).header(HttpHeaders.ETAG, etag(task));
    }

    @Patch(value = "/{id}", consumes = {MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @ApiResponse(responseCode = "200", description = "changed", content = @Content(schema = @Schema(implementation = TaskView.class)))
    HttpResponse<String> update(@OnBehalfOf Caller caller, UUID id, @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TaskWriteDocument.class))) @Nullable @Body String body,
                                @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
                                @Nullable @Header(Idempotency.HEADER) String key, @Nullable @Header("X-Request-Id") String requestId) {
        TaskInput input = parser.parsePatch(TaskRequests.json(json, body));
        IfMatch expected = IfMatch.parse(ifMatch);
        return change(caller, key, "PATCH", id, body, () ->
                stored(HttpStatus.OK, service.update(caller, id, input, expected, correlation(requestId))));
    }

    @Post("/{id}/complete")
    @ApiResponse(responseCode = "200", description = "completed", content = @Content(schema = @Schema(implementation = TaskView.class)))
    HttpResponse<String> complete(@OnBehalfOf Caller caller, UUID id, @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
                                  @Nullable @Header(Idempotency.HEADER) String key, @Nullable @Header("X-Request-Id") String requestId) {
        IfMatch expected = IfMatch.parse(ifMatch);
        return change(caller, key, "POST complete", id, "", () ->
                stored(HttpStatus.OK, service.complete(caller, id, expected, correlation(requestId))));
    }

    @Post("/{id}/reopen")
    @ApiResponse(responseCode = "200", description = "reopend", content = @Content(schema = @Schema(implementation = TaskView.class)))
    HttpResponse<String> reopen(@OnBehalfOf Caller caller, UUID id, @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
                                @Nullable @Header(Idempotency.HEADER) String key, @Nullable @Header("X-Request-Id") String requestId) {
        IfMatch expected = IfMatch.parse(ifMatch);
        return change(caller, key, "POST reopen", id, "", () ->
                stored(HttpStatus.OK, service.reopen(caller, id, expected, correlation(requestId))));
    }

    @Delete("/{id}")
    @ApiResponse(responseCode = "204", description = "deleted")
    HttpResponse<String> delete(@OnBehalfOf Caller caller, UUID id, @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
                                @Nullable @Header(Idempotency.HEADER) String key, @Nullable @Header("X-Request-Id") String requestId) {
        IfMatch expected = IfMatch.parse(ifMatch);
        return change(caller, key, "DELETE", id, "", () -> {
            service.delete(caller, id, expected, correlation(requestId));
            return new StoredResponse(HttpStatus.NO_CONTENT.getCode(), null, null, null);
        });
    }

    private HttpResponse<String> change(Caller caller, @Nullable String key, String method, UUID id, String body,
                                        Supplier<StoredResponse> change) {
        return respond(idempotency.execute(caller.ownerId(), key, method, "/tasks/" + id, body == null ? "" : body, change));
    }

    private StoredResponse stored(HttpStatus status, Task task) {
        try {
            return new StoredResponse(status.getCode(), json.writeValueAsString(TaskView.of(task)),
                    status == HttpStatus.CREATED ? "/tasks/" + task.id() : null, etag(task));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpResponse<String> respond(StoredResponse stored) {
        MutableHttpResponse<String> response = HttpResponse.status(HttpStatus.valueOf(stored.status()));
        if (stored.body() != null) {
            response.body(stored.body()).contentType(MediaType.APPLICATION_JSON_TYPE);
        }
        if (stored.location() != null) {
            response.header(HttpHeaders.LOCATION, stored.location());
        }
        if (stored.etag() != null) {
            response.header(HttpHeaders.ETAG, stored.etag());
        }
        return response;
    }

    private static String etag(Task task) {
        return "\"" + task.version() + "\"";
    }

    private static String correlation(@Nullable String requestId) {
        return requestId == null || requestId.isBlank() ? UUID.randomUUID().toString() : requestId;
    }
}
