package dev.vigil.metrics.rest.dto;

import java.util.List;

/**
 * The answer to a batch of reported requests.
 *
 * @param accepted valid records, including ones already stored before
 * @param duplicates accepted records whose request id was already stored
 */
public record BatchResult(
        int accepted,
        int rejected,
        int duplicates,
        List<RecordError> errors) {

    /** Why the record at this index of the batch was refused. */
    public record RecordError(int index, String field, String reason) {
    }
}
