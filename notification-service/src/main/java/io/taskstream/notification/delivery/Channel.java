package io.taskstream.notification.delivery;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A way to tell a user something; its wire name ({@code in_app}, {@code email}, {@code sms}) is stored and served. */
public enum Channel {
    IN_APP, EMAIL, SMS;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Channel> fromWireName(String name) {
        return Arrays.stream(values()).filter(c -> c.wireName().equals(name)).findFirst();
    }
}
