package io.taskstream.recurring.next;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.client.annotation.Client;

/** api-service's task API, called as a trusted service acting for the task's owner. */
@Client(id = "api-service")
interface ApiServiceClient {

    @Post("/tasks")
    HttpResponse<CreatedTask> create(@Header("Authorization") String authorization,
                                     @Header("X-On-Behalf-Of") String userId,
                                     @Header("Idempotency-Key") String idempotencyKey,
                                     @Body NextTaskRequest task);
}
