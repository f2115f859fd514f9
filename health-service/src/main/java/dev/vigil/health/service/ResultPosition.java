package dev.vigil.health.service;

import java.time.Instant;

import dev.vigil.health.model.CheckResult;
import dev.vigil.kit.problem.ProblemException;
import dev.vigil.kit.time.StorableInstants;

/**
 * Where a page of results continues: before this check time and result id. Both are null on
 * the first page.
 */
record ResultPosition(Instant checkedAt, Long id) {

    private static final ResultPosition FIRST_PAGE = new ResultPosition(null, null);

    /** The position a decoded cursor names; a malformed one is refused naming the cursor. */
    static ResultPosition of(String position) {
        if (position == null) {
            return FIRST_PAGE;
        }
        String[] parts = position.split("\\|", 2);
        ResultPosition parsed;
        try {
            parsed = new ResultPosition(Instant.parse(parts[0]), Long.parseLong(parts[1]));
        } catch (RuntimeException e) {
            throw notACursor();
        }
        // A forged cursor can carry any instant; the database stores years 1 to 9999 only.
        if (!StorableInstants.isStorable(parsed.checkedAt())) {
            throw notACursor();
        }
        return parsed;
    }

    /** The cursor text for the page after {@code last}. */
    static String after(CheckResult last) {
        return last.checkedAt() + "|" + last.id();
    }

    private static ProblemException notACursor() {
        return ProblemException.invalidField("cursor", "is not a cursor this API returned");
    }
}
