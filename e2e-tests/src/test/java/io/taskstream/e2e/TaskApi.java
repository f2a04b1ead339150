package io.taskstream.e2e;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.ObjectMapper;
import io.taskstream.localstack.infra.Hs256Tokens;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The task API of a launched stack, as one user. */
record TaskApi(String baseUrl, String jwtSecret, String user) {

    JsonNode create(String json) throws Exception {
        HttpResponse<String> response = send("POST", "/tasks", json);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return parse(response.body());
    }

    JsonNode post(String path) throws Exception {
        HttpResponse<String> response = send("POST", path, "");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return parse(response.body());
    }

    /** Every task of the user (one page of up to 100 is plenty in these tests). */
    List<JsonNode> tasks() throws Exception {
        HttpResponse<String> response = send("GET", "/tasks?limit=100", "");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> tasks = new java.util.ArrayList<>();
        parse(response.body()).get("items").values().forEach(tasks::add);
        return tasks;
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        String token = Hs256Tokens.mint(jwtSecret, user, List.of("user"), Duration.ofMinutes(10));
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode parse(String json) throws IOException {
        return ObjectMapper.getDefault().readValue(json.getBytes(StandardCharsets.UTF_8), JsonNode.class);
    }
}
