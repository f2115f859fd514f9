package dev.vigil.health.check.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How a SQLSTATE reads in a stored error. */
class SqlStatesTest {

    @ParameterizedTest(name = "{0} reads as {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "22P02 | SQLSTATE 22P02 (data exception)",
        "42501 | SQLSTATE 42501 (syntax error or access rule violation)",
        "XX000 | SQLSTATE XX000 (internal error)",
        "ZZ001 | SQLSTATE ZZ001 (unknown class)",
        "vm    | SQLSTATE unreadable",
        "22P02 secret | SQLSTATE unreadable",
        "NULL  | SQLSTATE unreadable"})
    void shouldNameSqlStateAndClassOnly(String sqlState, String described) {
        assertThat(SqlStates.describe(sqlState)).isEqualTo(described);
    }
}
