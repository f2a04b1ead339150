package io.taskstream.audit.query;

import java.util.ArrayList;
import java.util.List;

/** A strict RFC 4180 reader for checking exports: quoted fields may hold commas, quotes and line breaks. */
final class Csv {

    private Csv() {
    }

    static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                if (field.length() > 0) {
                    throw new IllegalArgumentException("quote inside an unquoted field at " + i);
                }
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else if (c == '\r' || c == '\n') {
                throw new IllegalArgumentException("bare line break outside quotes at " + i);
            } else {
                field.append(c);
            }
        }
        if (quoted || field.length() > 0 || !row.isEmpty()) {
            throw new IllegalArgumentException("the text does not end with CRLF after a complete row");
        }
        return rows;
    }
}
