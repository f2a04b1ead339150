package io.taskstream.notification.preference;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

/** The calling user's delivery preferences (the token's subject). See the service README, "Preferences". */
@Controller("/me/preferences")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class PreferencesController {

    private final PreferenceRepository preferences;

    PreferencesController(PreferenceRepository preferences) {
        this.preferences = preferences;
    }

    @Get
    PreferencesView show(Authentication caller) {
        return PreferencesView.of(caller.getName(), preferences.find(caller.getName()));
    }

    @Put
    PreferencesView replace(Authentication caller, @Nullable @Body PreferencesRequest body) {
        Preferences validated = PreferenceRequests.validate(body);
        return PreferencesView.of(caller.getName(), preferences.replace(caller.getName(), validated));
    }
}
