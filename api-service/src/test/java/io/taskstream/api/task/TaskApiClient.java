package io.taskstream.api.task;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A thin raw-HTTP client for the task API in tests: exact bodies and headers, no client-side mapping. */
record TaskApiClient(String baseUrl, String token) {

    HttpResponse<String> send(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        try {
            // A client per call: a pooled keep-alive connection could outlive its test class's server
            // and carry the next class's request to the old server when the port number is reused.
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        }
    }

    String create(String body) {
        HttpResponse<String> response = send("POST", "/tasks", body, Map.of());
        if (response.statusCode() != 201) {
            throw new AssertionError("create failed: " + response.statusCode() + " " + response.body());
        }
        return field(response.body(), "id");
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"?([^\",}]+)\"?").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no field " + name + " in " + json);
        }
        return m.group(1);
    }
}
