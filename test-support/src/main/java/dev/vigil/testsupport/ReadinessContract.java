package dev.vigil.testsupport;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.restassured.response.Response;

/**
 * The probe behaviour every service owes Kubernetes (field case BR-04), inherited by one test
 * class per service that runs behind a {@link PostgresProxyResource}: liveness never depends on
 * Postgres, readiness reports it DOWN within 3 s and comes back UP without a restart.
 */
public abstract class ReadinessContract {

    /** The proxy in front of Postgres; subclasses inject it with the resource's annotation. */
    protected abstract TcpProxy postgresProxy();

    @AfterEach
    void restorePostgres() {
        postgresProxy().mode(TcpProxy.Mode.FORWARD);
        awaitReady();
    }

    @Test
    void shouldReportNotReadyButAliveWhilePostgresRefusesAndRecoverAfter() {
        awaitReady();

        postgresProxy().mode(TcpProxy.Mode.REFUSE);

        awaitNotReady();
        assertLiveWithinOneSecond();

        postgresProxy().mode(TcpProxy.Mode.FORWARD);

        awaitReady();
    }

    @Test
    void shouldAnswerEveryProbeInTimeWhilePostgresHangs() throws Exception {
        awaitReady();

        postgresProxy().mode(TcpProxy.Mode.BLACKHOLE);
        awaitNotReady();
        List<Long> readyMillis = concurrentReadinessMillis(20);

        assertThat(readyMillis).allSatisfy(ms -> assertThat(ms).isLessThan(3000));
        assertLiveWithinOneSecond();
    }

    private static void awaitReady() {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
    }

    private static void awaitNotReady() {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    Response response = given().get("/q/health/ready");
                    assertThat(response.statusCode()).isEqualTo(503);
                    assertThat(response.jsonPath().getString(
                            "checks.find { it.name == 'postgres' }.status")).isEqualTo("DOWN");
                    assertThat(response.time()).isLessThan(3000);
                });
    }

    private static void assertLiveWithinOneSecond() {
        long started = System.nanoTime();
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    }

    private static List<Long> concurrentReadinessMillis(int callers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Callable<Long>> calls = IntStream.range(0, callers)
                    .<Callable<Long>>mapToObj(i -> () -> {
                        long started = System.nanoTime();
                        given().get("/q/health/ready").then().statusCode(503);
                        return Duration.ofNanos(System.nanoTime() - started).toMillis();
                    })
                    .toList();
            List<Long> millis = new java.util.ArrayList<>();
            for (Future<Long> call : pool.invokeAll(calls)) {
                millis.add(call.get());
            }
            return millis;
        } finally {
            pool.shutdownNow();
        }
    }
}
