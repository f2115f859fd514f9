package dev.vigil.kit.paging;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.vigil.kit.problem.ProblemException;

/**
 * Opaque page cursors: the position of the last item returned behind a marker, base64url-encoded
 * so callers do not build them by hand. A cursor that does not decode or lacks the marker is a
 * 400 naming {@code cursor}, so a stray value is refused instead of read as a position.
 */
public final class Cursors {

    private static final String MARKER = "vigil1|";

    private Cursors() {
    }

    /** The cursor for a position, for example {@code "2024-05-01T10:00:00Z|42"}. */
    public static String encode(String position) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((MARKER + position).getBytes(StandardCharsets.UTF_8));
    }

    /** The position a cursor stands for; null for no cursor. */
    public static String decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw notACursor();
        }
        if (!text.startsWith(MARKER)) {
            throw notACursor();
        }
        return text.substring(MARKER.length());
    }

    private static ProblemException notACursor() {
        return ProblemException.invalidField("cursor", "is not a cursor this API returned");
    }

    /** Checks a page size, naming {@code limit} when it is out of range. */
    public static int limit(Integer limit, int defaultLimit, int maxLimit) {
        if (limit == null) {
            return defaultLimit;
        }
        if (limit < 1 || limit > maxLimit) {
            throw ProblemException.invalidField("limit", "must be between 1 and " + maxLimit);
        }
        return limit;
    }
}
