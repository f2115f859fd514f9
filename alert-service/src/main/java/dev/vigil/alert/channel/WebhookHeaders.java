package dev.vigil.alert.channel;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.vigil.kit.problem.ProblemException;

/**
 * The extra headers an admin gives a webhook channel. A name must be an HTTP token and a value
 * free of control characters, so no header can smuggle a line break into the request.
 */
public final class WebhookHeaders {

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    /**
     * Visible ASCII, spaces and tabs: no CR, LF or NUL, and nothing beyond ASCII, which the
     * JDK client refuses to send (RFC 9110 calls other octets obsolete).
     */
    private static final Pattern VALUE = Pattern.compile("[\\x20-\\x7E\\t]*");
    private static final int MAX_VALUE_LENGTH = 8192;
    /**
     * Headers the JDK client refuses to set (it would fail every delivery) and headers every
     * notification already carries (a second copy would contradict the first).
     */
    private static final Set<String> RESERVED = Set.of("connection", "content-length", "expect",
            "host", "upgrade", "content-type", "idempotency-key", "x-vigil-alert-id");

    private WebhookHeaders() {
    }

    /** Throws a 400 naming {@code headers.<name>} for the first bad header. */
    public static void check(Map<String, String> headers) {
        headers.forEach(WebhookHeaders::check);
    }

    private static void check(String name, String value) {
        String field = "headers." + name;
        if (name == null || !TOKEN.matcher(name).matches()) {
            throw ProblemException.invalidField(field,
                    "the name must be an HTTP token: letters, digits and !#$%&'*+-.^_`|~");
        }
        if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
            throw ProblemException.invalidField(field, "is set by Vigil and cannot be given");
        }
        if (value == null) {
            throw ProblemException.invalidField(field, "a value is required");
        }
        if (value.length() > MAX_VALUE_LENGTH || !VALUE.matcher(value).matches()) {
            throw ProblemException.invalidField(field, "the value must be at most "
                    + MAX_VALUE_LENGTH + " characters of visible ASCII, spaces and tabs");
        }
    }
}
