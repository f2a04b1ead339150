package io.taskstream.notification;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.taskstream.notification.inbox.InboxPage;
import io.taskstream.notification.inbox.NotificationView;
import io.taskstream.notification.inbox.UnreadCount;
import io.taskstream.web.problem.Problem;

import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The inbox API as one user calls it. */
public record Inbox(BlockingHttpClient http, String token) {

    public InboxPage page(String query) {
        return http.retrieve(auth(HttpRequest.GET("/notifications" + (query.isEmpty() ? "" : "?" + query))), InboxPage.class);
    }

    public List<NotificationView> all() {
        return page("status=all&limit=100").items();
    }

    public UnreadCount unreadCount() {
        return http.retrieve(auth(HttpRequest.GET("/notifications/unread-count")), UnreadCount.class);
    }

    public NotificationView mark(Object id, String action) {
        return http.retrieve(auth(HttpRequest.POST("/notifications/" + id + "/" + action, "")), NotificationView.class);
    }

    /** The problem the server answers {@code request} with; fails when the request succeeds or the status differs. */
    public Problem problem(Function<String, MutableHttpRequest<?>> request, String path, int status) {
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.exchange(auth(request.apply(path)), String.class));
        assertThat(e).as(path + " is rejected").isNotNull();
        assertThat(e.getStatus().getCode()).as(path).isEqualTo(status);
        assertThat(e.getResponse().getContentType()).hasValueSatisfying(t ->
                assertThat(t.toString()).startsWith(Problem.CONTENT_TYPE));
        return e.getResponse().getBody(Argument.of(Problem.class)).orElseThrow();
    }

    private <T> MutableHttpRequest<T> auth(MutableHttpRequest<T> request) {
        return request.bearerAuth(token);
    }
}
