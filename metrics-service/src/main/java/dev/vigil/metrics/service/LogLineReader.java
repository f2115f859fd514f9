package dev.vigil.metrics.service;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads an access log line by line, like {@code BufferedReader.readLine} (a line ends at
 * {@code \n}, {@code \r} or {@code \r\n}), but keeps at most {@code maxLength} characters of a
 * line: a body that is one endless line must not have to fit in memory to be refused.
 */
final class LogLineReader {

    /** A line, or its first {@code maxLength} characters when {@code tooLong}. */
    record Line(String text, boolean tooLong) {
    }

    private final Reader in;
    private final int maxLength;
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;
    private boolean afterCarriageReturn;

    LogLineReader(Reader in, int maxLength) {
        this.in = in;
        this.maxLength = maxLength;
    }

    /** The next line, or null at the end of the log. */
    Line next() throws IOException {
        StringBuilder text = new StringBuilder();
        boolean started = false;
        boolean tooLong = false;
        while (fill()) {
            char c = buffer[position++];
            // \r\n is one line end: the \n right after a \r ends nothing.
            boolean skip = afterCarriageReturn && c == '\n';
            afterCarriageReturn = c == '\r';
            if (skip) {
                continue;
            }
            if (c == '\n' || c == '\r') {
                return new Line(text.toString(), tooLong);
            }
            started = true;
            if (text.length() < maxLength) {
                text.append(c);
            } else {
                tooLong = true;
            }
        }
        return started ? new Line(text.toString(), tooLong) : null;
    }

    /** Whether a character is ready to read, reading more of the log when needed. */
    private boolean fill() throws IOException {
        while (position == limit) {
            int read = in.read(buffer);
            if (read < 0) {
                return false;
            }
            position = 0;
            limit = read;
        }
        return true;
    }
}
