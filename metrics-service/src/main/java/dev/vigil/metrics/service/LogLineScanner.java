package dev.vigil.metrics.service;

/**
 * A cursor over one access-log line that reads its fields left to right. Each step looks at
 * every character at most once and nothing recurses, so the cost grows with the line's length
 * and no line, however long or odd, can exhaust the stack. A field that is not there fails
 * with an {@link InvalidRecordException} naming it.
 */
final class LogLineScanner {

    private final String line;
    private int position;

    LogLineScanner(String line) {
        this.line = line;
    }

    /** A run of characters up to the next whitespace; at least one. */
    String word(String field) {
        int start = position;
        while (position < line.length() && !isWhitespace(line.charAt(position))) {
            position++;
        }
        if (position == start) {
            throw new InvalidRecordException(field, "missing");
        }
        return line.substring(start, position);
    }

    /** The single space in front of the next field. */
    void space(String nextField) {
        if (!next(' ')) {
            throw new InvalidRecordException(nextField, "missing");
        }
    }

    /** The text between {@code [} and the next {@code ]}, which must not be empty. */
    String bracketed(String field) {
        if (!next('[')) {
            throw new InvalidRecordException(field, "missing");
        }
        int end = line.indexOf(']', position);
        if (end < 0) {
            throw new InvalidRecordException(field, "no closing ]");
        }
        if (end == position) {
            throw new InvalidRecordException(field, "empty");
        }
        String text = line.substring(position, end);
        position = end + 1;
        return text;
    }

    /**
     * The text between double quotes. A backslash escapes the character after it; the escapes
     * are kept as the log wrote them.
     */
    String quoted(String field) {
        if (!next('"')) {
            throw new InvalidRecordException(field, "not in quotes");
        }
        int start = position;
        while (position < line.length() && line.charAt(position) != '"') {
            position += line.charAt(position) == '\\' ? 2 : 1;
        }
        if (position >= line.length()) {
            throw new InvalidRecordException(field, "no closing quote");
        }
        String text = line.substring(start, position);
        position++;
        return text;
    }

    /** Whether the next character is {@code c}. */
    boolean at(char c) {
        return position < line.length() && line.charAt(position) == c;
    }

    /** Whether only whitespace is left. */
    boolean atEnd() {
        for (int i = position; i < line.length(); i++) {
            if (!isWhitespace(line.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private boolean next(char c) {
        if (!at(c)) {
            return false;
        }
        position++;
        return true;
    }

    /** The whitespace of {@code \s} in a regular expression: ASCII only. */
    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }
}
