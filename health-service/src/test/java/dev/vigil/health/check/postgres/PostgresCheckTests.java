package dev.vigil.health.check.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.vigil.health.model.CheckOutcome;
import dev.vigil.health.model.ErrorCategory;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Future;

/** POSTGRES checks against the real Postgres: what a failure is called and what it shows. */
@QuarkusTest
class PostgresCheckTests {

    private static final String URL = "postgresql://127.0.0.1:5432/test";

    @Inject
    PostgresChecker postgres;

    @Test
    void shouldReportFailedQueryAsStatusBySqlStateWithoutServerMessage() throws IOException {
        String fileContents = Files.readString(Path.of("/etc/hostname")).strip();
        PostgresSettings settings = new PostgresSettings(URL, "postgres", null,
                "SELECT pg_read_file('/etc/hostname')::int");

        CheckOutcome outcome = await(postgres.check(settings, 5000));

        assertThat(outcome.category()).isEqualTo(ErrorCategory.STATUS);
        assertThat(outcome.error())
                .isEqualTo("query failed: SQLSTATE 22P02 (data exception)")
                .doesNotContain(fileContents);
        assertThat(outcome.responseTimeMs()).isNotNull();
    }

    static Stream<Arguments> writes() {
        return Stream.of(
                Arguments.of(Named.of("sequence", "SELECT nextval('health.check_result_id_seq')")),
                Arguments.of(Named.of("data-modifying WITH", "WITH gone AS (DELETE FROM "
                        + "health.target WHERE false RETURNING 1) SELECT count(*) FROM gone")),
                Arguments.of(Named.of("switch to read-write",
                        "SELECT set_config('transaction_read_only', 'off', true)")));
    }

    @ParameterizedTest
    @MethodSource("writes")
    void shouldRefuseWritesInItsReadOnlyTransaction(String query) {
        PostgresSettings settings = new PostgresSettings(URL, "postgres", null, query);

        CheckOutcome outcome = await(postgres.check(settings, 5000));

        assertThat(outcome.category()).isEqualTo(ErrorCategory.STATUS);
        assertThat(outcome.error())
                .matches("query failed: SQLSTATE 25\\w{3} \\(invalid transaction state\\)");
    }

    @Test
    void shouldStopQueryOnTheServerAtTheCheckTimeout() {
        PostgresSettings settings = new PostgresSettings(URL, "postgres", null,
                "SELECT pg_sleep(10)");
        long start = System.nanoTime();

        CheckOutcome outcome = await(postgres.check(settings, 1000));

        assertThat(outcome.category()).isEqualTo(ErrorCategory.TIMEOUT);
        assertThat(outcome.error()).isEqualTo("query failed: SQLSTATE 57014 "
                + "(operator intervention)");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(3000);
    }

    @Test
    void shouldTellRefusedLoginBySqlStateWithoutServerMessage() {
        String role = "vigil_no_such_role";
        PostgresSettings settings = new PostgresSettings(URL, role, null, null);

        CheckOutcome outcome = await(postgres.check(settings, 5000));

        assertThat(outcome.category()).isEqualTo(ErrorCategory.CONNECT);
        assertThat(outcome.error())
                .startsWith("connect failure: SQLSTATE 28")
                .doesNotContain(role);
    }

    private static CheckOutcome await(Future<CheckOutcome> outcome) {
        try {
            return outcome.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("check did not complete", e);
        }
    }
}
