package io.taskstream.audit.query;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The export stream fetches chunk by chunk (keyset on id) only as it is read. */
class ExportStreamTest {

    @Test
    void readsEveryRowOnceAcrossChunksAndOnlyOnDemand() throws Exception {
        List<Long> fetchedAfter = new ArrayList<>();
        List<AuditRow> table = LongStream.rangeClosed(1, 12).mapToObj(ExportStreamTest::row).toList();
        InputStream stream = new ExportStream("header\n".getBytes(StandardCharsets.UTF_8), after -> {
            fetchedAfter.add(after);
            return table.stream().filter(r -> r.id() > after).limit(5).toList();
        }, r -> (r.id() + "\n").getBytes(StandardCharsets.UTF_8), 5);

        assertThat(new String(stream.readNBytes(7), StandardCharsets.UTF_8)).isEqualTo("header\n");
        assertThat(fetchedAfter).as("nothing is read before the client gets past the header").isEmpty();
        String rest = new String(stream.readAllBytes(), StandardCharsets.UTF_8);

        assertThat(rest.lines().map(Long::parseLong).toList()).isEqualTo(LongStream.rangeClosed(1, 12).boxed().toList());
        assertThat(fetchedAfter).containsExactly(0L, 5L, 10L);
        assertThat(stream.read()).isEqualTo(-1);
    }

    @Test
    void aChunkThatIsExactlyFullIsFollowedByOneEmptyFetch() throws Exception {
        List<Long> fetchedAfter = new ArrayList<>();
        List<AuditRow> table = LongStream.rangeClosed(1, 4).mapToObj(ExportStreamTest::row).toList();
        InputStream stream = new ExportStream(new byte[0], after -> {
            fetchedAfter.add(after);
            return table.stream().filter(r -> r.id() > after).limit(2).toList();
        }, r -> "x".getBytes(StandardCharsets.UTF_8), 2);

        assertThat(stream.readAllBytes()).hasSize(4);
        assertThat(fetchedAfter).containsExactly(0L, 2L, 4L);
    }

    @Test
    void theFirstChunkCanBeReadBeforeTheResponseStartsAndItsFailureIsThrownThen() throws Exception {
        List<Long> fetchedAfter = new ArrayList<>();
        List<AuditRow> table = LongStream.rangeClosed(1, 3).mapToObj(ExportStreamTest::row).toList();
        ExportStream stream = new ExportStream("h\n".getBytes(StandardCharsets.UTF_8), after -> {
            fetchedAfter.add(after);
            return table.stream().filter(r -> r.id() > after).limit(2).toList();
        }, r -> (r.id() + "\n").getBytes(StandardCharsets.UTF_8), 2).fetchFirst();
        assertThat(fetchedAfter).containsExactly(0L);
        assertThat(new String(stream.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("h\n1\n2\n3\n");
        assertThat(fetchedAfter).containsExactly(0L, 2L);

        ExportStream down = new ExportStream(new byte[0], after -> {
            throw new IllegalStateException("database down");
        }, r -> new byte[0], 2);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(down::fetchFirst)).hasMessage("database down");
    }

    @Test
    void csvFieldsAreQuotedOnlyWhenNeeded() {
        assertThat(CsvRows.field("plain")).isEqualTo("plain");
        assertThat(CsvRows.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvRows.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvRows.field("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(CsvRows.field("=HYPERLINK(\"https://evil\",\"open\")")).as("a formula is shown, never run")
                .isEqualTo("\"'=HYPERLINK(\"\"https://evil\"\",\"\"open\"\")\"");
        for (String formula : List.of("+1", "-1+2", "@SUM(A1)", "\tx")) {
            assertThat(CsvRows.field(formula)).as(formula).isEqualTo("'" + formula);
        }
        assertThat(Csv.parse(String.join(",", CsvRows.field("{\"a\":1,\"b\":\"x\"}"), CsvRows.field("q\"")) + "\r\n"))
                .containsExactly(List.of("{\"a\":1,\"b\":\"x\"}", "q\""));
    }

    @Test
    void cursorsRoundTripAndRejectForgeries() {
        assertThat(AuditCursor.decode(AuditCursor.encode(42))).isEqualTo(42);
        for (String bad : List.of("", "!!", "YWJj", AuditCursor.encode(1) + "x")) {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> AuditCursor.decode(bad)))
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static AuditRow row(long id) {
        return new AuditRow(id, UUID.randomUUID(), "task.created", 1, "t", "u", null, id, Instant.EPOCH, null,
                "p", null, null, "{}", "h", null);
    }
}
