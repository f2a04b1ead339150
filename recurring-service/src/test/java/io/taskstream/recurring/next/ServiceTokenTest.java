package io.taskstream.recurring.next;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** A token from a mounted Secret follows the file when something outside rotates it. */
class ServiceTokenTest {

    @TempDir
    Path dir;

    @Test
    void aTokenFileIsReadAgainWhenItChanges() throws Exception {
        Path file = dir.resolve("token");
        Files.writeString(file, "first-token\n");
        ServiceToken token = new ServiceToken(Optional.empty(), "from-env", file.toString(), "recurring-service");

        assertThat(token.bearer()).as("the file wins over API_SERVICE_TOKEN").isEqualTo("Bearer first-token");

        Files.writeString(file, "rotated-token");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(token.bearer()).isEqualTo("Bearer rotated-token");
    }

    @Test
    void aMissingOrEmptyTokenFileFailsWithItsPath() throws Exception {
        Path file = dir.resolve("absent");
        ServiceToken missing = new ServiceToken(Optional.empty(), "", file.toString(), "recurring-service");
        assertThat(catchThrowable(missing::bearer)).isInstanceOf(IllegalStateException.class).hasMessageContaining(file.toString());

        Files.writeString(file, "  \n");
        assertThat(catchThrowable(missing::bearer)).isInstanceOf(IllegalStateException.class).hasMessageContaining("empty");
    }

    @Test
    void withoutAFileTheConfiguredTokenIsUsed() {
        assertThat(new ServiceToken(Optional.empty(), "from-env", "", "recurring-service").bearer()).isEqualTo("Bearer from-env");
    }
}
