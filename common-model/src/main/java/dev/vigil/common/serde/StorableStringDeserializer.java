package dev.vigil.common.serde;

import com.fasterxml.jackson.databind.deser.std.StringDeserializer;

/**
 * Reads a string and refuses what Postgres text cannot hold as given: a NUL character fails
 * the statement after the value was accepted, and a lone UTF-16 surrogate (JSON's
 * {@code \ud800}) is stored as {@code ?}, so two different values would become one. Events and
 * APIs use it alike.
 */
public final class StorableStringDeserializer extends RefusingDeserializer<String> {

    public StorableStringDeserializer() {
        super(String.class, StringDeserializer.instance);
    }

    @Override
    String refusal(String value) {
        return problemOf(value);
    }

    /** What makes the text unstorable, or null when nothing does. */
    public static String problemOf(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\0') {
                return "must not contain NUL characters";
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must be valid Unicode (it has a lone surrogate)";
            }
        }
        return null;
    }
}
