package dev.vigil.health.check.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonPointer;

import dev.vigil.health.check.CheckSettings;
import dev.vigil.health.safety.OutboundPolicy;
import dev.vigil.kit.problem.Violation;

/**
 * Settings of an HTTP check. Absent optional fields take the defaults their accessors return.
 *
 * @param expectedStatuses accepted statuses; absent means 200–399
 * @param jsonValue the text the node at {@code jsonPointer} must equal
 * @param certMinDaysLeft fail (TLS) when the server certificate expires in fewer days
 * @param maxBodyBytes body bytes read at most; absent means
 *     {@code vigil.health.http.max-body-bytes}
 */
public record HttpSettings(
        String url,
        String method,
        Map<String, String> headers,
        String body,
        List<Integer> expectedStatuses,
        String bodyContains,
        String jsonPointer,
        String jsonValue,
        Boolean followRedirects,
        Boolean tlsVerify,
        Integer certMinDaysLeft,
        Integer maxBodyBytes) implements CheckSettings {

    private static final Set<String> METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final int MAX_BODY_LIMIT = 16 * 1024 * 1024;
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern HEADER_VALUE = Pattern.compile("[\\x20-\\x7E\\t]*");
    private static final Set<String> COMPUTED_HEADERS = Set.of("host", "content-length",
            "transfer-encoding", "connection");

    @Override
    public String method() {
        return method == null ? "GET" : method;
    }

    @Override
    public Map<String, String> headers() {
        return headers == null ? Map.of() : headers;
    }

    @Override
    public Boolean followRedirects() {
        return followRedirects == null || followRedirects;
    }

    @Override
    public Boolean tlsVerify() {
        return tlsVerify == null || tlsVerify;
    }

    @Override
    public Integer certMinDaysLeft() {
        return certMinDaysLeft == null ? 0 : certMinDaysLeft;
    }

    /** Whether a status counts as success. */
    public boolean accepts(int status) {
        if (expectedStatuses == null || expectedStatuses.isEmpty()) {
            return status >= 200 && status <= 399;
        }
        return expectedStatuses.contains(status);
    }

    @Override
    public List<Violation> validate() {
        List<Violation> violations = new ArrayList<>();
        validateUrl(violations);
        if (!METHODS.contains(method())) {
            violations.add(new Violation("settings.method", "must be one of " + METHODS));
        }
        if (expectedStatuses != null && expectedStatuses.stream()
                .anyMatch(s -> s == null || s < 100 || s > 599)) {
            violations.add(new Violation("settings.expectedStatuses",
                    "must be HTTP statuses between 100 and 599"));
        }
        validatePointer(violations);
        validateHeaders(violations);
        if (certMinDaysLeft() < 0 || certMinDaysLeft() > 3650) {
            violations.add(new Violation("settings.certMinDaysLeft",
                    "must be between 0 and 3650"));
        }
        if (maxBodyBytes != null && (maxBodyBytes < 1 || maxBodyBytes > MAX_BODY_LIMIT)) {
            violations.add(new Violation("settings.maxBodyBytes",
                    "must be between 1 and " + MAX_BODY_LIMIT));
        }
        return violations;
    }

    @Override
    public List<Destination> destinations() {
        URI uri = parsedUri();
        return uri == null || uri.getHost() == null
                ? List.of()
                : List.of(new Destination("settings.url", uri.getHost()));
    }

    /** The URL as a URI, or null when it does not parse. */
    public URI parsedUri() {
        if (url == null) {
            return null;
        }
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private void validateUrl(List<Violation> violations) {
        if (url == null || url.isBlank()) {
            violations.add(new Violation("settings.url", "is required"));
            return;
        }
        URI uri = parsedUri();
        if (uri == null || !uri.isAbsolute()) {
            violations.add(new Violation("settings.url", "must be an absolute URL"));
        } else if (!OutboundPolicy.isHttpScheme(uri.getScheme())) {
            violations.add(new Violation("settings.url", "scheme must be http or https"));
        } else if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            violations.add(new Violation("settings.url", "must name a host and no user info"));
        } else if (uri.getPort() != -1 && (uri.getPort() < 1 || uri.getPort() > 65_535)) {
            violations.add(new Violation("settings.url", "port must be from 1 to 65535"));
        }
    }

    /**
     * Header names must be HTTP tokens and values visible ASCII, spaces and tabs, so no header
     * smuggles a line break into the request; the headers the client computes itself (Host,
     * Content-Length, Transfer-Encoding, Connection) cannot be given, as a wrong one would make
     * the target wait for a body that never comes.
     */
    private void validateHeaders(List<Violation> violations) {
        headers().forEach((name, value) -> {
            String field = "settings.headers." + name;
            if (name == null || !HEADER_NAME.matcher(name).matches()) {
                violations.add(new Violation(field, "name must be an HTTP token"));
            } else if (COMPUTED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                violations.add(new Violation(field, "is set by the check itself"));
            } else if (value == null || !HEADER_VALUE.matcher(value).matches()) {
                violations.add(new Violation(field,
                        "value must be visible ASCII, spaces and tabs"));
            }
        });
    }

    private void validatePointer(List<Violation> violations) {
        if (jsonPointer != null) {
            try {
                JsonPointer.compile(jsonPointer);
            } catch (IllegalArgumentException e) {
                violations.add(new Violation("settings.jsonPointer",
                        "must be a JSON pointer such as /status"));
            }
        }
        if (jsonValue != null && jsonPointer == null) {
            violations.add(new Violation("settings.jsonValue", "needs settings.jsonPointer"));
        }
    }
}
