package dev.vigil.health.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vigil.health.check.dns.DnsChecker;
import dev.vigil.health.check.dns.DnsSettings;
import dev.vigil.health.check.kafka.KafkaChecker;
import dev.vigil.health.check.kafka.KafkaSettings;
import dev.vigil.health.check.postgres.PostgresChecker;
import dev.vigil.health.check.postgres.PostgresSettings;
import dev.vigil.health.check.tcp.TcpChecker;
import dev.vigil.health.check.tcp.TcpSettings;
import dev.vigil.health.model.CheckOutcome;
import dev.vigil.health.model.ErrorCategory;
import dev.vigil.health.model.TargetKind;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Future;

/** TCP, DNS, POSTGRES and KAFKA checks against the real servers on loopback. */
@QuarkusTest
class CheckKindsTests {

    private static ScriptedHttpServer server;

    @Inject
    Checkers checkers;

    @Inject
    TcpChecker tcp;

    @Inject
    DnsChecker dns;

    @Inject
    PostgresChecker postgres;

    @Inject
    KafkaChecker kafka;

    @BeforeAll
    static void startServer() {
        server = ScriptedHttpServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void shouldHaveACheckerForEveryKind() {
        assertThat(checkers.kinds()).containsExactlyInAnyOrder(TargetKind.values());
        assertThat(Arrays.stream(TargetKind.values()).map(checkers::forKind))
                .allMatch(java.util.Optional::isPresent);
    }

    @Test
    void shouldConnectToOpenTcpPort() {
        CheckOutcome outcome = await(tcp.check(new TcpSettings("127.0.0.1", server.port()), 3000));

        assertThat(outcome.failed()).isFalse();
        assertThat(outcome.responseTimeMs()).isNotNull();
    }

    @Test
    void shouldFailWithConnectWhenTcpPortIsClosed() {
        CheckOutcome outcome = await(tcp.check(new TcpSettings("127.0.0.1", 9), 3000));

        assertThat(outcome.category()).isEqualTo(ErrorCategory.CONNECT);
    }

    @Test
    void shouldBlockTcpToLoopbackOutsideAllowList() {
        CheckOutcome outcome = await(tcp.check(new TcpSettings("127.0.0.2", server.port()),
                3000));

        assertThat(outcome.category()).isEqualTo(ErrorCategory.BLOCKED);
    }

    @Test
    void shouldRunReadOnlyQueryOnRealPostgres() {
        PostgresSettings settings = new PostgresSettings(
                "jdbc:postgresql://127.0.0.1:5432/test", "postgres", null,
                "SELECT 1 UNION ALL SELECT 2");

        CheckOutcome outcome = await(postgres.check(settings, 5000));

        assertThat(outcome.failed()).as(String.valueOf(outcome.error())).isFalse();
        assertThat(outcome.metadata()).containsEntry("rows", 2);
    }

    @Test
    void shouldFailPostgresCheckWhenQueryWrites() {
        PostgresSettings settings = new PostgresSettings("postgresql://127.0.0.1:5432/test",
                "postgres", null, "SELECT nextval('health.check_result_id_seq')");

        CheckOutcome outcome = await(postgres.check(settings, 5000));

        assertThat(outcome.failed()).isTrue();
    }

    @Test
    void shouldFailWithConnectWhenPostgresPortIsClosed() {
        PostgresSettings settings = new PostgresSettings("postgresql://127.0.0.1:9/test",
                "postgres", null, null);

        assertThat(await(postgres.check(settings, 3000)).category())
                .isEqualTo(ErrorCategory.CONNECT);
    }

    @Test
    void shouldDescribeRealKafkaCluster() {
        CheckOutcome outcome = await(kafka.check(new KafkaSettings("127.0.0.1:9092", 1), 10000));

        assertThat(outcome.failed()).as(String.valueOf(outcome.error())).isFalse();
        assertThat((Integer) outcome.metadata().get("brokers")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void shouldFailKafkaCheckWhenTooFewBrokers() {
        CheckOutcome outcome = await(kafka.check(new KafkaSettings("127.0.0.1:9092", 3), 10000));

        assertThat(outcome.category()).isEqualTo(ErrorCategory.STATUS);
    }

    @Test
    void shouldFailKafkaCheckWithinTimeoutWhenNoBrokerListens() {
        CheckOutcome outcome = await(kafka.check(new KafkaSettings("127.0.0.1:9", 1), 2000));

        assertThat(outcome.failed()).isTrue();
    }

    @Test
    void shouldFailDnsCheckWhenResolverDoesNotAnswer() {
        DnsSettings settings = new DnsSettings("vigil.example.test", "A", null,
                "127.0.0.1:9");

        CheckOutcome outcome = await(dns.check(settings, 1000));

        assertThat(outcome.category()).isIn(ErrorCategory.TIMEOUT, ErrorCategory.DNS);
    }

    @Test
    void shouldBlockDnsResolverOutsideAllowList() {
        DnsSettings settings = new DnsSettings("vigil.example.test", "A", null, "10.0.0.5");

        assertThat(await(dns.check(settings, 1000)).category())
                .isEqualTo(ErrorCategory.BLOCKED);
    }

    private static CheckOutcome await(Future<CheckOutcome> outcome) {
        try {
            return outcome.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("check did not complete", e);
        }
    }
}
