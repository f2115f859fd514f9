package dev.vigil.alert.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.vigil.testsupport.Tokens;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/** Sends one admin request from many threads at once, released together by a latch. */
public final class Race {

    private Race() {
    }

    /**
     * Asserts that of {@code copies} simultaneous creations under one name exactly one was
     * created and every other was refused with a 409 naming {@code name}.
     */
    public static void assertOneCreatedOthersConflict(String path, Object body, int copies) {
        List<ExtractableResponse<Response>> answers = post(path, body, copies);

        assertThat(answers).extracting(ExtractableResponse::statusCode)
                .containsOnly(201, 409)
                .filteredOn(status -> status == 201).hasSize(1);
        assertThat(answers).filteredOn(answer -> answer.statusCode() == 409)
                .hasSize(copies - 1)
                .allSatisfy(answer -> {
                    assertThat(answer.contentType()).startsWith("application/problem+json");
                    assertThat(answer.jsonPath().getString("violations[0].field"))
                            .isEqualTo("name");
                });
    }

    /** The answers of {@code copies} simultaneous POSTs of the same body. */
    public static List<ExtractableResponse<Response>> post(String path, Object body,
            int copies) {
        ExecutorService pool = Executors.newFixedThreadPool(copies);
        CountDownLatch start = new CountDownLatch(1);
        String token = Tokens.admin();
        try {
            List<Future<ExtractableResponse<Response>>> sent = new ArrayList<>();
            for (int i = 0; i < copies; i++) {
                sent.add(pool.submit(() -> {
                    start.await();
                    return RestAssured.given().auth().oauth2(token)
                            .contentType(ContentType.JSON).body(body)
                            .post(path).then().extract();
                }));
            }

            start.countDown();

            List<ExtractableResponse<Response>> answers = new ArrayList<>();
            for (Future<ExtractableResponse<Response>> answer : sent) {
                answers.add(answer.get(30, TimeUnit.SECONDS));
            }
            return answers;
        } catch (Exception e) {
            throw new IllegalStateException("the race did not finish", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
