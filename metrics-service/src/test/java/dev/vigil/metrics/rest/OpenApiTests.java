package dev.vigil.metrics.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The served OpenAPI document lists every endpoint of the README's table. */
@QuarkusTest
class OpenApiTests {

    @Test
    void shouldDescribeEveryEndpointWhenOpenApiIsServed() {
        String document = given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200)
                .extract().asString();

        assertThat(document).contains("\"/api/usage\"", "\"/api/usage/import\"",
                "\"/api/performance\"", "\"/api/performance/trends\"",
                "\"/api/performance/distribution\"", "\"/api/performance/endpoints\"");
    }
}
