package io.taskstream.audit.integrity;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.util.List;

/** Tasks whose recorded aggregate versions are not contiguous from 1: events that never arrived. */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record GapReport(List<TaskGap> tasks) {

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record TaskGap(String taskId, String userId, List<Long> missingVersions) {
    }
}
