package io.inetty.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A strict little JSON parser for the tests (objects, arrays, strings, numbers, true/false/null). */
final class MiniJson {
    private final String s;
    private int i;

    private MiniJson(String s) {
        this.s = s;
    }

    /** Parses one JSON value that must make up the whole text (surrounding whitespace allowed). */
    static Object parse(String text) {
        MiniJson p = new MiniJson(text);
        Object v = p.value();
        p.ws();
        if (p.i != text.length()) {
            throw new IllegalArgumentException("trailing text at " + p.i);
        }
        return v;
    }

    private Object value() {
        ws();
        char c = s.charAt(i);
        if (c == '{') {
            Map<String, Object> m = new LinkedHashMap<>();
            items('}', () -> {
                ws();
                String key = string();
                ws();
                expect(':');
                if (m.put(key, value()) != null) {
                    throw new IllegalArgumentException("duplicate key " + key);
                }
            });
            return m;
        }
        if (c == '[') {
            List<Object> l = new ArrayList<>();
            items(']', () -> l.add(value()));
            return l;
        }
        if (c == '"') {
            return string();
        }
        for (String word : new String[] {"true", "false", "null"}) {
            if (s.startsWith(word, i)) {
                i += word.length();
                return word.equals("null") ? null : Boolean.valueOf(word);
            }
        }
        int start = i;
        while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        return Double.parseDouble(s.substring(start, i));
    }

    private String string() {
        expect('"');
        StringBuilder b = new StringBuilder();
        while (s.charAt(i) != '"') {
            char c = s.charAt(i++);
            if (c == '\\') {
                char e = s.charAt(i++);
                b.append(e == 'u' ? (char) Integer.parseInt(s.substring(i, i += 4), 16)
                        : e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e);
            } else if (c < 0x20) {
                throw new IllegalArgumentException("control character in string at " + (i - 1));
            } else {
                b.append(c);
            }
        }
        i++;
        return b.toString();
    }

    /** The items of an object or array, up to {@code close}, separated by commas. */
    private void items(char close, Runnable item) {
        i++;
        ws();
        if (s.charAt(i) == close) {
            i++;
            return;
        }
        do {
            item.run();
            ws();
        } while (s.charAt(i++) == ',');
        if (s.charAt(i - 1) != close) {
            throw new IllegalArgumentException("expected " + close + " at " + (i - 1));
        }
    }

    private void expect(char c) {
        if (s.charAt(i++) != c) {
            throw new IllegalArgumentException("expected " + c + " at " + (i - 1));
        }
    }

    private void ws() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
    }
}
