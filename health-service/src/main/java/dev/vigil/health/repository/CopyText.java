package dev.vigil.health.repository;

/** Writes values in Postgres' COPY text format: backslash escapes, {@code \N} for null. */
final class CopyText {

    private CopyText() {
    }

    /** Appends one field; NUL characters, which Postgres text cannot hold, are dropped. */
    static StringBuilder field(StringBuilder out, String value) {
        if (value == null) {
            return out.append("\\N");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\0' -> {
                }
                default -> out.append(c);
            }
        }
        return out;
    }
}
