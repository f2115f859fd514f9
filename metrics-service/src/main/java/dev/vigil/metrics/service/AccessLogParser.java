package dev.vigil.metrics.service;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Locale;

/**
 * Reads one line of an Apache/Nginx access log in combined (or common) format, optionally
 * followed by a request time: seconds with a decimal point ({@code $request_time}, e.g.
 * {@code 0.125}) or whole microseconds ({@code %D}, e.g. {@code 125000}).
 *
 * <p>The line is scanned once from left to right ({@link LogLineScanner}) rather than matched
 * by a regular expression: a backtracking pattern with a repeated group recursed once per
 * character of a quoted field and overflowed the stack on a 4,000-character path.
 */
public final class AccessLogParser {

    // Strict, so an impossible date such as 31/Feb is refused rather than moved to 28/Feb.
    private static final DateTimeFormatter TIME = DateTimeFormatter
            .ofPattern("dd/MMM/uuuu:HH:mm:ss Z", Locale.ENGLISH)
            .withResolverStyle(ResolverStyle.STRICT);
    private static final BigDecimal MAX_RESPONSE_TIME_MS =
            BigDecimal.valueOf(UsageValidator.MAX_RESPONSE_TIME_MS);

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
     * @throws InvalidRecordException naming the field that is wrong, in words fit to show
     */
    public static LogLine parse(String line) {
        LogLineScanner scan = new LogLineScanner(line);

        String user = user(scan);
        Instant at = time(scan);
        String[] request = request(scan);
        int status = status(scan);
        bytes(scan);
        Long responseTimeMs = responseTime(scan);

        return new LogLine(at, request[0], request[1], status, responseTimeMs, user);
    }

    /** Host, ident and user come first; only the user is kept, {@code -} meaning none. */
    private static String user(LogLineScanner scan) {
        scan.word("host");
        scan.space("ident");
        scan.word("ident");
        scan.space("user");
        String user = scan.word("user");
        return "-".equals(user) ? null : user;
    }

    private static Instant time(LogLineScanner scan) {
        scan.space("time");
        String text = scan.bracketed("time");
        try {
            return OffsetDateTime.parse(text, TIME).toInstant();
        } catch (DateTimeException e) {
            throw new InvalidRecordException("time", "not like 10/Oct/2000:13:55:36 -0700");
        }
    }

    /** The method and the target of the quoted request line. */
    private static String[] request(LogLineScanner scan) {
        scan.space("request");
        String[] parts = scan.quoted("request").split(" ");
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new InvalidRecordException("request", "not like GET /path HTTP/1.1");
        }
        return parts;
    }

    private static int status(LogLineScanner scan) {
        scan.space("status");
        String text = scan.word("status");
        if (!isDigits(text)) {
            throw new InvalidRecordException("status", "not a number");
        }
        if (text.length() != 3 || text.charAt(0) < '1' || text.charAt(0) > '5') {
            throw new InvalidRecordException("status", "not an HTTP status (100 to 599)");
        }
        return Integer.parseInt(text);
    }

    /** The size of the response: checked so a corrupt line is refused, but not kept. */
    private static void bytes(LogLineScanner scan) {
        scan.space("bytes");
        String text = scan.word("bytes");
        if ("-".equals(text)) {
            return;
        }
        if (!isDigits(text)) {
            throw new InvalidRecordException("bytes", "not a number");
        }
        if (new BigInteger(text).bitLength() >= Long.SIZE) {
            throw new InvalidRecordException("bytes", "out of range");
        }
    }

    /** The optional referrer and user agent, then the optional request time, then the end. */
    private static Long responseTime(LogLineScanner scan) {
        if (scan.atEnd()) {
            return null;
        }
        scan.space("referrer");
        if (scan.at('"')) {
            scan.quoted("referrer");
            scan.space("userAgent");
            scan.quoted("userAgent");
            if (scan.atEnd()) {
                return null;
            }
            scan.space("requestTime");
        }
        Long ms = milliseconds(scan.word("requestTime"));
        if (!scan.atEnd()) {
            throw new InvalidRecordException("line", "unexpected text after the request time");
        }
        return ms;
    }

    private static Long milliseconds(String text) {
        if (!isDecimal(text)) {
            throw new InvalidRecordException("requestTime", "not a number");
        }
        BigDecimal value = new BigDecimal(text);
        // $request_time is seconds with a decimal point, %D whole microseconds; every record
        // stores whole milliseconds.
        BigDecimal ms = text.indexOf('.') >= 0 ? value.movePointRight(3) : value.movePointLeft(3);
        ms = ms.setScale(0, RoundingMode.HALF_UP);
        if (ms.compareTo(MAX_RESPONSE_TIME_MS) > 0) {
            throw new InvalidRecordException("requestTime", "out of range (0 to 86400 seconds)");
        }
        return ms.longValueExact();
    }

    /** Digits, or digits, a point and digits; ASCII only, as in a log. */
    private static boolean isDecimal(String text) {
        int dot = text.indexOf('.');
        if (dot < 0) {
            return isDigits(text);
        }
        return isDigits(text.substring(0, dot)) && isDigits(text.substring(dot + 1));
    }

    private static boolean isDigits(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
