package io.taskstream.audit.query;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.taskstream.audit.log.AuditEntryView;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Reads the audit trail: one page at a time, or every matching entry as a lazily produced export. */
@Singleton
public class AuditQueries {

    /** Rows fetched per database round trip while exporting. */
    static final int EXPORT_CHUNK = 500;

    private final AuditQueryRepository repository;
    private final JsonMapper json;

    AuditQueries(AuditQueryRepository repository, JsonMapper json) {
        this.repository = repository;
        this.json = json;
    }

    public AuditPage page(AuditQuery query) {
        List<AuditRow> rows = repository.find(query.filter(), query.afterId(), query.limit() + 1);
        boolean more = rows.size() > query.limit();
        List<AuditRow> page = more ? rows.subList(0, query.limit()) : rows;
        String next = more ? AuditCursor.encode(page.get(page.size() - 1).id()) : null;
        return new AuditPage(page.stream().map(this::view).toList(), next);
    }

    /**
     * Every entry matching {@code filter}, oldest first, rendered in {@code format}. Nothing is read
     * until the stream is; it then fetches {@link #EXPORT_CHUNK} rows at a time (keyset on id), so
     * memory stays bounded however long the trail is.
     */
    public InputStream export(AuditFilter filter, ExportFormat format) {
        return new ExportStream(format.header(),
                afterId -> repository.find(filter, afterId, EXPORT_CHUNK),
                row -> format.render(view(row), json), EXPORT_CHUNK).fetchFirst();
    }

    AuditEntryView view(AuditRow row) {
        JsonNode data = parse(row.payload());
        JsonNode changes = data.isObject() && data.get("changes") != null && data.get("changes").isArray()
                ? data.get("changes") : JsonNode.createArrayNode(List.of());
        return new AuditEntryView(row.eventId(), row.eventType(), row.schemaVersion(), row.taskId(), row.userId(),
                row.actor(), row.aggregateVersion(), row.occurredAt(), row.recordedAt(), row.producer(),
                row.correlationId(), row.causationId(), changes, data, row.hash(), row.prevHash());
    }

    private JsonNode parse(String payload) {
        try {
            return json.readValue(payload.getBytes(StandardCharsets.UTF_8), JsonNode.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
