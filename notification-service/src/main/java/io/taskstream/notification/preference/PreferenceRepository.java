package io.taskstream.notification.preference;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import io.taskstream.notification.delivery.Channel;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/** The {@code user_preferences} and {@code user_channel_preferences} tables, joined with the contact's timezone. */
@Singleton
public class PreferenceRepository {

    private static final String FIND = """
            SELECT p.timezone, p.quiet_start, p.quiet_end, p.digest_minutes, p.updated_at, c.timezone AS contact_timezone
            FROM (SELECT ?::text AS user_id) u
            LEFT JOIN user_preferences p ON p.user_id = u.user_id
            LEFT JOIN user_contact c ON c.user_id = u.user_id""";
    private static final String UPSERT = """
            INSERT INTO user_preferences (user_id, timezone, quiet_start, quiet_end, digest_minutes) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (user_id) DO UPDATE SET timezone = EXCLUDED.timezone, quiet_start = EXCLUDED.quiet_start,
                quiet_end = EXCLUDED.quiet_end, digest_minutes = EXCLUDED.digest_minutes, updated_at = clock_timestamp()""";

    private final JdbcOperations jdbc;

    PreferenceRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** The user's preferences, or the defaults (with the contact's timezone) when none are stored. */
    @Transactional
    public StoredPreferences find(String userId) {
        Map<String, Map<Channel, Boolean>> channels = new TreeMap<>();
        jdbc.prepareStatement("SELECT kind, channel, enabled FROM user_channel_preferences WHERE user_id = ?", statement -> {
            statement.setString(1, userId);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    Channel channel = Channel.fromWireName(rs.getString("channel")).orElseThrow();
                    channels.computeIfAbsent(rs.getString("kind"), k -> new EnumMap<>(Channel.class))
                            .put(channel, rs.getBoolean("enabled"));
                }
            }
            return null;
        });
        return jdbc.prepareStatement(FIND, statement -> {
            statement.setString(1, userId);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                OffsetDateTime updatedAt = rs.getObject("updated_at", OffsetDateTime.class);
                String contactTimezone = rs.getString("contact_timezone");
                if (updatedAt == null) {
                    return new StoredPreferences(Preferences.defaults(), contactTimezone, null);
                }
                LocalTime start = rs.getObject("quiet_start", LocalTime.class);
                LocalTime end = rs.getObject("quiet_end", LocalTime.class);
                Preferences preferences = new Preferences(rs.getString("timezone"),
                        start == null ? null : new QuietHours(start, end), rs.getInt("digest_minutes"), channels);
                return new StoredPreferences(preferences, contactTimezone, updatedAt.toInstant());
            }
        });
    }

    /** Replaces everything stored for the user. */
    @Transactional
    public StoredPreferences replace(String userId, Preferences preferences) {
        jdbc.prepareStatement(UPSERT, statement -> {
            statement.setString(1, userId);
            statement.setString(2, preferences.timezone());
            QuietHours quiet = preferences.quietHours();
            statement.setObject(3, quiet == null ? null : quiet.start());
            statement.setObject(4, quiet == null ? null : quiet.end());
            statement.setInt(5, preferences.digestMinutes());
            return statement.executeUpdate();
        });
        jdbc.prepareStatement("DELETE FROM user_channel_preferences WHERE user_id = ?", statement -> {
            statement.setString(1, userId);
            return statement.executeUpdate();
        });
        jdbc.prepareStatement("INSERT INTO user_channel_preferences (user_id, kind, channel, enabled) VALUES (?, ?, ?, ?)",
                statement -> {
                    for (var kind : preferences.channels().entrySet()) {
                        for (var channel : kind.getValue().entrySet()) {
                            statement.setString(1, userId);
                            statement.setString(2, kind.getKey());
                            statement.setString(3, channel.getKey().wireName());
                            statement.setBoolean(4, channel.getValue());
                            statement.addBatch();
                        }
                    }
                    return statement.executeBatch();
                });
        return find(userId);
    }
}
