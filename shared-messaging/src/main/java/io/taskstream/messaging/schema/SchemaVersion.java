package io.taskstream.messaging.schema;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A Flyway migration version ({@code 7}, {@code 1.2}), compared part by part as numbers, as Flyway does. */
record SchemaVersion(List<BigInteger> parts) implements Comparable<SchemaVersion> {

    private static final Pattern VERSIONED_SCRIPT = Pattern.compile("V([0-9]+(?:[._][0-9]+)*)__.+\\.sql");

    /** The version of a versioned SQL script ({@code V2__add_index.sql}); empty for any other name. */
    static Optional<SchemaVersion> ofScript(String script) {
        Matcher matcher = VERSIONED_SCRIPT.matcher(script);
        return matcher.matches() ? Optional.of(parse(matcher.group(1))) : Optional.empty();
    }

    /** A version as Flyway writes it to its history ({@code 1.2}) or in a script name ({@code 1_2}). */
    static SchemaVersion parse(String version) {
        List<BigInteger> parts = Arrays.stream(version.split("[._]")).map(BigInteger::new).toList();
        // Trailing zeros do not count: Flyway treats 1.0 and 1 as the same version.
        int end = parts.size();
        while (end > 1 && parts.get(end - 1).signum() == 0) {
            end--;
        }
        return new SchemaVersion(List.copyOf(parts.subList(0, end)));
    }

    @Override
    public int compareTo(SchemaVersion other) {
        for (int i = 0; i < Math.max(parts.size(), other.parts.size()); i++) {
            int order = part(i).compareTo(other.part(i));
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    private BigInteger part(int index) {
        return index < parts.size() ? parts.get(index) : BigInteger.ZERO;
    }

    @Override
    public String toString() {
        return parts.stream().map(BigInteger::toString).collect(Collectors.joining("."));
    }
}
