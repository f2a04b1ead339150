package io.taskstream.deploy;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment variables a service reads, derived from its sources and those of the repository
 * modules it runs with (its pom's io.taskstream dependencies, transitively): {@code ${ENV:default}}
 * placeholders in the main {@link ServiceConfig#FILES} and main XML resources (logback), and in main Java code {@code System.getenv},
 * {@code ${property}} placeholders ({@code @Value}, {@code @Property}, {@code @Topic}, ...) and
 * {@code @Requires(property = ...)}. Micronaut maps a property to the environment by upper-casing
 * it and turning '.' and '-' into '_' (kafka.sasl.password is KAFKA_SASL_PASSWORD).
 */
final class EnvKeys {

    /**
     * Read by the platform rather than by the service's configuration, so no scan can find them:
     * MICRONAUT_ENVIRONMENTS (Micronaut chooses its environments, k8s loads application-k8s.yml)
     * and JAVA_TOOL_OPTIONS (the JVM).
     */
    static final Set<String> PLATFORM = Set.of("MICRONAUT_ENVIRONMENTS", "JAVA_TOOL_OPTIONS");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.\\-]+)");
    private static final Pattern GETENV = Pattern.compile("getenv\\(\\s*\"([A-Za-z0-9_]+)\"");
    private static final Pattern REQUIRES = Pattern.compile("property\\s*=\\s*\"([a-z0-9.\\-]+)\"");

    private EnvKeys() {
    }

    static Set<String> readBy(String service) {
        Set<String> modules = new LinkedHashSet<>();
        modules.add(service);
        modules.addAll(ServicePom.of(Repo.ROOT.resolve(service)).taskstreamDependencies());
        Set<String> keys = new TreeSet<>(PLATFORM);
        for (String module : modules) {
            Path main = Repo.ROOT.resolve(module).resolve("src/main");
            for (String file : ServiceConfig.FILES) {
                Path config = main.resolve("resources").resolve(file);
                if (config.toFile().isFile()) {
                    collect(PLACEHOLDER, Repo.read(config), keys);
                }
            }
            // Logging setup reads the environment too (LOG_FORMAT in shared-messaging's taskstream-logback.xml).
            for (Path xml : Repo.files(main.resolve("resources"), ".xml")) {
                collect(PLACEHOLDER, Repo.read(xml), keys);
            }
            for (Path java : Repo.files(main.resolve("java"), ".java")) {
                String code = Repo.read(java);
                collect(PLACEHOLDER, code, keys);
                collect(GETENV, code, keys);
                collect(REQUIRES, code, keys);
            }
        }
        return keys;
    }

    private static void collect(Pattern pattern, String text, Set<String> keys) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            keys.add(toEnv(m.group(1)));
        }
    }

    static String toEnv(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
