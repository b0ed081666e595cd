package io.inetty.protocols.whoami;

/** Writes one JSON object on one line: string members (escaped) and null, nested objects. */
final class JsonLine {
    private final StringBuilder out = new StringBuilder(256).append('{');
    private boolean first = true;

    JsonLine member(String name, String value) {
        key(name);
        if (value == null) {
            out.append("null");
        } else {
            string(value);
        }
        return this;
    }

    /** Starts a nested object under {@code name}; end it with {@link #end()}. */
    JsonLine object(String name) {
        key(name);
        out.append('{');
        first = true;
        return this;
    }

    JsonLine end() {
        out.append('}');
        first = false;
        return this;
    }

    /** The object and a newline. */
    String line() {
        return out + "}\n";
    }

    private void key(String name) {
        if (!first) {
            out.append(',');
        }
        first = false;
        string(name);
        out.append(':');
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7F || c == '\u2028' || c == '\u2029') {
                        out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
