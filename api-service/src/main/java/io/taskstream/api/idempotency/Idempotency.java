package io.taskstream.api.idempotency;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.TransactionOperations;
import io.taskstream.web.problem.ProblemException;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs a change at most once per (user, Idempotency-Key): the change and the remembered response
 * commit in one transaction, and a repeat replays that response instead of changing anything.
 * A key reused for a different request is refused with 422.
 */
@Singleton
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    private static final int MAX_KEY = 200;

    private final IdempotencyRepository repository;
    private final TransactionOperations<Connection> transactions;

    Idempotency(IdempotencyRepository repository, TransactionOperations<Connection> transactions) {
        this.repository = repository;
        this.transactions = transactions;
    }

    public StoredResponse execute(String userId, @Nullable String key, String method, String path, String body,
                                  Supplier<StoredResponse> change) {
        if (key == null) {
            return transactions.executeWrite(status -> change.get());
        }
        if (key.isBlank() || key.length() > MAX_KEY || !key.chars().allMatch(c -> c > 32 && c < 127)) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, HEADER + " must be 1 to " + MAX_KEY
                    + " visible ASCII characters");
        }
        String fingerprint = method + " " + path + " " + sha256(body);
        Optional<StoredResponse> replay = replay(userId, key, fingerprint);
        if (replay.isPresent()) {
            return replay.get();
        }
        try {
            return transactions.executeWrite(status -> {
                StoredResponse response = change.get();
                repository.insert(userId, key, fingerprint, response);
                return response;
            });
        } catch (RuntimeException e) {
            // A concurrent request with the same key may have committed first: answer as it did.
            return replay(userId, key, fingerprint).orElseThrow(() -> e);
        }
    }

    private Optional<StoredResponse> replay(String userId, String key, String fingerprint) {
        return transactions.executeRead(status -> repository.find(userId, key)).map(entry -> {
            if (!entry.fingerprint().equals(fingerprint)) {
                throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, HEADER + " '" + key
                        + "' was already used for a different request; use a new key for a new request");
            }
            return entry.response();
        });
    }

    private static String sha256(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
