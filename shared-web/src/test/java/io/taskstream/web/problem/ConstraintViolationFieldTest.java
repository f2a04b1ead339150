package io.taskstream.web.problem;

import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How a bean-validation path becomes the {@code field} of a problem's error. */
class ConstraintViolationFieldTest {

    @Test
    void aNestedBodyFieldKeepsItsParents() {
        assertThat(field(method(), parameter("body"), property("recurrence", false, null), property("rrule", false, null)))
                .isEqualTo("recurrence.rrule");
    }

    @Test
    void anElementOfAListIsIndexedOnTheList() {
        assertThat(field(method(), parameter("body"), property("items", false, null), property("dueAt", true, 0)))
                .isEqualTo("items[0].due_at");
        assertThat(field(method(), parameter("body"), property("tags", false, null), node("<list element>", ElementKind.CONTAINER_ELEMENT, true, 2)))
                .isEqualTo("tags[2]");
    }

    @Test
    void aQueryParameterIsNamedAsItIs() {
        assertThat(field(method(), parameter("limit"))).isEqualTo("limit");
    }

    private static String field(Path.Node... nodes) {
        return ConstraintViolationProblemHandler.fieldOf(List.of(nodes));
    }

    private static Path.Node method() {
        return node("create", ElementKind.METHOD, false, null);
    }

    private static Path.Node parameter(String name) {
        return node(name, ElementKind.PARAMETER, false, null);
    }

    private static Path.Node property(String name, boolean inIterable, Integer index) {
        return node(name, ElementKind.PROPERTY, inIterable, index);
    }

    private static Path.Node node(String name, ElementKind kind, boolean inIterable, Integer index) {
        return new Path.Node() {
            public String getName() { return name; }
            public boolean isInIterable() { return inIterable; }
            public Integer getIndex() { return index; }
            public Object getKey() { return null; }
            public ElementKind getKind() { return kind; }
            public <T extends Path.Node> T as(Class<T> type) { throw new UnsupportedOperationException(); }
        };
    }
}
