package dev.vigil.health.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vigil.common.event.HealthCheckCompleted;
import dev.vigil.common.serde.EventCodec;
import dev.vigil.common.topic.Topics;
import dev.vigil.testsupport.HttpReceiver;
import dev.vigil.testsupport.HttpReceiver.Reply;
import dev.vigil.testsupport.KafkaTestClient;
import dev.vigil.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/** Registering an HTTP target, and its scheduled checks travelling to storage and Kafka. */
@QuarkusTest
class TargetRegistrationTests {

    private static HttpReceiver receiver;

    @BeforeAll
    static void startReceiver() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        receiver = HttpReceiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @Test
    void shouldReturn401WithoutToken() {
        given().contentType(ContentType.JSON)
                .body(TargetApi.http(TargetApi.uniqueName("anon"), receiver.url("/"), 60))
                .when().post("/api/targets")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void shouldReturn403ForViewer() {
        given().auth().oauth2(Tokens.viewer()).contentType(ContentType.JSON)
                .body(TargetApi.http(TargetApi.uniqueName("viewer"), receiver.url("/"), 60))
                .when().post("/api/targets")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void shouldReturn201WithLocationForAdmin() {
        String name = TargetApi.uniqueName("created");

        var created = TargetApi.post(TargetApi.http(name, receiver.url("/ok"), 60))
                .statusCode(201)
                .extract();
        String id = created.path("id");

        assertThat(created.header("Location")).endsWith("/api/targets/" + id);

        given().auth().oauth2(Tokens.viewer()).when().get("/api/targets/" + id)
                .then().statusCode(200)
                .body("name", equalTo(name))
                .body("kind", equalTo("HTTP"))
                .body("degradedAfterMs", equalTo(500))
                .body("unhealthyAfterMs", equalTo(2000))
                .body("settings.url", equalTo(receiver.url("/ok")));
        TargetApi.delete(id);
    }

    @Test
    void shouldNameSettingsUrlWhenItIsMissing() {
        Map<String, Object> body = Map.of("name", TargetApi.uniqueName("no-url"), "kind", "HTTP",
                "intervalSeconds", 30, "timeoutMs", 1000, "critical", false,
                "settings", Map.of());

        TargetApi.post(body)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("settings.url"))
                .body("detail", startsWith("settings.url"));
    }

    @Test
    void shouldNameEachHeaderAndPortTheCheckCouldNotSend() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Split", "a\r\nB: c");
        headers.put("Bad Name", "x");
        headers.put("Host", "evil.example");
        headers.put("Content-Length", "999");
        Map<String, Object> body = Map.of("name", TargetApi.uniqueName("headers"),
                "kind", "HTTP", "intervalSeconds", 30, "timeoutMs", 1000, "critical", false,
                "settings", Map.of("url", "http://127.0.0.1:99999/", "headers", headers));

        TargetApi.post(body)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItems("settings.url", "settings.headers.X-Split",
                        "settings.headers.Bad Name", "settings.headers.Host",
                        "settings.headers.Content-Length"));
    }

    @Test
    void shouldStoreAndPublishEachCheckWhenTargetAnswers200Then503() {
        AtomicInteger calls = new AtomicInteger();
        String path = "/flip-" + System.nanoTime();
        receiver.respondWith(request -> request.path().equals(path) && calls.incrementAndGet() > 1
                ? new Reply(503, "down")
                : new Reply(200, "ok"));
        try (KafkaTestClient kafka = KafkaTestClient.connect();
                KafkaTestClient.Reader reader = kafka.readerAtEnd(Topics.HEALTH_CHECKS)) {

            String id = TargetApi.create(TargetApi.lenientHttp(TargetApi.uniqueName("flip"),
                    receiver.url(path), 5));

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(TargetApi.resultStatuses(id)).hasSizeGreaterThanOrEqualTo(2));
            assertThat(TargetApi.resultStatuses(id).subList(0, 2))
                    .containsExactly("UNHEALTHY", "HEALTHY");
            List<ConsumerRecord<String, byte[]>> records =
                    reader.await(r -> id.equals(r.key()), 2, Duration.ofSeconds(15));
            List<HealthCheckCompleted> events = records.stream()
                    .map(r -> EventCodec.decode(r.value(), HealthCheckCompleted.class))
                    .toList();
            assertThat(events).extracting(HealthCheckCompleted::status)
                    .startsWith("HEALTHY", "UNHEALTHY");
            assertThat(events.get(1).errorCategory()).isEqualTo("STATUS");
            assertThat(events.get(1).targetId()).isEqualTo(id);
            assertThat(events.get(0).source()).isEqualTo("health-service");
            TargetApi.delete(id);
        }
    }
}
