package io.taskstream.notification.inbox;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.taskstream.events.Topics;
import io.taskstream.localstack.junit.KafkaTestClient;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import io.taskstream.notification.Inbox;
import io.taskstream.notification.TestEvents;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The inbox API over notifications consumed from the real broker; each test has its own user. */
@MicronautTest(transactional = false)
class InboxTest extends RealInfrastructureTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void listsNewestFirstAndPagesWithTheCursor() {
        Inbox inbox = inboxWith("pager", "overdue:n1", "overdue:n2", "overdue:n3", "overdue:n4", "overdue:n5");

        List<String> titles = new ArrayList<>();
        String cursor = null;
        List<Integer> sizes = new ArrayList<>();
        do {
            InboxPage page = inbox.page("limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            page.items().forEach(n -> titles.add(n.title()));
            sizes.add(page.items().size());
            cursor = page.nextCursor();
        } while (cursor != null);

        assertThat(sizes).containsExactly(2, 2, 1);
        assertThat(titles).containsExactly("n5", "n4", "n3", "n2", "n1");
        assertThat(inbox.page("limit=5").nextCursor()).isNull();
    }

    @Test
    void filtersByStatusAndKind() {
        Inbox inbox = inboxWith("filter", "overdue:o1", "next_occurrence:x1", "overdue:o2", "overdue:o3");
        Map<String, UUID> ids = idsByTitle(inbox);
        inbox.mark(ids.get("o1"), "read");
        inbox.mark(ids.get("o2"), "archive");
        inbox.mark(ids.get("x1"), "seen");

        assertThat(titles(inbox, "")).containsExactly("o3", "x1", "o1");
        assertThat(titles(inbox, "status=inbox")).containsExactly("o3", "x1", "o1");
        assertThat(titles(inbox, "status=unread")).containsExactly("o3", "x1");
        assertThat(titles(inbox, "status=read")).containsExactly("o1");
        assertThat(titles(inbox, "status=archived")).containsExactly("o2");
        assertThat(titles(inbox, "status=all")).containsExactly("o3", "o2", "x1", "o1");
        assertThat(titles(inbox, "status=all&kind=overdue")).containsExactly("o3", "o2", "o1");
        assertThat(titles(inbox, "kind=next_occurrence,reminder")).containsExactly("x1");
        assertThat(titles(inbox, "status=unread&kind=overdue&kind=next_occurrence")).containsExactly("o3", "x1");
    }

    @Test
    void unreadCountFollowsTheMarks() {
        Inbox inbox = inboxWith("count", "overdue:a", "overdue:b", "overdue:c");
        Map<String, UUID> ids = idsByTitle(inbox);
        assertThat(inbox.unreadCount()).isEqualTo(new UnreadCount(3, 3));

        inbox.mark(ids.get("a"), "seen");
        assertThat(inbox.unreadCount()).isEqualTo(new UnreadCount(3, 2));
        inbox.mark(ids.get("b"), "read");
        assertThat(inbox.unreadCount()).isEqualTo(new UnreadCount(2, 1));
        inbox.mark(ids.get("c"), "archive");
        assertThat(inbox.unreadCount()).isEqualTo(new UnreadCount(1, 0));
    }

    @Test
    void marksAreIdempotentAndKeepTheirFirstTime() {
        Inbox inbox = inboxWith("marks", "overdue:m");
        UUID id = idsByTitle(inbox).get("m");

        NotificationView seen = inbox.mark(id, "seen");
        assertThat(seen.seenAt()).isNotNull();
        assertThat(seen.readAt()).isNull();
        NotificationView read = inbox.mark(id, "read");
        NotificationView readAgain = inbox.mark(id, "read");
        assertThat(read.readAt()).isNotNull().isEqualTo(readAgain.readAt());
        assertThat(read.seenAt()).isEqualTo(seen.seenAt());
        NotificationView archived = inbox.mark(id, "archive");
        assertThat(inbox.mark(id, "archive").archivedAt()).isNotNull().isEqualTo(archived.archivedAt());
        assertThat(archived.readAt()).isEqualTo(read.readAt());
    }

    @Test
    void bulkMarksReportAnOutcomePerId() {
        Inbox inbox = inboxWith("bulk", "overdue:b1", "overdue:b2", "overdue:b3");
        Inbox other = inboxWith("bulk-other", "overdue:theirs");
        Map<String, UUID> ids = idsByTitle(inbox);
        UUID theirs = idsByTitle(other).get("theirs");
        UUID unknown = UUID.randomUUID();
        inbox.mark(ids.get("b2"), "read");

        BulkMarkResult result = http.toBlocking().retrieve(HttpRequest.POST("/notifications/bulk", Map.of(
                "ids", List.of(ids.get("b1"), ids.get("b2"), theirs, unknown, ids.get("b1")), "action", "read"))
                .bearerAuth(inbox.token()), BulkMarkResult.class);

        assertThat(result.action()).isEqualTo("read");
        assertThat(result.results()).containsExactly(
                new BulkMarkResult.Item(ids.get("b1"), "marked"),
                new BulkMarkResult.Item(ids.get("b2"), "unchanged"),
                new BulkMarkResult.Item(theirs, "not_found"),
                new BulkMarkResult.Item(unknown, "not_found"));
        assertThat(titles(inbox, "status=unread")).containsExactly("b3");
        assertThat(other.all().get(0).readAt()).isNull();
        assertThat(other.unreadCount()).isEqualTo(new UnreadCount(1, 1));
    }

    @Test
    void anotherUsersNotificationIsNotFound() {
        Inbox owner = inboxWith("owner", "overdue:private");
        Inbox intruder = inboxWith("intruder");
        UUID id = idsByTitle(owner).get("private");

        assertThat(intruder.problem(HttpRequest::GET, "/notifications/" + id, 404).status()).isEqualTo(404);
        for (String action : List.of("read", "seen", "archive")) {
            intruder.problem(p -> HttpRequest.POST(p, ""), "/notifications/" + id + "/" + action, 404);
        }
        assertThat(intruder.all()).isEmpty();
        NotificationView untouched = owner.all().get(0);
        assertThat(untouched.readAt()).isNull();
        assertThat(untouched.seenAt()).isNull();
        assertThat(untouched.archivedAt()).isNull();
        assertThat(owner.mark(id, "read").readAt()).isNotNull();
    }

    /** A fresh user with one notification request per "kind:title", consumed (in order) before it returns. */
    private Inbox inboxWith(String prefix, String... kindTitles) {
        String user = prefix + "-" + UUID.randomUUID();
        KafkaTestClient kafka = new KafkaTestClient(infrastructure.bootstrapServers());
        for (String kindTitle : kindTitles) {
            String[] parts = kindTitle.split(":", 2);
            kafka.send(topic(Topics.NOTIFICATION_REQUEST), user, TestEvents.encode(TestEvents.request(user, parts[0], parts[1])));
        }
        Inbox inbox = new Inbox(http.toBlocking(), tokenFor(user));
        await().atMost(Duration.ofSeconds(30)).until(() -> inbox.all().size() == kindTitles.length);
        return inbox;
    }

    private static Map<String, UUID> idsByTitle(Inbox inbox) {
        Map<String, UUID> ids = new java.util.HashMap<>();
        inbox.all().forEach(n -> ids.put(n.title(), n.id()));
        return ids;
    }

    private static List<String> titles(Inbox inbox, String query) {
        return inbox.page(query).items().stream().map(NotificationView::title).toList();
    }
}
