package dev.vigil.health.check.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.vigil.health.model.CheckOutcome;
import dev.vigil.health.model.ErrorCategory;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Future;

/**
 * DNS checks against a real DNS server (dnsmasq) on a high loopback port, reached through the
 * {@code host:port} resolver setting, and against a resolver that never answers.
 */
@QuarkusTest
class DnsCheckTests {

    private static DnsmasqServer server;

    @Inject
    DnsChecker dns;

    @BeforeAll
    static void startServer() throws Exception {
        server = DnsmasqServer.start(List.of(
                "--host-record=alpha.vigil.test,127.0.0.10,fd00::10",
                "--host-record=beta.vigil.test,127.0.0.11",
                "--cname=www.vigil.test,alpha.vigil.test",
                "--txt-record=txt.vigil.test,v=vigil1",
                "--mx-host=vigil.test,mail.vigil.test,10",
                // Names under vigil.test that no record names are NXDOMAIN, not forwarded.
                "--local=/vigil.test/"));
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @ParameterizedTest(name = "{1} {0} answers {2}")
    @CsvSource({
        "alpha.vigil.test, A,     127.0.0.10",
        "alpha.vigil.test, AAAA,  fd00::10",
        "alpha.vigil.test, AAAA,  FD00:0:0:0:0:0:0:10",
        "www.vigil.test,   CNAME, alpha.vigil.test",
        "www.vigil.test,   CNAME, alpha.vigil.test.",
        "txt.vigil.test,   TXT,   v=vigil1",
        "vigil.test,       MX,    mail.vigil.test"
    })
    void shouldPassWhenAnAnswerEqualsTheExpectedValue(String name, String type, String expected) {
        CheckOutcome outcome = check(new DnsSettings(name, type, expected, server.resolver()),
                3000);

        assertThat(outcome.failed()).as(String.valueOf(outcome.error())).isFalse();
        assertThat(outcome.responseTimeMs()).isNotNull().isLessThan(3000);
    }

    @Test
    void shouldReportTheAnswersInMetadata() {
        CheckOutcome outcome = check(new DnsSettings("alpha.vigil.test", null, null,
                server.resolver()), 3000);

        assertThat(outcome.failed()).isFalse();
        assertThat(outcome.metadata()).containsEntry("answers", "127.0.0.10");
    }

    @Test
    void shouldFailWithDnsWhenNoAnswerEqualsTheExpectedValue() {
        CheckOutcome outcome = check(new DnsSettings("alpha.vigil.test", "A", "127.0.0.11",
                server.resolver()), 3000);

        assertThat(outcome.category()).isEqualTo(ErrorCategory.DNS);
        assertThat(outcome.error()).contains("127.0.0.11");
        assertThat(outcome.metadata()).containsEntry("answers", "127.0.0.10");
    }

    @Test
    void shouldFailWithDnsWhenTheNameDoesNotExist() {
        CheckOutcome outcome = check(new DnsSettings("missing.vigil.test", "A", null,
                server.resolver()), 3000);

        assertThat(outcome.category()).isEqualTo(ErrorCategory.DNS);
        assertThat(outcome.error()).containsIgnoringCase("NXDOMAIN");
    }

    @Test
    void shouldFailWithDnsWhenTheNameHasNoRecordOfTheType() {
        CheckOutcome outcome = check(new DnsSettings("beta.vigil.test", "AAAA", null,
                server.resolver()), 3000);

        assertThat(outcome.category()).isEqualTo(ErrorCategory.DNS);
        assertThat(outcome.error()).contains("no AAAA records for beta.vigil.test");
    }

    @Test
    void shouldTimeOutWithinTimeoutWhenTheResolverNeverAnswers() throws Exception {
        // A bound UDP socket nobody reads: queries arrive and are never answered (a closed
        // port would answer with ICMP port unreachable instead).
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            DnsSettings settings = new DnsSettings("alpha.vigil.test", "A", null,
                    "127.0.0.1:" + silent.getLocalPort());

            long start = System.nanoTime();
            CheckOutcome outcome = check(settings, 1000);
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(outcome.category()).as(outcome.error()).isEqualTo(ErrorCategory.TIMEOUT);
            // The check's own timeout ends it, not the DNS client's default of 5 s.
            assertThat(elapsedMs).isGreaterThanOrEqualTo(1000).isLessThan(4000);
        }
    }

    @Test
    void shouldReadResolverPortFromSetting() {
        DnsSettings settings = new DnsSettings("alpha.vigil.test", "A", null, server.resolver());

        assertThat(settings.resolverHost()).isEqualTo("127.0.0.1");
        assertThat(settings.resolverPort()).isEqualTo(Integer.parseInt(
                server.resolver().substring("127.0.0.1:".length())));
        assertThat(new DnsSettings("x", null, null, "127.0.0.1").resolverPort()).isEqualTo(53);
    }

    private CheckOutcome check(DnsSettings settings, int timeoutMs) {
        Future<CheckOutcome> outcome = dns.check(settings, timeoutMs);
        try {
            return outcome.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("check did not complete", e);
        }
    }
}
