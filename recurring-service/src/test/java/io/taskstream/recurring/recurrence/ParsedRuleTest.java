package io.taskstream.recurring.recurrence;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rules that cannot be used are rejected with a message that says what is wrong. */
class ParsedRuleTest {

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', value = {
            "RRULE:FREQ=DAILY                    | without the 'RRULE:' prefix",
            "FREQ=DAYLY                          | Unknown FREQ value DAYLY",
            "BYDAY=MO                            | FREQ part is missing",
            "FREQ=WEEKLY;BYDAY=XX                | invalid weeknum",
            "FREQ=MONTHLY;BYMONTHDAY=32          | out of range: 32",
            "FREQ=DAILY;COUNT=2;UNTIL=20250101   | UNTIL and COUNT must not occur in the same rule",
            "FREQ=MINUTELY                       | at most hourly",
            "'   '                               | a rule is required",
    })
    void explainsWhatIsWrong(String rrule, String explanation) {
        assertThatThrownBy(() -> ParsedRule.parse(rrule))
                .isInstanceOf(InvalidRecurrenceException.class)
                .hasMessageContaining(explanation);
    }
}
