package io.taskstream.audit.integrity;

import io.micronaut.core.annotation.Nullable;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.util.UUID;

/** Result of walking one user's hash chain: intact, or the first entry where it breaks and why. */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ChainReport(String userId, long entriesChecked, boolean intact, @Nullable BrokenLink firstBroken) {

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record BrokenLink(long entryId, UUID eventId, String reason) {
    }
}
