package io.taskstream.deploy;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What deploy-tests needs from a module's pom.xml. */
record ServicePom(Path dir, Element project) {

    static ServicePom of(Path moduleDir) {
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(false);
            var doc = factory.newDocumentBuilder().parse(moduleDir.resolve("pom.xml").toFile());
            return new ServicePom(moduleDir, doc.getDocumentElement());
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + moduleDir.resolve("pom.xml"), e);
        }
    }

    String artifactId() {
        return text(project, "artifactId");
    }

    /** The {@code <version>} directly under {@code <project>}, else the parent's (inherited). */
    String version() {
        String own = text(project, "version");
        return own != null ? own : text(child(project, "parent"), "version");
    }

    List<String> modules() {
        return children(child(project, "modules"), "module").stream().map(Node::getTextContent).map(String::trim).toList();
    }

    /** Modules of this repository that this one needs at run time, transitively (test scope excluded). */
    Set<String> taskstreamDependencies() {
        Set<String> found = new LinkedHashSet<>();
        for (Element dep : children(child(project, "dependencies"), "dependency")) {
            String scope = text(dep, "scope");
            if ("io.taskstream".equals(text(dep, "groupId")) && !"test".equals(scope) && !"provided".equals(scope)
                    && text(dep, "type") == null) {
                String module = text(dep, "artifactId");
                if (found.add(module)) {
                    found.addAll(of(Repo.ROOT.resolve(module)).taskstreamDependencies());
                }
            }
        }
        return found;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent().trim();
    }

    private static Element child(Element parent, String name) {
        List<Element> all = children(parent, name);
        return all.isEmpty() ? null : all.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        if (parent == null) {
            return out;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                out.add(e);
            }
        }
        return out;
    }
}
