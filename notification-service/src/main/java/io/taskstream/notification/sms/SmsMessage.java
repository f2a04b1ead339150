package io.taskstream.notification.sms;

import io.micronaut.serde.annotation.Serdeable;

/** The SMS gateway's request body. */
@Serdeable
public record SmsMessage(String to, String text) {
}
