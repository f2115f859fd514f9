package dev.vigil.metrics.service;

import java.util.List;

/**
 * The answer to an access-log import.
 *
 * @param accepted lines read as requests, including ones stored by an earlier import
 * @param duplicates accepted lines that were already stored and added nothing
 * @param rejectedLines the first rejected lines, by 1-based line number
 */
public record ImportReport(
        long accepted,
        long rejected,
        long duplicates,
        List<RejectedLine> rejectedLines) {

    /** A line that could not be read, and why. */
    public record RejectedLine(long line, String reason) {
    }
}
