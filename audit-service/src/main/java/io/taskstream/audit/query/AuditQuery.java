package io.taskstream.audit.query;

/** One page request of {@code GET /audit}: the filter, the page size and the id the page starts after. */
public record AuditQuery(AuditFilter filter, int limit, long afterId) {
}
