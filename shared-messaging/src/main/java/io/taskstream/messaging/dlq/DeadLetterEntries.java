package io.taskstream.messaging.dlq;

import io.micronaut.core.annotation.Nullable;
import io.taskstream.events.envelope.DeadLetterHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turns DLQ records into {@link DeadLetterEntry} views. */
final class DeadLetterEntries {

    private DeadLetterEntries() {
    }

    static DeadLetterEntry of(ConsumerRecord<String, byte[]> record, @Nullable DeadLetterEntry.Resolution resolution,
                              boolean withContent) {
        Headers h = record.headers();
        String value = null;
        String encoding = null;
        Map<String, String> headers = null;
        if (withContent) {
            if (record.value() != null) {
                value = utf8(record.value());
                encoding = value != null ? "utf-8" : "base64";
                value = value != null ? value : Base64.getEncoder().encodeToString(record.value());
            }
            headers = new LinkedHashMap<>();
            for (Header header : h) {
                headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        return new DeadLetterEntry(new DeadLetterRecordId(record.partition(), record.offset()).toString(),
                record.topic(), record.key(), Instant.ofEpochMilli(record.timestamp()),
                header(h, DeadLetterHeaders.ORIGINAL_TOPIC), integer(h, DeadLetterHeaders.ORIGINAL_PARTITION),
                longValue(h, DeadLetterHeaders.ORIGINAL_OFFSET), header(h, DeadLetterHeaders.CONSUMER_GROUP),
                header(h, DeadLetterHeaders.EXCEPTION_CLASS), header(h, DeadLetterHeaders.EXCEPTION_MESSAGE),
                integer(h, DeadLetterHeaders.ATTEMPTS), instant(h, DeadLetterHeaders.FIRST_FAILURE),
                instant(h, DeadLetterHeaders.LAST_FAILURE), redriveCount(h),
                resolution == null ? DeadLetterEntry.PENDING : resolution.action(), resolution, value, encoding, headers);
    }

    static int redriveCount(Headers headers) {
        Integer count = integer(headers, DeadLetterHeaders.REDRIVE_COUNT);
        return count == null ? 0 : count;
    }

    @Nullable
    static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Nullable
    private static Integer integer(Headers headers, String name) {
        Long value = longValue(headers, name);
        return value == null ? null : value.intValue();
    }

    @Nullable
    private static Long longValue(Headers headers, String name) {
        String value = header(headers, name);
        try {
            return value == null ? null : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Nullable
    private static Instant instant(Headers headers, String name) {
        String value = header(headers, name);
        try {
            return value == null ? null : Instant.parse(value);
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Nullable
    private static String utf8(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
