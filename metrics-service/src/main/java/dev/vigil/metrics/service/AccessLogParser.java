package dev.vigil.metrics.service;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one line of an Apache/Nginx access log in combined (or common) format, optionally
 * followed by a request time: seconds with a decimal point ({@code $request_time}, e.g.
 * {@code 0.125}) or whole microseconds ({@code %D}, e.g. {@code 125000}).
 */
public final class AccessLogParser {

    private static final String QUOTED = "\"((?:[^\"\\\\]|\\\\.)*)\"";
    private static final Pattern LINE = Pattern.compile("^(\\S+) (\\S+) (\\S+) \\[([^\\]]+)\\] "
            + QUOTED + " (\\d{3}) (\\d+|-)(?: " + QUOTED + " " + QUOTED + ")?"
            + "(?: (\\d+\\.\\d+|\\d+))?\\s*$");
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);

    private AccessLogParser() {
    }

    /** One parsed line. {@code responseTimeMs} is null when the line carries no time. */
    public record LogLine(
            Instant occurredAt,
            String method,
            String target,
            int status,
            Long responseTimeMs,
            String user) {
    }

    /**
     * The fields of the line.
     *
     * @throws IllegalArgumentException with a reason fit to show the caller
     */
    public static LogLine parse(String line) {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            throw new IllegalArgumentException("not in combined or common log format");
        }
        Instant at = time(m.group(4));
        String[] request = m.group(5).split(" ");
        if (request.length < 2 || request.length > 3 || request[1].isEmpty()) {
            throw new IllegalArgumentException("request line is not 'METHOD PATH PROTOCOL': "
                    + abbreviate(m.group(5)));
        }
        int status = Integer.parseInt(m.group(6));
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status " + status + " is not an HTTP status");
        }
        String user = "-".equals(m.group(3)) ? null : m.group(3);
        return new LogLine(at, request[0], request[1], status, responseTime(m.group(10)), user);
    }

    private static Instant time(String text) {
        try {
            return OffsetDateTime.parse(text, TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("time '" + text
                    + "' is not like 10/Oct/2000:13:55:36 -0700");
        }
    }

    private static Long responseTime(String text) {
        if (text == null) {
            return null;
        }
        if (text.indexOf('.') >= 0) {
            return Math.round(Double.parseDouble(text) * 1000);
        }
        // %D is microseconds; whole milliseconds are what every record stores.
        return Math.round(Long.parseLong(text) / 1000.0);
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }
}
