package io.taskstream.api.caller;

import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.SecurityFilter;
import jakarta.inject.Singleton;

import java.util.Optional;

/** Lets a controller method take a {@link Caller} argument, resolved from the token and {@code X-On-Behalf-Of}. */
@Singleton
class CallerArgumentBinder implements TypedRequestArgumentBinder<Caller> {

    private static final Argument<Caller> TYPE = Argument.of(Caller.class);

    private final CallerResolver resolver;

    CallerArgumentBinder(CallerResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public Argument<Caller> argumentType() {
        return TYPE;
    }

    @Override
    public BindingResult<Caller> bind(ArgumentConversionContext<Caller> context, HttpRequest<?> source) {
        if (!source.getAttributes().contains(SecurityFilter.KEY)) {
            return BindingResult.unsatisfied(); // the security filter has not run yet: bind again after it
        }
        Optional<Authentication> authentication = source.getUserPrincipal(Authentication.class);
        if (authentication.isEmpty()) {
            return BindingResult.empty();
        }
        Caller caller = resolver.resolve(authentication.get(), source.getHeaders().get(CallerResolver.HEADER));
        return () -> Optional.of(caller);
    }
}
