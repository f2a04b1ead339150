package io.taskstream.localstack.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Java runtime the service processes run on. A JDK 25 or later starts a service about a quarter
 * faster than JDK 17 with AppCDS, from an AOT cache (JEP 483/515: classes loaded and linked ahead of
 * time, with method profiles), so the launcher prefers one where it is installed:
 * <ol>
 *   <li>{@code TASKSTREAM_SERVICE_JAVA_HOME}, when set (a JDK or JRE home; its {@code release} file must name the version);</li>
 *   <li>otherwise the newest Java 25+ under {@code /usr/lib/jvm} (where Debian and Temurin's packages install);</li>
 *   <li>otherwise the Java the launcher itself runs on.</li>
 * </ol>
 *
 * @param executable   the {@code java} binary
 * @param version      its {@code java.version}, e.g. {@code 25.0.3}
 * @param chosenBecause how it was chosen, for the start-up log
 */
public record ServiceJvm(Path executable, String version, String chosenBecause) {

    /** The first release with a one-step AOT cache ({@code -XX:AOTCacheOutput}, JEP 514). */
    static final int AOT_CACHE_FEATURE = 25;
    /** The services are compiled for Java 17. */
    static final int MIN_FEATURE = 17;
    static final String HOME_VARIABLE = "TASKSTREAM_SERVICE_JAVA_HOME";
    private static final Path SYSTEM_JVMS = Path.of("/usr/lib/jvm");
    private static final Pattern RELEASE_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"([^\"]+)\"");

    private static final Runtime.Version UNREADABLE = Runtime.Version.parse("1"); // below every usable Java
    private static volatile ServiceJvm current;

    /**
     * Resolved once per launcher: every service of every stack in this JVM runs on the same Java.
     *
     * @throws IllegalStateException when {@code TASKSTREAM_SERVICE_JAVA_HOME} names no usable Java (on every call)
     */
    public static ServiceJvm current() {
        ServiceJvm jvm = current;
        if (jvm == null) {
            jvm = resolve(System.getenv(), SYSTEM_JVMS, Path.of(ProcessHandle.current().info().command().orElse("java")),
                    System.getProperty("java.version"));
            current = jvm;
        }
        return jvm;
    }

    static ServiceJvm resolve(Map<String, String> env, Path systemJvms, Path ownExecutable, String ownVersion) {
        String home = env.get(HOME_VARIABLE);
        if (home != null && !home.isBlank()) {
            Path dir = Path.of(home.trim());
            ServiceJvm chosen = ofHome(dir).map(jvm -> new ServiceJvm(jvm.executable, jvm.version, HOME_VARIABLE))
                    .orElseThrow(() -> new IllegalStateException(HOME_VARIABLE + "=" + home
                            + " is not a Java home: it needs bin/java and a release file with JAVA_VERSION"));
            if (chosen.feature() < MIN_FEATURE) {
                throw new IllegalStateException(HOME_VARIABLE + "=" + home + " is Java " + chosen.version
                        + "; the services need Java " + MIN_FEATURE + " or later");
            }
            return chosen;
        }
        // Newest by full version; a release beats an early-access build of a later one.
        Optional<ServiceJvm> newest = installed(systemJvms).stream()
                .filter(jvm -> jvm.feature() >= AOT_CACHE_FEATURE)
                .max(Comparator.comparing((ServiceJvm jvm) -> jvm.parsed().pre().isEmpty())
                        .thenComparing(ServiceJvm::parsed)
                        .thenComparing(jvm -> jvm.executable().toString()));
        return newest.map(jvm -> new ServiceJvm(jvm.executable, jvm.version, "the newest Java 25+ under " + systemJvms))
                .orElseGet(() -> new ServiceJvm(ownExecutable, ownVersion, "the launcher's own Java (no Java 25+ under "
                        + systemJvms + ")"));
    }

    /** The feature release: 17, 25 ... (1 when the version is not a modern one, e.g. Java 8's "1.8.0_392"). */
    public int feature() {
        return parsed().feature();
    }

    private Runtime.Version parsed() {
        try {
            return Runtime.Version.parse(version);
        } catch (IllegalArgumentException e) {
            return UNREADABLE;
        }
    }

    public boolean hasAotCache() {
        return feature() >= AOT_CACHE_FEATURE;
    }

    /**
     * Options every service JVM gets on this Java. From Java 24 the JDK warns on stderr when a library
     * uses {@code sun.misc.Unsafe}'s memory access (Netty) or loads native code (zstd-jni in
     * kafka-clients); both are intended here. An AOT cache requires the same module options when it
     * is used as when it was recorded, so these are fixed per Java, never per launch.
     */
    public List<String> baseOptions() {
        return feature() >= 24
                ? List.of("--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED")
                : List.of();
    }

    @Override
    public String toString() {
        return "Java " + version + " (" + executable + ", " + chosenBecause + ")";
    }

    static List<ServiceJvm> installed(Path systemJvms) {
        if (!Files.isDirectory(systemJvms)) {
            return List.of();
        }
        try (Stream<Path> homes = Files.list(systemJvms)) {
            // Debian lists each JDK up to three times (symlinked aliases): one entry per real directory.
            return homes.map(ServiceJvm::realPath).distinct().map(ServiceJvm::ofHome)
                    .flatMap(Optional::stream).toList();
        } catch (IOException e) {
            return List.of(); // unreadable: as if none were installed
        }
    }

    static Optional<ServiceJvm> ofHome(Path home) {
        Path java = home.resolve("bin").resolve("java");
        Path release = home.resolve("release");
        if (!Files.isExecutable(java) || !Files.isRegularFile(release)) {
            return Optional.empty();
        }
        try {
            Matcher m = RELEASE_VERSION.matcher(Files.readString(release));
            return m.find() ? Optional.of(new ServiceJvm(java, m.group(1), home.toString())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p;
        }
    }
}
