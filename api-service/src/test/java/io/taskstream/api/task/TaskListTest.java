package io.taskstream.api.task;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class TaskListTest extends RealInfrastructureTest {

    @Inject
    EmbeddedServer server;
    private TaskApiClient dana;

    @BeforeAll
    void createTasks() {
        dana = new TaskApiClient(server.getURL().toString(), tokenFor("dana"));
        for (int i = 1; i <= 7; i++) {
            dana.create("{\"title\":\"Task " + i + "\",\"tags\":[\"" + (i % 2 == 0 ? "even" : "odd") + "\"],"
                    + "\"due_at\":\"2026-12-0" + i + "T09:00:00Z\"}");
        }
        dana.create("{\"title\":\"No due date, 50% done\"}");
        String done = dana.create("{\"title\":\"Finished thing\"}");
        dana.send("POST", "/tasks/" + done + "/complete", "", Map.of());
        new TaskApiClient(server.getURL().toString(), tokenFor("eve")).create("{\"title\":\"Task of eve\"}");
    }

    @Test
    void pagesThroughEveryTaskOnceByDueDateWithNullsLast() {
        List<String> titles = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String body = dana.send("GET", "/tasks?sort=due_at&limit=3" + (cursor == null ? "" : "&cursor=" + cursor), "", Map.of()).body();
            titles.addAll(all(body, "title"));
            cursor = body.contains("\"next_cursor\":null") ? null : TaskApiClient.field(body, "next_cursor");
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(titles).hasSize(9).doesNotHaveDuplicates().doesNotContain("Task of eve");
        assertThat(titles.subList(0, 7)).containsExactly("Task 1", "Task 2", "Task 3", "Task 4", "Task 5", "Task 6", "Task 7");
    }

    @Test
    void filtersCombine() {
        assertThat(titles("?tag=even")).containsExactlyInAnyOrder("Task 2", "Task 4", "Task 6");
        assertThat(titles("?status=completed")).containsExactly("Finished thing");
        assertThat(titles("?due_after=2026-12-03T00:00:00Z&due_before=2026-12-05T00:00:00Z&sort=due_at"))
                .containsExactly("Task 3", "Task 4");
        assertThat(titles("?q=" + URLEncoder.encode("50%", StandardCharsets.UTF_8))).containsExactly("No due date, 50% done");
        assertThat(titles("?q=task&tag=odd&sort=-due_at")).containsExactly("Task 7", "Task 5", "Task 3", "Task 1");
    }

    @Test
    void anEmptyPageStillHasItsItemsAndItsEnd() {
        var response = new TaskApiClient(server.getURL().toString(), tokenFor("nobody-yet")).send("GET", "/tasks", "", Map.of());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"items\":[],\"next_cursor\":null}");
    }

    private List<String> titles(String query) {
        var response = dana.send("GET", "/tasks" + query, "", Map.of());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return all(response.body(), "title");
    }

    private static List<String> all(String json, String field) {
        List<String> values = new ArrayList<>();
        Matcher m = Pattern.compile("\"" + field + "\":\"([^\"]*)\"").matcher(json);
        while (m.find()) {
            values.add(m.group(1));
        }
        return values;
    }
}
