package io.taskstream.deploy;

import org.yaml.snakeyaml.Yaml;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service's configuration as it runs in Kubernetes: its main {@code application.yml} overlaid by
 * {@code application-k8s.yml}, flattened to dotted keys; {@code value} resolves placeholders to
 * their defaults ({@code ${MICRONAUT_SERVER_PORT:8080}} is 8080).
 */
final class ServiceConfig {

    /** The files Micronaut reads in the k8s environment (MICRONAUT_ENVIRONMENTS=k8s). */
    static final List<String> FILES = List.of("application.yml", "application-k8s.yml");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^:}]+)(?::([^}]*))?}");

    final String service;
    private final Map<String, Object> flat;

    private ServiceConfig(String service, Map<String, Object> flat) {
        this.service = service;
        this.flat = flat;
    }

    static ServiceConfig of(String service) {
        Map<String, Object> flat = new LinkedHashMap<>();
        for (String file : FILES) {
            Path path = Repo.ROOT.resolve(service).resolve("src/main/resources").resolve(file);
            if (Files.exists(path)) {
                flatten("", new Yaml().load(Repo.read(path)), flat);
            }
        }
        return new ServiceConfig(service, flat);
    }

    private static void flatten(String prefix, Object node, Map<String, Object> out) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, out));
        } else {
            out.put(prefix, node);
        }
    }

    Object raw(String key) {
        return flat.get(key);
    }

    /** The value with placeholders replaced by their defaults (backticks dropped); null if the key is absent. */
    String value(String key) {
        Object raw = flat.get(key);
        return raw == null ? null : resolve(String.valueOf(raw));
    }

    static String resolve(String raw) {
        Matcher m = PLACEHOLDER.matcher(raw);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String fallback = m.group(2) == null ? "" : m.group(2).replace("`", "");
            m.appendReplacement(out, Matcher.quoteReplacement(fallback));
        }
        return m.appendTail(out).toString();
    }

    /** The environment variable a key's placeholder names: {@code ${API_SERVICE_URL:...}} gives API_SERVICE_URL. */
    Optional<String> placeholderOf(String key) {
        Object raw = flat.get(key);
        Matcher m = PLACEHOLDER.matcher(raw == null ? "" : String.valueOf(raw));
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    List<String> list(String key) {
        return Y.list(flat.get(key)).stream().map(String::valueOf).toList();
    }

    /** Names directly below {@code prefix}: {@code micronaut.http.services} gives {@code [api-service]}. */
    Set<String> childrenOf(String prefix) {
        Set<String> names = new TreeSet<>();
        flat.keySet().stream().filter(k -> k.startsWith(prefix + "."))
                .forEach(k -> names.add(k.substring(prefix.length() + 1).split("\\.")[0]));
        return names;
    }

    boolean isFalse(String key) {
        return "false".equals(value(key));
    }

    int port() {
        String port = value("micronaut.server.port");
        if (port == null || port.isBlank()) {
            throw new AssertionError(service + ": no micronaut.server.port default in application.yml");
        }
        return Integer.parseInt(port);
    }

    /** The database in the default datasource URL ({@code jdbc:postgresql://host:5433/taskstream_api} gives taskstream_api). */
    Optional<String> database() {
        String url = value("datasources.default.url");
        if (url == null) {
            return Optional.empty();
        }
        String path = url.substring(url.lastIndexOf('/') + 1);
        return Optional.of(path.contains("?") ? path.substring(0, path.indexOf('?')) : path);
    }
}
