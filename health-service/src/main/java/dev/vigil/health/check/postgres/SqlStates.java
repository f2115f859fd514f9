package dev.vigil.health.check.postgres;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Describes a Postgres error by its SQLSTATE and the name of its class, the one part of an
 * error that never carries data: the message text can quote values the query read.
 */
final class SqlStates {

    private static final Pattern SQLSTATE = Pattern.compile("[0-9A-Z]{5}");

    /** The classes of PostgreSQL's Appendix A, by the first two characters of the code. */
    private static final Map<String, String> CLASSES = Map.ofEntries(
            Map.entry("00", "successful completion"),
            Map.entry("01", "warning"),
            Map.entry("02", "no data"),
            Map.entry("03", "SQL statement not yet complete"),
            Map.entry("08", "connection exception"),
            Map.entry("09", "triggered action exception"),
            Map.entry("0A", "feature not supported"),
            Map.entry("0B", "invalid transaction initiation"),
            Map.entry("0F", "locator exception"),
            Map.entry("0L", "invalid grantor"),
            Map.entry("0P", "invalid role specification"),
            Map.entry("0Z", "diagnostics exception"),
            Map.entry("20", "case not found"),
            Map.entry("21", "cardinality violation"),
            Map.entry("22", "data exception"),
            Map.entry("23", "integrity constraint violation"),
            Map.entry("24", "invalid cursor state"),
            Map.entry("25", "invalid transaction state"),
            Map.entry("26", "invalid SQL statement name"),
            Map.entry("27", "triggered data change violation"),
            Map.entry("28", "invalid authorization specification"),
            Map.entry("2B", "dependent privilege descriptors still exist"),
            Map.entry("2D", "invalid transaction termination"),
            Map.entry("2F", "SQL routine exception"),
            Map.entry("34", "invalid cursor name"),
            Map.entry("38", "external routine exception"),
            Map.entry("39", "external routine invocation exception"),
            Map.entry("3B", "savepoint exception"),
            Map.entry("3D", "invalid catalog name"),
            Map.entry("3F", "invalid schema name"),
            Map.entry("40", "transaction rollback"),
            Map.entry("42", "syntax error or access rule violation"),
            Map.entry("44", "WITH CHECK OPTION violation"),
            Map.entry("53", "insufficient resources"),
            Map.entry("54", "program limit exceeded"),
            Map.entry("55", "object not in prerequisite state"),
            Map.entry("57", "operator intervention"),
            Map.entry("58", "system error"),
            Map.entry("72", "snapshot failure"),
            Map.entry("F0", "configuration file error"),
            Map.entry("HV", "foreign data wrapper error"),
            Map.entry("P0", "PL/pgSQL error"),
            Map.entry("XX", "internal error"));

    private SqlStates() {
    }

    /** For example {@code SQLSTATE 22P02 (data exception)}. */
    static String describe(String sqlState) {
        // The target's server may be anything; a code of the wrong shape is not repeated.
        if (sqlState == null || !SQLSTATE.matcher(sqlState).matches()) {
            return "SQLSTATE unreadable";
        }
        String name = CLASSES.getOrDefault(sqlState.substring(0, 2), "unknown class");
        return "SQLSTATE " + sqlState + " (" + name + ")";
    }
}
