package io.taskstream.messaging.schema;

import io.taskstream.localstack.junit.TestInfrastructure;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link SchemaMigration} on a real PostgreSQL: Flyway runs only when the database lacks something. */
class SchemaMigrationTest {

    private final ClassLoader loader = getClass().getClassLoader();
    private final PGSimpleDataSource dataSource = new PGSimpleDataSource();

    @BeforeEach
    void newDatabase() {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        dataSource.setUrl(infrastructure.newDatabase("schema-migration"));
        dataSource.setUser(infrastructure.dbUser());
        dataSource.setPassword(infrastructure.dbPassword());
    }

    @Test
    void flywayMigratesOnceThenACurrentSchemaIsLeftAlone() throws SQLException {
        var first = SchemaMigration.apply(dataSource, loader, SchemaMigrator.MESSAGING_LOCATION, "messaging");
        assertThat(first.flywayRan()).isTrue();
        assertThat(first.applied()).isEqualTo(indexOf(SchemaMigrator.MESSAGING_LOCATION).scripts().size());

        var second = SchemaMigration.apply(dataSource, loader, SchemaMigrator.MESSAGING_LOCATION, "messaging");

        assertThat(second.flywayRan()).as("nothing to do: Flyway not started").isFalse();
        assertThat(second.version()).isEqualTo(first.version());
        assertThat(historyRows("messaging")).as("the history untouched").isEqualTo(first.applied() + 1);
    }

    @Test
    void theIndexsChecksumsAreFlywaysOwn() throws SQLException {
        SchemaMigration.apply(dataSource, loader, SchemaMigrator.MESSAGING_LOCATION, "messaging");

        Map<String, Integer> flyways = new HashMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT script, checksum FROM messaging.flyway_schema_history WHERE type = 'SQL'")) {
            while (rs.next()) {
                flyways.put(rs.getString(1), rs.getInt(2));
            }
        }
        Map<String, Integer> ours = new HashMap<>();
        indexOf(SchemaMigrator.MESSAGING_LOCATION).scripts().forEach(script -> ours.put(script.name(), script.checksum()));
        assertThat(ours).isNotEmpty().isEqualTo(flyways);
    }

    @Test
    void anEditedMigrationStillFailsFlywaysValidation() throws SQLException {
        SchemaMigration.apply(dataSource, loader, SchemaMigrator.MESSAGING_LOCATION, "messaging");
        execute("UPDATE messaging.flyway_schema_history SET checksum = checksum + 1 WHERE version = '2'");

        assertThatThrownBy(() -> SchemaMigration.apply(dataSource, loader, SchemaMigrator.MESSAGING_LOCATION, "messaging"))
                .isInstanceOf(FlywayValidateException.class).hasMessageContaining("checksum mismatch");
    }

    @Test
    void aNewReleasesMigrationIsAppliedByFlyway() {
        var v1 = SchemaMigration.apply(dataSource, loader, "classpath:db/schema-test-v1", "gate");
        var v2 = SchemaMigration.apply(dataSource, loader, "classpath:db/schema-test-v2", "gate");
        var again = SchemaMigration.apply(dataSource, loader, "classpath:db/schema-test-v2", "gate");
        var older = SchemaMigration.apply(dataSource, loader, "classpath:db/schema-test-v1", "gate");

        assertThat(v1.applied()).isEqualTo(1);
        assertThat(v2.flywayRan()).isTrue();
        assertThat(v2.applied()).isEqualTo(1);
        assertThat(v2.version()).isEqualTo("2");
        assertThat(again.flywayRan()).isFalse();
        assertThat(older.flywayRan()).as("an older release on a newer schema: V2 is from the future").isFalse();
        assertThat(older.version()).isEqualTo("1");
        Flyway.configure(loader).dataSource(dataSource).locations("classpath:db/schema-test-v1").schemas("gate")
                .load().validate(); // and Flyway agrees: it ignores future migrations too
    }

    @Test
    void withoutASchemaTheConnectionsCurrentOneIsMigrated() {
        var first = SchemaMigration.apply(dataSource, loader, "classpath:db/schema-test-v1", null);
        var second = SchemaMigration.apply(dataSource, loader, "classpath:db/schema-test-v1", null);

        assertThat(first.schema()).isEqualTo("public");
        assertThat(first.applied()).isEqualTo(1);
        assertThat(second.flywayRan()).isFalse();
    }

    @Test
    void aDirectoryWithScriptsItsIndexDoesNotNameIsLeftToFlyway() {
        assertThat(MigrationIndex.read(loader, "classpath:db/schema-test-stale")).as("V2 copied in, INDEX not rewritten").isEmpty();

        SchemaMigration.apply(dataSource, loader, "classpath:db/schema-test-stale", "gate");
        var again = SchemaMigration.apply(dataSource, loader, "classpath:db/schema-test-stale", "gate");

        assertThat(again.flywayRan()).isTrue();
        assertThat(again.version()).isEqualTo("2");
    }

    @Test
    void withoutAnIndexFlywayDecidesEveryTime() {
        SchemaMigration.apply(dataSource, loader, "classpath:db/schema-test-unindexed", "gate");
        var again = SchemaMigration.apply(dataSource, loader, "classpath:db/schema-test-unindexed", "gate");

        assertThat(again.flywayRan()).isTrue();
        assertThat(again.applied()).isZero();
    }

    @Test
    void theBuildsIndexListsEveryScriptOfTheModule() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/messaging"))) {
            var scripts = files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".sql")).sorted().toList();
            var indexed = indexOf(SchemaMigrator.MESSAGING_LOCATION).scripts().stream().map(MigrationIndex.Script::name).sorted().toList();
            assertThat(indexed).isNotEmpty().isEqualTo(scripts);
        }
    }

    private MigrationIndex indexOf(String location) {
        return MigrationIndex.read(loader, location).orElseThrow(() -> new AssertionError("no INDEX for " + location));
    }

    private long historyRows(String schema) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + schema + ".flyway_schema_history")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
