package io.taskstream.deploy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code deploy/release.sh} on a git copy of deploy/ and the service modules' pom and CHANGELOG:
 * releasing one service touches exactly its pom, its CHANGELOG and its tag in each overlay.
 */
class ReleaseScriptTest {

    @TempDir
    Path copy;
    private Shell shell;

    @BeforeEach
    void copyTheRepository() throws Exception {
        copyTree(Repo.deploy(), copy.resolve("deploy"));
        for (String service : Repo.services()) {
            Files.createDirectories(copy.resolve(service));
            for (String file : List.of("pom.xml", "CHANGELOG.md")) {
                Path source = Repo.ROOT.resolve(service).resolve(file);
                assertThat(source).as("every service has a %s", file).exists();
                Files.copy(source, copy.resolve(service).resolve(file));
            }
        }
        shell = new Shell(copy);
        shell.ok("git", "init", "-q");
        shell.ok("git", "config", "user.email", "release-test@taskstream.invalid");
        shell.ok("git", "config", "user.name", "release test");
        shell.ok("git", "-c", "user.email=t@t", "-c", "user.name=t", "add", "-A");
        shell.ok("git", "-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "base");
    }

    @Test
    void releasingOneServiceTouchesOnlyItsVersionItsTagsAndItsChangelog() throws Exception {
        String service = Repo.services().get(1);
        note(service, "- A change worth releasing.");
        shell.ok("git", "-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qam", "note");

        shell.ok("bash", "deploy/release.sh", service, "9.8.7");

        assertThat(shell.ok("git", "status", "--porcelain").lines().map(l -> l.substring(3)).sorted().toList())
                .containsExactly(service + "/CHANGELOG.md", service + "/pom.xml",
                        "deploy/overlays/dev/kustomization.yaml", "deploy/overlays/prod/kustomization.yaml");
        assertThat(ServicePom.of(copy.resolve(service)).version()).isEqualTo("9.8.7");
        String before = ServicePom.of(Repo.ROOT.resolve(service)).version();
        for (String overlay : List.of("dev", "prod")) {
            String diff = shell.ok("git", "diff", "-U1", "--", "deploy/overlays/" + overlay + "/kustomization.yaml");
            // Changed lines only (context lines start with a space): this service's tag, nothing else.
            assertThat(diff.lines().filter(l -> l.matches("^[-+] .*")).toList()).as("the %s overlay's diff", overlay)
                    .containsExactly("-    newTag: \"" + before + "\"", "+    newTag: \"9.8.7\"");
            assertThat(diff).as("the %s overlay's changed entry", overlay)
                    .contains("     newName: ghcr.io/taskstream/" + service + "\n-    newTag:");
        }
        assertThat(Files.readString(copy.resolve(service).resolve("CHANGELOG.md")))
                .containsSubsequence("## Unreleased", "## 9.8.7", "- A change worth releasing.");
    }

    @Test
    void refusesAnUnknownServiceAnOlderVersionAndAnEmptyChangelogAndChangesNothing() throws Exception {
        String service = Repo.services().get(0);
        assertThat(shell.fails("bash", "deploy/release.sh", "no-such-service", "1.0.0")).contains("no service 'no-such-service'");
        assertThat(shell.fails("bash", "deploy/release.sh", service, "0.0.1")).contains("older than the current");
        assertThat(shell.fails("bash", "deploy/release.sh", service, "one")).contains("not a version");
        emptyUnreleased(service);
        shell.ok("git", "-c", "user.email=t@t", "-c", "user.name=t", "commit", "-q", "--allow-empty", "-am", "nothing to release");
        assertThat(shell.fails("bash", "deploy/release.sh", service, "9.0.0")).contains("nothing under '## Unreleased'");
        assertThat(shell.ok("git", "status", "--porcelain")).isEmpty();
    }

    @Test
    void aReleaseFollowsItsPreReleaseAndCommitTagsIt() throws Exception {
        String service = Repo.services().get(2);
        note(service, "- Candidate.");
        shell.ok("bash", "deploy/release.sh", service, "8.0.0-rc1", "--commit");
        note(service, "- Final.");
        shell.ok("git", "-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qam", "note");
        assertThat(shell.fails("bash", "deploy/release.sh", service, "8.0.0-rc0")).contains("older than the current");
        shell.ok("bash", "deploy/release.sh", service, "8.0.0", "--commit");

        assertThat(shell.ok("git", "tag")).contains(service + "/v8.0.0-rc1", service + "/v8.0.0");
        assertThat(shell.ok("git", "status", "--porcelain")).isEmpty();
        assertThat(ServicePom.of(copy.resolve(service)).version()).isEqualTo("8.0.0");
    }

    /** The real CHANGELOG may already list changes for the next release; the copy starts from none. */
    private void emptyUnreleased(String service) throws IOException {
        Path changelog = copy.resolve(service).resolve("CHANGELOG.md");
        Files.writeString(changelog, Files.readString(changelog).replaceAll("(?s)## Unreleased\n.*?(?=\n## )", "## Unreleased\n"));
    }

    private void note(String service, String line) throws IOException {
        Path changelog = copy.resolve(service).resolve("CHANGELOG.md");
        Files.writeString(changelog, Files.readString(changelog).replaceFirst("## Unreleased\n", "## Unreleased\n" + line + "\n"));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
