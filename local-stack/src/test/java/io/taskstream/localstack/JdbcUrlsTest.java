package io.taskstream.localstack;

import io.taskstream.localstack.infra.JdbcUrls;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JdbcUrlsTest {

    @Test
    void replacesTheDatabaseAndKeepsParameters() {
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql://db:5432/postgres?sslmode=require", "t_x"))
                .isEqualTo("jdbc:postgresql://db:5432/t_x?sslmode=require");
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql://127.0.0.1:5433/postgres", "taskstream_api"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5433/taskstream_api");
    }
}
