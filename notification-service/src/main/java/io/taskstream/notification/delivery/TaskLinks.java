package io.taskstream.notification.delivery;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/**
 * Text bodies for channels outside the app: the message, then the task's absolute link if there is
 * one; a digest lists each merged notification that way.
 */
@Singleton
public class TaskLinks {

    private final String baseUrl;

    TaskLinks(@Value("${taskstream.delivery.task-link-base-url:`http://localhost:8080`}") String baseUrl) {
        this.baseUrl = baseUrl.strip().replaceAll("/+$", "");
    }

    public String bodyOf(DeliveryJob job) {
        return job.taskId() == null ? job.message() : job.message() + "\n\n" + baseUrl + "/tasks/" + job.taskId();
    }

    /** A digest's subject: {@code <n> reminders}. */
    public String digestSubjectOf(DeliveryJob job) {
        return job.digest().size() + " reminders";
    }

    /** A digest's body: one block per merged notification (title, message, task link), in the job's order. */
    public String digestBodyOf(DeliveryJob job) {
        StringBuilder body = new StringBuilder("You have ").append(job.digest().size()).append(" reminders:\n");
        for (DeliveryJob.DigestItem item : job.digest()) {
            body.append("\n- ").append(item.title()).append("\n  ").append(item.message()).append('\n');
            if (item.taskId() != null) {
                body.append("  ").append(baseUrl).append("/tasks/").append(item.taskId()).append('\n');
            }
        }
        return body.toString();
    }
}
