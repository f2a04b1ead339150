package io.taskstream.api.idempotency;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.util.Optional;

@Singleton
class IdempotencyRepository {

    record Entry(String fingerprint, StoredResponse response) {
    }

    private final JdbcOperations jdbc;

    IdempotencyRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Entry> find(String userId, String key) {
        return jdbc.prepareStatement(
                "SELECT fingerprint, status, body, location, etag FROM idempotent_request WHERE user_id = ? AND idempotency_key = ?",
                statement -> {
                    statement.setString(1, userId);
                    statement.setString(2, key);
                    var rs = statement.executeQuery();
                    return rs.next()
                            ? Optional.of(new Entry(rs.getString(1), new StoredResponse(rs.getInt(2), rs.getString(3),
                                    rs.getString(4), rs.getString(5))))
                            : Optional.<Entry>empty();
                });
    }

    void insert(String userId, String key, String fingerprint, StoredResponse response) {
        jdbc.prepareStatement("INSERT INTO idempotent_request (user_id, idempotency_key, fingerprint, status, body, "
                + "location, etag) VALUES (?, ?, ?, ?, ?, ?, ?)", statement -> {
            statement.setString(1, userId);
            statement.setString(2, key);
            statement.setString(3, fingerprint);
            statement.setInt(4, response.status());
            statement.setString(5, response.body());
            statement.setString(6, response.location());
            statement.setString(7, response.etag());
            return statement.executeUpdate();
        });
    }
}
