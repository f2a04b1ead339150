package io.taskstream.api.caller;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.validator.ReactiveJsonWebTokenValidator;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ValidatedTokenCacheTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** The JWT validator's stand-in: accepts "good-*" tokens (exp from the map), rejects the rest; counts calls. */
    private static final class FakeJwt implements ReactiveJsonWebTokenValidator<Object, HttpRequest<?>> {
        final AtomicInteger calls = new AtomicInteger();
        final Map<String, Instant> expiries;

        FakeJwt(Map<String, Instant> expiries) {
            this.expiries = expiries;
        }

        @Override
        public Publisher<Object> validate(String token, HttpRequest<?> request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
            calls.incrementAndGet();
            if (!token.startsWith("good")) {
                return Publishers.empty();
            }
            return Publishers.just(Authentication.build(token, List.of("user"),
                    Map.of("exp", Date.from(expiries.getOrDefault(token, T0.plusSeconds(3600))))));
        }
    }

    private static List<Authentication> collect(Publisher<Authentication> publisher) {
        List<Authentication> out = new ArrayList<>();
        publisher.subscribe(new Subscriber<>() {
            public void onSubscribe(Subscription s) { s.request(Long.MAX_VALUE); }
            public void onNext(Authentication a) { out.add(a); }
            public void onError(Throwable t) { throw new AssertionError(t); }
            public void onComplete() { }
        });
        return out;
    }

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    @Test
    void aValidatedTokenIsAnsweredFromTheCacheUntilTheTtl() {
        FakeJwt jwt = new FakeJwt(Map.of());
        var first = collect(new ValidatedTokenCache(jwt, Duration.ofSeconds(30), at(T0)).validateToken("good-a", null));
        assertThat(first).extracting(Authentication::getName).containsExactly("good-a");

        ValidatedTokenCache cache = new ValidatedTokenCache(jwt, Duration.ofSeconds(30), at(T0));
        collect(cache.validateToken("good-a", null));
        collect(cache.validateToken("good-a", null));
        assertThat(jwt.calls).hasValue(2); // one per cache instance

        ValidatedTokenCache later = new ValidatedTokenCache(jwt, Duration.ofSeconds(30), at(T0));
        collect(later.validateToken("good-b", null));
        assertThat(collect(later.validateToken("good-b", null))).extracting(Authentication::getName).containsExactly("good-b");
        assertThat(jwt.calls).hasValue(3);
    }

    @Test
    void neverPastTheTokensOwnExpiryNorTheTtl() {
        FakeJwt jwt = new FakeJwt(Map.of("good-short", T0.plusSeconds(5)));
        MutableClock clock = new MutableClock(T0);
        ValidatedTokenCache cache = new ValidatedTokenCache(jwt, Duration.ofSeconds(30), clock);
        collect(cache.validateToken("good-short", null));
        collect(cache.validateToken("good-long", null));
        clock.now = T0.plusSeconds(4);
        collect(cache.validateToken("good-short", null));
        collect(cache.validateToken("good-long", null));
        assertThat(jwt.calls).hasValue(2);
        clock.now = T0.plusSeconds(5); // good-short expired: asked again (and the JWT validator decides)
        collect(cache.validateToken("good-short", null));
        assertThat(jwt.calls).hasValue(3);
        clock.now = T0.plusSeconds(31); // past the TTL: asked again
        collect(cache.validateToken("good-long", null));
        assertThat(jwt.calls).hasValue(4);
    }

    @Test
    void aRejectedTokenIsNotCached() {
        FakeJwt jwt = new FakeJwt(Map.of());
        ValidatedTokenCache cache = new ValidatedTokenCache(jwt, Duration.ofSeconds(30), at(T0));
        assertThat(collect(cache.validateToken("bad", null))).isEmpty();
        assertThat(collect(cache.validateToken("bad", null))).isEmpty();
        assertThat(jwt.calls).hasValue(2);
    }

    @Test
    void expiryReadsTheClaimAsTheJwtLibraryGivesIt() {
        assertThat(io.taskstream.web.token.JwtExpiry.of(Date.from(T0))).isEqualTo(T0);
        assertThat(io.taskstream.web.token.JwtExpiry.of(T0.getEpochSecond())).isEqualTo(T0);
        assertThat(io.taskstream.web.token.JwtExpiry.of(null)).isNull();
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
