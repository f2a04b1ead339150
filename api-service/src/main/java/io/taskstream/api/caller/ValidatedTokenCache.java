package io.taskstream.api.caller;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.validator.ReactiveJsonWebTokenValidator;
import io.micronaut.security.token.validator.TokenValidator;
import io.taskstream.web.token.JwtExpiry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers bearer tokens that passed JWT validation (signature and claims) for a short while, so a
 * client sending the same token again is not parsed and HMAC/RSA-verified on every request: that was
 * a tenth of api-service's CPU per create, on the Netty event loop.
 *
 * <p>Runs first among the token validators. A hit answers the cached authentication synchronously
 * (the validators after it are then never asked); a miss asks the JWT validator and caches what it
 * accepted. A token is kept for at most {@code taskstream.security.token-cache.ttl} (30 s) and never
 * past its own {@code exp}, so expiry is enforced exactly as before; a rejected token is not cached
 * (this validator answers empty and the JWT validator after it rejects it again, as before).
 */
@Singleton
@Requires(property = "taskstream.security.token-cache.enabled", notEquals = "false")
class ValidatedTokenCache implements TokenValidator<HttpRequest<?>> {

    static final int MAX_ENTRIES = 10_000;

    private record Entry(Authentication authentication, Instant until) {
    }

    private final ReactiveJsonWebTokenValidator<?, HttpRequest<?>> jwt;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    @Inject
    ValidatedTokenCache(ReactiveJsonWebTokenValidator<?, HttpRequest<?>> jwt,
                        @Value("${taskstream.security.token-cache.ttl:30s}") Duration ttl) {
        this(jwt, ttl, Clock.systemUTC());
    }

    ValidatedTokenCache(ReactiveJsonWebTokenValidator<?, HttpRequest<?>> jwt, Duration ttl, Clock clock) {
        this.jwt = jwt;
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
        Instant now = clock.instant();
        Entry entry = entries.get(token);
        if (entry != null) {
            if (now.isBefore(entry.until())) {
                return Publishers.just(entry.authentication());
            }
            entries.remove(token, entry);
        }
        return Publishers.map(jwt.validateToken(token, request), authentication -> {
            remember(token, authentication, now);
            return authentication;
        });
    }

    private void remember(String token, Authentication authentication, Instant now) {
        Instant until = now.plus(ttl);
        Instant expires = JwtExpiry.of(authentication.getAttributes().get("exp"));
        if (expires != null && expires.isBefore(until)) {
            until = expires;
        }
        if (!now.isBefore(until)) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear(); // crude but bounded: the next requests validate (and refill) as before
        }
        entries.put(token, new Entry(authentication, until));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
