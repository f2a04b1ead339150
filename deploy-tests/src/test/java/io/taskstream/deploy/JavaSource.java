package io.taskstream.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Just enough reading of Java source text for the derivations: annotation arguments, literals, constants. */
final class JavaSource {

    private static final Pattern STRING = Pattern.compile("\"([^\"]*)\"");

    private JavaSource() {
    }

    /** The argument text of every {@code name(...)} in {@code code}, nested parentheses included. */
    static List<String> annotations(String code, String name) {
        List<String> found = new ArrayList<>();
        for (int start = code.indexOf(name + "("); start >= 0; start = code.indexOf(name + "(", start + 1)) {
            int depth = 0;
            for (int i = start + name.length(); i < code.length(); i++) {
                char c = code.charAt(i);
                depth += c == '(' ? 1 : c == ')' ? -1 : 0;
                if (depth == 0) {
                    found.add(code.substring(start + name.length() + 1, i));
                    break;
                }
            }
        }
        return found;
    }

    static List<String> stringLiterals(String text) {
        List<String> literals = new ArrayList<>();
        Matcher m = STRING.matcher(text);
        while (m.find()) {
            literals.add(m.group(1));
        }
        return literals;
    }

    /** The value of {@code String <name> = "..."} declared in {@code code}, or null. */
    static String constant(String code, String name) {
        Matcher m = Pattern.compile("String\\s+" + Pattern.quote(name) + "\\s*=\\s*\"([^\"]*)\"").matcher(code);
        return m.find() ? m.group(1) : null;
    }
}
