package dev.vigil.kit.problem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem document; the body of every error response of every Vigil service.
 *
 * <pre>{@code
 * {"type":"https://vigil.dev/problems/validation","title":"Invalid request","status":400,
 *  "detail":"settings.url: must not be blank","violations":[{"field":"settings.url",...}]}
 * }</pre>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        List<Violation> violations) {

    /** Where the problem types live; each type is a stable URI clients may switch on. */
    public static final String TYPE_BASE = "https://vigil.dev/problems/";
}
