package io.taskstream.events;

import io.taskstream.events.envelope.UuidV7;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class UuidV7Test {

    @Test
    void carriesVersionVariantAndTimestamp() {
        Instant now = Instant.parse("2026-11-23T10:15:30.123Z");
        UUID id = UuidV7.generate(Clock.fixed(now, ZoneOffset.UTC));

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(UuidV7.timestampMillis(id)).isEqualTo(now.toEpochMilli());
    }

    @Test
    void laterMillisSortAfterEarlierOnes() {
        UUID earlier = UuidV7.generate(Clock.fixed(Instant.ofEpochMilli(1_000), ZoneOffset.UTC));
        UUID later = UuidV7.generate(Clock.fixed(Instant.ofEpochMilli(1_001), ZoneOffset.UTC));

        assertThat(earlier.toString()).isLessThan(later.toString());
    }
}
