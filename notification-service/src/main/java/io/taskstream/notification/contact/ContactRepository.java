package io.taskstream.notification.contact;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;

/** The {@code user_contact} table. */
@Singleton
class ContactRepository {

    private final JdbcOperations jdbc;

    ContactRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    Contact upsert(String userId, ContactRequest contact) {
        return jdbc.prepareStatement("""
                INSERT INTO user_contact (user_id, email, phone, timezone) VALUES (?, ?, ?, ?)
                ON CONFLICT (user_id) DO UPDATE SET email = EXCLUDED.email, phone = EXCLUDED.phone,
                    timezone = EXCLUDED.timezone, updated_at = clock_timestamp()
                RETURNING user_id, email, phone, timezone, updated_at""", statement -> {
            statement.setString(1, userId);
            statement.setString(2, contact.email());
            statement.setString(3, contact.phone());
            statement.setString(4, contact.timezone());
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return row(rs);
            }
        });
    }

    @Transactional(readOnly = true)
    Optional<Contact> find(String userId) {
        return jdbc.prepareStatement("SELECT user_id, email, phone, timezone, updated_at FROM user_contact WHERE user_id = ?",
                statement -> {
                    statement.setString(1, userId);
                    try (ResultSet rs = statement.executeQuery()) {
                        return rs.next() ? Optional.of(row(rs)) : Optional.empty();
                    }
                });
    }

    private static Contact row(ResultSet rs) throws SQLException {
        return new Contact(rs.getString("user_id"), rs.getString("email"), rs.getString("phone"),
                rs.getString("timezone"), rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
