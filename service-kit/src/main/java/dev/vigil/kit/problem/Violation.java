package dev.vigil.kit.problem;

/**
 * One bad input field: its JSON path as the caller wrote it, and what is wrong with it.
 *
 * @param field dotted path such as {@code settings.url}, or a query parameter name
 */
public record Violation(String field, String message) {
}
