package io.taskstream.api.caller;

import io.micronaut.http.HttpStatus;
import io.micronaut.security.authentication.Authentication;
import io.taskstream.web.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallerResolverTest {

    private final CallerResolver resolver = new CallerResolver();

    @Test
    void withoutTheHeaderEveryoneActsAsThemselves() {
        assertThat(resolver.resolve(token("alice"), null)).isEqualTo(new Caller("alice", "alice"));
        assertThat(resolver.resolve(token("recurring-service", "service"), null))
                .isEqualTo(new Caller("recurring-service", "recurring-service"));
    }

    @Test
    void aServiceActsForTheNamedUserAndStaysTheActor() {
        assertThat(resolver.resolve(token("recurring-service", "service"), "alice"))
                .isEqualTo(new Caller("alice", "recurring-service"));
    }

    @Test
    void onlyTheServiceRoleMaySendTheHeader() {
        assertThatThrownBy(() -> resolver.resolve(token("mallory", "admin"), "alice"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status().getCode()).isEqualTo(HttpStatus.FORBIDDEN.getCode());
                    assertThat(e.getMessage()).contains("'service' role");
                });
    }

    @Test
    void blankAndOverlongValuesAreRefused() {
        for (String value : List.of("", " ", "x".repeat(CallerResolver.MAX_LENGTH + 1))) {
            assertThatThrownBy(() -> resolver.resolve(token("svc", "service"), value))
                    .isInstanceOfSatisfying(ProblemException.class, e -> {
                        assertThat(e.status().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
                        assertThat(e.getMessage()).contains(CallerResolver.HEADER);
                    });
        }
        assertThat(resolver.resolve(token("svc", "service"), "x".repeat(CallerResolver.MAX_LENGTH)).ownerId())
                .hasSize(CallerResolver.MAX_LENGTH);
    }

    private static Authentication token(String subject, String... roles) {
        return Authentication.build(subject, List.of(roles), Map.of());
    }
}
