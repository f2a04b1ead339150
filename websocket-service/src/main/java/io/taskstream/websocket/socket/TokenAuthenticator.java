package io.taskstream.websocket.socket;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import io.taskstream.web.token.JwtExpiry;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Validates the socket's JWT with the same validators as the HTTP API (signature, expiry; JWKS in
 * Kubernetes), without blocking the event loop.
 */
@Singleton
class TokenAuthenticator {

    private final List<TokenValidator<HttpRequest<?>>> validators;

    @SuppressWarnings({"unchecked", "rawtypes"})
    TokenAuthenticator(Collection<TokenValidator> validators) {
        this.validators = new ArrayList<>();
        validators.forEach(v -> this.validators.add((TokenValidator<HttpRequest<?>>) v));
    }

    /** The token's {@code exp} claim as validated (a date, or seconds since the epoch); null when it has none. */
    static Instant expiresAt(Authentication authentication) {
        return JwtExpiry.of(authentication.getAttributes().get("exp"));
    }

    /** The authentication of the first validator that accepts {@code token}; empty when none does. */
    CompletableFuture<Optional<Authentication>> authenticate(String token, HttpRequest<?> request) {
        CompletableFuture<Optional<Authentication>> result = new CompletableFuture<>();
        next(validators.iterator(), token, request, result);
        return result;
    }

    private void next(Iterator<TokenValidator<HttpRequest<?>>> it, String token, HttpRequest<?> request,
                      CompletableFuture<Optional<Authentication>> result) {
        if (!it.hasNext()) {
            result.complete(Optional.empty());
            return;
        }
        Publisher<Authentication> publisher = it.next().validateToken(token, request);
        publisher.subscribe(new Subscriber<>() {
            private boolean done;

            @Override
            public void onSubscribe(Subscription s) {
                s.request(1);
            }

            @Override
            public void onNext(Authentication authentication) {
                done = true;
                result.complete(Optional.of(authentication));
            }

            @Override
            public void onError(Throwable t) {
                if (!done) {
                    done = true;
                    next(it, token, request, result);
                }
            }

            @Override
            public void onComplete() {
                if (!done) {
                    done = true;
                    next(it, token, request, result);
                }
            }
        });
    }
}
