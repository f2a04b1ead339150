package io.taskstream.websocket.updates;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an update sits in {@code task-updates}: its partition and offset. The same on every replica
 * (they all read the same log) and increasing per user, because a user's updates share a partition.
 * Clients treat {@code "<partition>-<offset>"} as opaque; offset -1 means "before the first record".
 */
public record Position(int partition, long offset) {

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,5})-(-1|\\d{1,18})");

    /** The position, or empty when {@code text} is not one of ours. */
    public static Optional<Position> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(text);
        return m.matches() ? Optional.of(new Position(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2))))
                : Optional.empty();
    }

    @Override
    public String toString() {
        return partition + "-" + offset;
    }
}
