package dev.vigil.alert.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.icegreen.greenmail.util.GreenMail;

import dev.vigil.alert.service.HealthEvaluator;
import dev.vigil.alert.support.AlertEvents;
import dev.vigil.alert.support.AlertTestResource;
import dev.vigil.alert.support.AlertTestResource.Smtp;
import dev.vigil.alert.support.Race;
import dev.vigil.alert.support.TestChannels;
import dev.vigil.alert.support.TestClock;
import dev.vigil.alert.support.TestRules;
import dev.vigil.testsupport.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/** The channels API: names settled by the database, header injection refused, stored times. */
@QuarkusTest
@WithTestResource(AlertTestResource.class)
class ChannelResourceTests {

    private static final String HOOK = "http://127.0.0.1:18999/r";

    @Inject
    TestClock clock;

    @Inject
    HealthEvaluator evaluator;

    @Smtp
    GreenMail smtp;

    @AfterEach
    void releaseClock() {
        clock.release();
    }

    static Stream<Arguments> unsendableChannels() {
        return Stream.of(
                bad("Bcc smuggled into to", "to",
                        Map.of("type", "email", "to", "a@b.c\r\nBcc: evil@x.y")),
                bad("bare LF in to", "to", Map.of("type", "email", "to", "a@b.c\nX: 1")),
                bad("not an address in the list", "to",
                        Map.of("type", "email", "to", "a@b.c, nobody")),
                bad("empty entry in the list", "to", Map.of("type", "email", "to", "a@b.c,")),
                bad("header value with CRLF", "headers.X-Test", Map.of("type", "webhook",
                        "url", HOOK, "headers", Map.of("X-Test", "a\r\nInjected: 1"))),
                bad("header value with LF", "headers.X-Test", Map.of("type", "webhook",
                        "url", HOOK, "headers", Map.of("X-Test", "a\nInjected: 1"))),
                bad("header name with a space", "headers.Bad Name", Map.of("type", "webhook",
                        "url", HOOK, "headers", Map.of("Bad Name", "1"))),
                bad("header name with a colon", "headers.X:Y", Map.of("type", "webhook",
                        "url", HOOK, "headers", Map.of("X:Y", "1"))),
                bad("header Vigil sets itself", "headers.Content-Type", Map.of("type",
                        "webhook", "url", HOOK, "headers", Map.of("Content-Type", "text/x"))),
                bad("header the HTTP client refuses", "headers.Host", Map.of("type",
                        "webhook", "url", HOOK, "headers", Map.of("Host", "evil.test"))),
                bad("header value beyond ASCII", "headers.X-Val", Map.of("type",
                        "webhook", "url", HOOK, "headers", Map.of("X-Val", "\u00fc\u2603"))),
                bad("port beyond 65535", "url", Map.of("type", "slack",
                        "url", "http://127.0.0.1:99999/")));
    }

    private static Arguments bad(String name, String field, Map<String, Object> channel) {
        return Arguments.of(Named.of(name, channel), field);
    }

    @Test
    void shouldCreateOneChannelAndRefuseNineWhenTenRaceForOneName() {
        Map<String, Object> body = Map.of("name", "race-" + UUID.randomUUID(),
                "type", "webhook", "url", HOOK);

        Race.assertOneCreatedOthersConflict("/api/channels", body, 10);
    }

    @Test
    void shouldRefuseDeletingAChannelARuleUsesUntilTheRuleIsGone() {
        String channel = TestChannels.webhook(HOOK);
        String ruleName = "uses-" + UUID.randomUUID();
        String rule = TestRules.create(Map.of("name", ruleName, "severity", "low",
                "condition", Map.of("type", "error_rate", "threshold", 0.1),
                "channels", List.of(channel)));

        given().auth().oauth2(Tokens.admin()).delete("/api/channels/{id}", channel)
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString(ruleName));
        given().auth().oauth2(Tokens.admin()).get("/api/channels/{id}", channel)
                .then().statusCode(200);

        given().auth().oauth2(Tokens.admin()).delete("/api/alert-rules/{id}", rule)
                .then().statusCode(204);
        given().auth().oauth2(Tokens.admin()).delete("/api/channels/{id}", channel)
                .then().statusCode(204);
    }

    @Test
    void shouldRefuseRenamingChannelToATakenName() {
        String taken = "taken-" + UUID.randomUUID();
        TestChannels.create(Map.of("name", taken, "type", "webhook", "url", HOOK));
        String other = TestChannels.webhook(HOOK);

        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", taken, "type", "webhook"))
                .put("/api/channels/" + other)
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("name"));
    }

    @ParameterizedTest
    @MethodSource("unsendableChannels")
    void shouldRejectChannelItCannotSendToOnCreateNamingTheField(Map<String, Object> channel,
            String field) {
        Map<String, Object> body = new HashMap<>(channel);
        body.put("name", "inj-" + UUID.randomUUID());

        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(body)
                .post("/api/channels")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo(field));
    }

    @ParameterizedTest
    @MethodSource("unsendableChannels")
    void shouldRejectChannelItCannotSendToOnUpdateAndKeepTheStoredChannel(
            Map<String, Object> channel, String field) {
        String id = "email".equals(channel.get("type"))
                ? TestChannels.email("oncall@example.test") : TestChannels.webhook(HOOK);
        String before = given().auth().oauth2(Tokens.admin()).get("/api/channels/" + id)
                .then().statusCode(200).extract().asString();
        Map<String, Object> body = new HashMap<>(channel);
        body.put("name", "inj-" + UUID.randomUUID());

        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(body)
                .put("/api/channels/" + id)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo(field));

        given().auth().oauth2(Tokens.admin()).get("/api/channels/" + id)
                .then().statusCode(200).body(equalTo(before));
    }

    @Test
    void shouldAnswerCreateWithTheTimesAGetReadsBack() {
        clock.set(Instant.parse("2026-03-03T12:00:00.123456789Z"));

        ExtractableResponse<Response> created = given().auth().oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(Map.of("name", "times-" + UUID.randomUUID(), "type", "webhook",
                        "url", HOOK))
                .post("/api/channels").then().statusCode(201).extract();
        ExtractableResponse<Response> read = given().auth().oauth2(Tokens.admin())
                .get("/api/channels/" + created.path("id")).then().statusCode(200).extract();

        assertThat(created.jsonPath().getString("createdAt"))
                .isEqualTo("2026-03-03T12:00:00.123456Z")
                .isEqualTo(read.jsonPath().getString("createdAt"));
        assertThat(created.jsonPath().getString("updatedAt"))
                .isEqualTo(read.jsonPath().getString("updatedAt"));
    }

    @Test
    void shouldMailEveryAddressOfTheList() throws Exception {
        String target = AlertEvents.newTargetId("list");
        String name = "list-" + UUID.randomUUID();
        String channel = TestChannels.email("first@example.test, second@example.test");
        TestRules.create(Map.of("name", name,
                "condition", Map.of("type", "consecutive_failures", "threshold", 1),
                "severity", "high", "channels", List.of(channel),
                "scope", Map.of("targetIds", List.of(target))));

        evaluator.apply(List.of(AlertEvents.check(target, "UNHEALTHY", Instant.now())));

        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> mailsAbout(name).size() == 2);
            MimeMessage mail = mailsAbout(name).get(0);
            assertThat(Arrays.stream(mail.getRecipients(Message.RecipientType.TO))
                    .map(Object::toString))
                    .containsExactly("first@example.test", "second@example.test");
        } finally {
            // The SMTP server is shared with other test classes that read its first message.
            smtp.purgeEmailFromAllMailboxes();
        }
    }

    private List<MimeMessage> mailsAbout(String ruleName) {
        return Arrays.stream(smtp.getReceivedMessages())
                .filter(mail -> subjectOf(mail).contains(ruleName))
                .toList();
    }

    private static String subjectOf(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
