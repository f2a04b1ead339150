package io.taskstream.notification.inbox;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.taskstream.web.problem.ProblemException;

import java.util.List;
import java.util.UUID;

/**
 * The in-app inbox of the calling user (the token's subject). Another user's notification is
 * answered exactly like one that does not exist: 404. Parameters are described in the service README.
 */
@Controller("/notifications")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class NotificationController {

    private final InboxRepository inbox;
    private final NotificationMarkRepository marks;

    NotificationController(InboxRepository inbox, NotificationMarkRepository marks) {
        this.inbox = inbox;
        this.marks = marks;
    }

    @Get
    InboxPage list(Authentication caller, @Nullable @QueryValue String status,
                   @Nullable @QueryValue("kind") List<String> kind, @Nullable @QueryValue String limit,
                   @Nullable @QueryValue String cursor) {
        InboxQuery query = InboxRequests.page(caller.getName(), status, kind, limit, cursor);
        List<NotificationView> rows = inbox.find(query, query.limit() + 1);
        if (rows.size() <= query.limit()) {
            return new InboxPage(rows, null);
        }
        List<NotificationView> page = rows.subList(0, query.limit());
        NotificationView last = page.get(page.size() - 1);
        return new InboxPage(page, new InboxCursor(last.createdAt(), last.id()).encode());
    }

    @Get("/unread-count")
    UnreadCount unreadCount(Authentication caller) {
        return inbox.unreadCount(caller.getName());
    }

    @Get("/{id}")
    NotificationView show(Authentication caller, @PathVariable String id) {
        return found(caller, InboxRequests.id(id));
    }

    @Post("/{id}/read")
    NotificationView read(Authentication caller, @PathVariable String id) {
        return mark(caller, id, MarkAction.READ);
    }

    @Post("/{id}/seen")
    NotificationView seen(Authentication caller, @PathVariable String id) {
        return mark(caller, id, MarkAction.SEEN);
    }

    @Post("/{id}/archive")
    NotificationView archive(Authentication caller, @PathVariable String id) {
        return mark(caller, id, MarkAction.ARCHIVE);
    }

    @Post("/bulk")
    BulkMarkResult bulk(Authentication caller, @Nullable @Body BulkMarkRequest body) {
        InboxRequests.BulkMark request = InboxRequests.bulk(body);
        return marks.markAll(caller.getName(), request.ids(), request.action());
    }

    private NotificationView mark(Authentication caller, String id, MarkAction action) {
        UUID parsed = InboxRequests.id(id);
        if (!marks.mark(caller.getName(), parsed, action)) {
            throw notFound(parsed);
        }
        return found(caller, parsed);
    }

    private NotificationView found(Authentication caller, UUID id) {
        return inbox.find(caller.getName(), id).orElseThrow(() -> notFound(id));
    }

    private static ProblemException notFound(UUID id) {
        return new ProblemException(HttpStatus.NOT_FOUND, "no notification " + id);
    }
}
