package io.taskstream.api.task;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.http.HttpStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;

import java.net.URI;
import java.util.UUID;

@Controller("/tasks")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class TaskController {

    private final TaskService service;

    TaskController(TaskService service) {
        this.service = service;
    }

    @Post
    HttpResponse<TaskView> create(Authentication user, @Valid @Body CreateTaskRequest request,
                                  @Nullable @Header("X-Request-Id") String requestId) {
        Task task = service.create(user.getName(), request, requestId == null ? UUID.randomUUID().toString() : requestId);
        return HttpResponse.created(TaskView.of(task), URI.create("/tasks/" + task.id()))
                .header(HttpHeaders.ETAG, etag(task));
    }

    @Get("/{id}")
    HttpResponse<TaskView> get(Authentication user, UUID id) {
        // Another user's task is indistinguishable from a missing one.
        Task task = service.find(user.getName(), id)
                .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "task " + id + " not found"));
        return HttpResponse.ok(TaskView.of(task)).header(HttpHeaders.ETAG, etag(task));
    }

    private static String etag(Task task) {
        return "\"" + task.version() + "\"";
    }
}
