package io.taskstream.api.task;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class OpenApiTest extends RealInfrastructureTest {

    static final String SPEC = "/swagger/taskstream-api-1.yml";

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    @SuppressWarnings("unchecked")
    void theGeneratedDocumentIsServedAndDescribesEveryOperation() {
        String yaml = http.toBlocking().retrieve(HttpRequest.GET(SPEC));
        Map<String, Object> doc = new Yaml().load(yaml);

        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) doc.get("paths");
        assertThat(paths.get("/tasks")).containsKeys("get", "post");
        assertThat(paths.get("/tasks/{id}")).containsKeys("get", "patch", "delete");
        assertThat(paths).containsKeys("/tasks/{id}/complete", "/tasks/{id}/reopen");
        Map<String, Map<String, Object>> schemas = (Map<String, Map<String, Object>>)
                ((Map<String, Object>) doc.get("components")).get("schemas");
        Map<String, Object> write = (Map<String, Object>) schemas.get("TaskWrite").get("properties");
        assertThat(write.keySet()).as("TaskWriteDocument must list exactly the fields the parser accepts")
                .isEqualTo(TaskInputParser.FIELDS);
    }

    @Test
    void theSwaggerUiIsServedWithItsOwnAssets() {
        String page = http.toBlocking().retrieve(HttpRequest.GET("/swagger-ui/index.html"));

        assertThat(page).contains("swagger-ui");
        assertThat(http.toBlocking().exchange(HttpRequest.GET("/swagger-ui/res/swagger-ui-bundle.js")).code()).isEqualTo(200);
    }
}
