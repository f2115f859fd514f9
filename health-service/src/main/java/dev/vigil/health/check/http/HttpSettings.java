package dev.vigil.health.check.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
        }
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
