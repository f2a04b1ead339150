package io.taskstream.api.idempotency;

import io.micronaut.core.annotation.Nullable;

/** What a change answered, kept so a retry with the same Idempotency-Key gets the same answer. */
public record StoredResponse(int status, @Nullable String body, @Nullable String location, @Nullable String etag) {
}
