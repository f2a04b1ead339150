package io.taskstream.localstack.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceJvmTest {

    private static final Path OWN = Path.of("/opt/own/bin/java");

    @TempDir
    Path jvms;

    @Test
    void prefersTheNewestJava25OrLaterInstalled() throws Exception {
        fakeHome("java-17-openjdk-amd64", "17.0.15");
        fakeHome("temurin-25-jdk-amd64", "25.0.3");
        fakeHome("temurin-26-jdk-amd64", "26.0.1");
        fakeHome("temurin-26.0.2-jdk-amd64", "26.0.2");
        fakeHome("jdk-27-ea", "27-ea"); // an early-access build loses to any release
        Files.createSymbolicLink(jvms.resolve("java-1.26.0-temurin-amd64"), jvms.resolve("temurin-26.0.2-jdk-amd64"));

        assertThat(ServiceJvm.installed(jvms)).hasSize(5); // the alias is the same JDK
        ServiceJvm jvm = ServiceJvm.resolve(Map.of(), jvms, OWN, "17.0.15");

        assertThat(jvm.executable()).isEqualTo(jvms.resolve("temurin-26.0.2-jdk-amd64/bin/java").toRealPath());
        assertThat(jvm.version()).isEqualTo("26.0.2");
        assertThat(jvm.hasAotCache()).isTrue();
        assertThat(jvm.baseOptions()).containsExactly("--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED");
    }

    @Test
    void fallsBackToTheLaunchersOwnJavaWithoutAJava25() throws Exception {
        fakeHome("java-17-openjdk-amd64", "17.0.15");
        fakeHome("java-8-openjdk-amd64", "1.8.0_392"); // not a modern version string
        Files.createDirectories(jvms.resolve("broken-jdk/bin")); // no java, no release file

        ServiceJvm jvm = ServiceJvm.resolve(Map.of(), jvms, OWN, "17.0.15");

        assertThat(jvm.executable()).isEqualTo(OWN);
        assertThat(jvm.feature()).isEqualTo(17);
        assertThat(jvm.hasAotCache()).isFalse();
        assertThat(jvm.baseOptions()).isEmpty();
        assertThat(ServiceJvm.resolve(Map.of(), jvms.resolve("absent"), OWN, "17.0.15").executable()).isEqualTo(OWN);
    }

    @Test
    void theEnvironmentVariableWinsAndMustNameAJavaHome() throws Exception {
        Path home17 = fakeHome("java-17-openjdk-amd64", "17.0.15");
        fakeHome("temurin-25-jdk-amd64", "25.0.3");

        ServiceJvm jvm = ServiceJvm.resolve(Map.of(ServiceJvm.HOME_VARIABLE, home17.toString()), jvms, OWN, "25");

        assertThat(jvm.version()).isEqualTo("17.0.15");
        assertThat(jvm.chosenBecause()).isEqualTo(ServiceJvm.HOME_VARIABLE);
        assertThatThrownBy(() -> ServiceJvm.resolve(Map.of(ServiceJvm.HOME_VARIABLE, "/nowhere"), jvms, OWN, "25"))
                .hasMessageContaining("TASKSTREAM_SERVICE_JAVA_HOME=/nowhere is not a Java home");
        Path home8 = fakeHome("java-8-openjdk-amd64", "1.8.0_392");
        assertThatThrownBy(() -> ServiceJvm.resolve(Map.of(ServiceJvm.HOME_VARIABLE, home8.toString()), jvms, OWN, "25"))
                .hasMessageContaining("is Java 1.8.0_392; the services need Java 17 or later");
        Path home11 = fakeHome("java-11-openjdk-amd64", "11.0.2");
        assertThatThrownBy(() -> ServiceJvm.resolve(Map.of(ServiceJvm.HOME_VARIABLE, home11.toString()), jvms, OWN, "25"))
                .hasMessageContaining("is Java 11.0.2; the services need Java 17 or later");
    }

    @Test
    void recordsAnArchiveNamedAfterItsJavaAndMapsItOnceNewerThanTheJar() throws Exception {
        Path jar = Files.writeString(jvms.resolve("api-service-0.1.0.jar"), "jar");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(60))); // built before the recording
        ServiceJvm java25 = new ServiceJvm(OWN, "25.0.3", "test");
        ServiceJvm java17 = new ServiceJvm(OWN, "17.0.15", "test");

        List<String> first = new ArrayList<>();
        Path recording = ClassDataSharing.addOptions(jar, java25, first, true);
        assertThat(first.get(0)).isEqualTo("-XX:AOTCacheOutput=" + recording);
        assertThat(recording.getFileName().toString()).startsWith("api-service-0.1.0.jar.java-25.0.3.aot.");

        Files.writeString(recording, "cache");
        Files.writeString(recording.resolveSibling(recording.getFileName() + ".config"), "partial");
        ClassDataSharing.publish(recording, jar, java25, 143);
        Path archive = jvms.resolve("api-service-0.1.0.jar.java-25.0.3.aot");
        assertThat(archive).hasContent("cache");
        assertThat(recording.resolveSibling(recording.getFileName() + ".config")).doesNotExist();

        List<String> next = new ArrayList<>();
        assertThat(ClassDataSharing.addOptions(jar, java25, next, true)).isNull();
        assertThat(next).containsExactly("-XX:AOTCache=" + archive);

        List<String> other = new ArrayList<>(); // another Java never gets this cache
        assertThat(ClassDataSharing.addOptions(jar, java17, other, true)).isNotNull();
        assertThat(other.get(0)).startsWith("-XX:ArchiveClassesAtExit=" + jvms.resolve("api-service-0.1.0.jar.jsa."));

        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60))); // rebuilt since: record again
        List<String> rebuilt = new ArrayList<>();
        assertThat(ClassDataSharing.addOptions(jar, java25, rebuilt, true)).isNotNull();
        assertThat(rebuilt.get(0)).startsWith("-XX:AOTCacheOutput=");

        List<String> off = new ArrayList<>(); // TASKSTREAM_CDS=false
        assertThat(ClassDataSharing.addOptions(jar, java25, off, false)).isNull();
        assertThat(off).isEmpty();
    }

    @Test
    void aKilledRecordingIsDiscarded() throws Exception {
        Path jar = Files.writeString(jvms.resolve("audit-service-0.1.0.jar"), "jar");
        ServiceJvm java25 = new ServiceJvm(OWN, "25.0.3", "test");
        Path abandoned = Files.writeString(jvms.resolve("audit-service-0.1.0.jar.java-25.0.3.aot.old.tmp.config"), "x");
        Files.setLastModifiedTime(abandoned, FileTime.from(Instant.now().minusSeconds(7200)));
        Path recording = ClassDataSharing.addOptions(jar, java25, new ArrayList<>(), true);
        assertThat(abandoned).doesNotExist(); // swept: no JVM writes a recording for two hours
        Files.writeString(recording, "half");

        ClassDataSharing.publish(recording, jar, java25, 137);

        assertThat(recording).doesNotExist();
        assertThat(jvms.resolve("audit-service-0.1.0.jar.java-25.0.3.aot")).doesNotExist();

        Path neverHealthy = ClassDataSharing.addOptions(jar, java25, new ArrayList<>(), true);
        Files.writeString(neverHealthy, "classes of half a start");
        ClassDataSharing.publish(neverHealthy, jar, java25, -1); // LocalStack's code for "stopped before healthy"
        assertThat(jvms.resolve("audit-service-0.1.0.jar.java-25.0.3.aot")).doesNotExist();
    }

    private Path fakeHome(String name, String version) throws Exception {
        Path home = Files.createDirectories(jvms.resolve(name).resolve("bin"));
        Path java = Files.writeString(home.resolve("java"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(jvms.resolve(name).resolve("release"), "IMPLEMENTOR=\"x\"\nJAVA_VERSION=\"" + version + "\"\n");
        return jvms.resolve(name);
    }
}
