package io.taskstream.messaging.schema;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaCurrencyTest {

    private static final MigrationIndex SHIPPED = new MigrationIndex("classpath:db/x", List.of(
            script("V1__a.sql", 11), script("V2__b.sql", 22), script("V10__c.sql", 33)));

    @Test
    void everyShippedScriptAppliedWithItsChecksumIsCurrent() {
        var verdict = judge(applied("1", "V1__a.sql", 11), applied("2", "V2__b.sql", 22), applied("10", "V10__c.sql", 33));

        assertThat(verdict.current()).isTrue();
        assertThat(verdict.version()).as("numeric order, not text order").isEqualTo("10");
    }

    @Test
    void flywaysSchemaCreationMarkerDoesNotCount() {
        var marker = new AppliedMigration(null, "SCHEMA", "\"messaging\"", null, true);
        assertThat(judge(marker, applied("1", "V1__a.sql", 11), applied("2", "V2__b.sql", 22),
                applied("10", "V10__c.sql", 33)).current()).isTrue();
    }

    @Test
    void aPendingMigrationNeedsFlyway() {
        var verdict = judge(applied("1", "V1__a.sql", 11), applied("2", "V2__b.sql", 22));

        assertThat(verdict.current()).isFalse();
        assertThat(verdict.detail()).isEqualTo("V10 is not applied yet");
    }

    @Test
    void anEditedMigrationIsLeftToFlywaysValidation() {
        var verdict = judge(applied("1", "V1__a.sql", 11), applied("2", "V2__b.sql", 99), applied("10", "V10__c.sql", 33));

        assertThat(verdict.current()).isFalse();
        assertThat(verdict.detail()).isEqualTo("V2 differs from the one applied");
    }

    @Test
    void aFailedMigrationNeedsFlyway() {
        var failed = new AppliedMigration("10", "SQL", "V10__c.sql", 33, false);
        var verdict = judge(applied("1", "V1__a.sql", 11), applied("2", "V2__b.sql", 22), failed);

        assertThat(verdict.current()).isFalse();
        assertThat(verdict.detail()).isEqualTo("V10 failed when it was applied");
    }

    @Test
    void newerMigrationsFromALaterReleaseAreIgnoredAsFlywayDoes() {
        var verdict = judge(applied("1", "V1__a.sql", 11), applied("2", "V2__b.sql", 22), applied("10", "V10__c.sql", 33),
                applied("11", "V11__d.sql", 44));

        assertThat(verdict.current()).isTrue();
        assertThat(verdict.detail()).contains("1 newer migration(s)");
    }

    @Test
    void anAppliedMigrationThisBuildLacksNeedsFlyway() {
        var verdict = judge(applied("1", "V1__a.sql", 11), applied("1.5", "V1_5__x.sql", 15), applied("2", "V2__b.sql", 22),
                applied("10", "V10__c.sql", 33));

        assertThat(verdict.current()).isFalse();
        assertThat(verdict.detail()).isEqualTo("V1.5 is applied but not shipped by this build");
    }

    @Test
    void noHistoryOrOtherKindsOfEntriesNeedFlyway() {
        assertThat(SchemaCurrency.judge(SHIPPED, Optional.empty()).detail()).isEqualTo("no Flyway history yet");
        var baseline = new AppliedMigration("1", "BASELINE", "<< Flyway Baseline >>", null, true);
        assertThat(judge(baseline).detail()).startsWith("the history holds a BASELINE entry");
        var repeatable = new MigrationIndex("classpath:db/x", List.of(new MigrationIndex.Script("R__view.sql", Optional.empty(), 1)));
        assertThat(SchemaCurrency.judge(repeatable, Optional.of(List.of())).detail()).isEqualTo("R__view.sql is not a versioned migration");
    }

    @Test
    void versionsCompareAsFlywayDoes() {
        assertThat(SchemaVersion.ofScript("V1_2__x.sql")).contains(SchemaVersion.parse("1.2"));
        assertThat(SchemaVersion.parse("1.0")).isEqualTo(SchemaVersion.parse("1"));
        assertThat(SchemaVersion.parse("1.10")).isGreaterThan(SchemaVersion.parse("1.9"));
        assertThat(SchemaVersion.ofScript("R__view.sql")).isEmpty();
        assertThat(SchemaVersion.ofScript("V3__x.txt")).isEmpty();
    }

    private static SchemaCurrency.Verdict judge(AppliedMigration... rows) {
        return SchemaCurrency.judge(SHIPPED, Optional.of(new ArrayList<>(List.of(rows))));
    }

    private static AppliedMigration applied(String version, String script, int checksum) {
        return new AppliedMigration(version, "SQL", script, checksum, true);
    }

    private static MigrationIndex.Script script(String name, int checksum) {
        return new MigrationIndex.Script(name, SchemaVersion.ofScript(name), checksum);
    }
}
