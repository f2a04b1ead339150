package io.taskstream.notification.delivery;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/** Text bodies for channels outside the app: the message, then the task's absolute link if there is one. */
@Singleton
public class TaskLinks {

    private final String baseUrl;

    TaskLinks(@Value("${taskstream.delivery.task-link-base-url:`http://localhost:8080`}") String baseUrl) {
        this.baseUrl = baseUrl.strip().replaceAll("/+$", "");
    }

    public String bodyOf(DeliveryJob job) {
        return job.taskId() == null ? job.message() : job.message() + "\n\n" + baseUrl + "/tasks/" + job.taskId();
    }
}
