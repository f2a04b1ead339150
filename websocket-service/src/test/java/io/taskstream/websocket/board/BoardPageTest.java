package io.taskstream.websocket.board;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The live board's page and configuration are served anonymously (its API calls and socket carry the token). */
@MicronautTest(transactional = false)
@Property(name = "taskstream.board.api-url", value = "http://api.example.test:9090/")
class BoardPageTest extends RealInfrastructureTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void servesThePageAndItsAssetsWithoutAToken() {
        HttpResponse<String> page = http.toBlocking().exchange(HttpRequest.GET("/board/"), String.class);
        assertThat(page.status().getCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>Taskstream · live board</title>").contains("board.js");

        assertThat(http.toBlocking().retrieve(HttpRequest.GET("/board/board.js"))).contains("/ws/updates");
        assertThat(http.toBlocking().retrieve(HttpRequest.GET("/board/board.css"))).contains(".badge");
    }

    @Test
    void servesTheApiUrlTheBrowserShouldCall() {
        HttpResponse<String> config = http.toBlocking().exchange(HttpRequest.GET("/board/config.json"), String.class);

        assertThat(config.status().getCode()).isEqualTo(200);
        assertThat(config.getHeaders().get("Cache-Control")).isEqualTo("no-store");
        assertThat(config.body()).contains("\"api_url\":\"http://api.example.test:9090\"")
                .contains("\"updates_path\":\"/ws/updates\"");
    }

    @Test
    void theRootAndBareBoardPathLeadToThePage() {
        // The client follows the 303 to /board/.
        for (String path : new String[] {"/", "/board"}) {
            HttpResponse<String> page = http.toBlocking().exchange(HttpRequest.GET(path), String.class);
            assertThat(page.status().getCode()).as(path).isEqualTo(200);
            assertThat(page.body()).as(path).contains("live board");
        }
    }

    @Override
    protected boolean usesDatabase() {
        return false;
    }
}
