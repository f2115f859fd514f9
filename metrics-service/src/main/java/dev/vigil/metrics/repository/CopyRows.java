package dev.vigil.metrics.repository;

import java.nio.charset.StandardCharsets;

/**
 * Rows in Postgres' COPY text format: tab-separated columns, {@code \N} for null, and the
 * backslash, tab, newline and carriage return of values escaped.
 */
final class CopyRows {

    private final StringBuilder text = new StringBuilder(1 << 16);
    private boolean lineStarted;

    /** Adds a text column (null allowed). */
    CopyRows text(String value) {
        separate();
        if (value == null) {
            text.append("\\N");
            return this;
        }
        if (!needsEscape(value)) {
            text.append(value);
            return this;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
        return this;
    }

    /** Adds a number column (null allowed). */
    CopyRows number(Long value) {
        separate();
        if (value == null) {
            text.append("\\N");
        } else {
            text.append(value.longValue());
        }
        return this;
    }

    /** Ends the current row. */
    CopyRows endRow() {
        text.append('\n');
        lineStarted = false;
        return this;
    }

    byte[] bytes() {
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static boolean needsEscape(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    private void separate() {
        if (lineStarted) {
            text.append('\t');
        }
        lineStarted = true;
    }
}
