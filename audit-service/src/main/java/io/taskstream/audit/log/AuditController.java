package io.taskstream.audit.log;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.constraints.NotBlank;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

@Controller("/audit")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class AuditController {

    static final String AUDITOR_ROLE = io.taskstream.audit.integrity.AuditIntegrityController.AUDITOR_ROLE;

    private final AuditRepository repository;
    private final JsonMapper json;

    AuditController(AuditRepository repository, JsonMapper json) {
        this.repository = repository;
        this.json = json;
    }

    /** The trail of one task, oldest change first. Users see their own tasks; auditors see all. */
    @Get
    List<AuditEntryView> byTask(Authentication user, @QueryValue @NotBlank String taskId) {
        List<AuditEntry> entries = user.getRoles().contains(AUDITOR_ROLE)
                ? repository.findByTaskIdOrderByAggregateVersionAsc(taskId)
                : repository.findByTaskIdAndUserIdOrderByAggregateVersionAsc(taskId, user.getName());
        return entries.stream().map(this::view).toList();
    }

    private AuditEntryView view(AuditEntry e) {
        return new AuditEntryView(e.eventId(), e.eventType(), e.schemaVersion(), e.taskId(), e.userId(),
                e.aggregateVersion(), e.occurredAt(), e.producer(), e.correlationId(), e.causationId(),
                parse(e.payload()), e.recordedAt());
    }

    private JsonNode parse(String payload) {
        try {
            return json.readValue(payload.getBytes(StandardCharsets.UTF_8), JsonNode.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
