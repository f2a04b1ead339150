package io.taskstream.deploy;

import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** The objects {@code kubectl kustomize <dir>} renders, parsed. Fails (never skips) without kubectl. */
final class RenderedManifests {

    private static final Map<Path, RenderedManifests> CACHE = new ConcurrentHashMap<>();

    final String source;
    final List<Map<String, Object>> objects;

    private RenderedManifests(String source, List<Map<String, Object>> objects) {
        this.source = source;
        this.objects = objects;
    }

    /** {@code deploy/<relative>} rendered, e.g. {@code overlays/dev}. */
    static RenderedManifests of(String relative) {
        return CACHE.computeIfAbsent(Repo.deploy().resolve(relative).normalize(), RenderedManifests::render);
    }

    static RenderedManifests overlay(String name) {
        return of("overlays/" + name);
    }

    @SuppressWarnings("unchecked")
    private static RenderedManifests render(Path dir) {
        String yaml = kustomize(dir);
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : new Yaml().loadAll(yaml)) {
            if (doc != null) {
                docs.add((Map<String, Object>) doc);
            }
        }
        return new RenderedManifests(Repo.ROOT.relativize(dir).toString(), List.copyOf(docs));
    }

    static String kustomize(Path dir) {
        Process process;
        Path errors;
        try {
            errors = java.nio.file.Files.createTempFile("kustomize", ".err");
            errors.toFile().deleteOnExit();
            process = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectError(errors.toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("kubectl is needed to render deploy/ (kubectl kustomize) but could not be run: "
                    + e.getMessage() + ". Install kubectl (v1.27+, with kustomize v5) on the PATH.", e);
        }
        try {
            var out = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + dir + " failed:\n" + Repo.read(errors));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("kubectl kustomize " + dir + " failed", e);
        }
    }

    List<Map<String, Object>> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(Y.kind(o))).toList();
    }

    Optional<Map<String, Object>> find(String kind, String name) {
        return ofKind(kind).stream().filter(o -> name.equals(Y.name(o))).findFirst();
    }

    Map<String, Object> get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError(source + " renders no " + kind + " named " + name));
    }

    /** The Deployment's first container (each service runs one). */
    Map<String, Object> container(String deployment) {
        return Y.map(get("Deployment", deployment), "spec", "template", "spec", "containers", 0);
    }

    /** Every environment variable a Deployment's container sees: env entries plus envFrom ConfigMap keys. */
    Map<String, Object> environment(String deployment) {
        Map<String, Object> env = new java.util.LinkedHashMap<>();
        for (Object from : Y.list(container(deployment), "envFrom")) {
            String cm = Y.str(from, "configMapRef", "name");
            if (cm == null) {
                throw new AssertionError(deployment + ": only configMapRef envFrom is expected, got " + from);
            }
            env.putAll(Y.map(get("ConfigMap", cm), "data"));
        }
        for (Object e : Y.list(container(deployment), "env")) {
            env.put(Y.str(e, "name"), Y.at(e, "value") != null ? Y.at(e, "value") : Y.map(e, "valueFrom"));
        }
        return env;
    }

    /** The value of a plain (ConfigMap or literal) variable, or null. */
    String plainEnv(String deployment, String name) {
        Object v = environment(deployment).get(name);
        return v instanceof Map<?, ?> ? null : v == null ? null : String.valueOf(v);
    }
}
