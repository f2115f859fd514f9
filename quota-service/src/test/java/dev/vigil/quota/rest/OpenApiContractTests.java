package dev.vigil.quota.rest;

import dev.vigil.testsupport.OpenApiContract;
import io.quarkus.test.junit.QuarkusTest;

/** Every endpoint of this module's README table is in the served OpenAPI document. */
@QuarkusTest
class OpenApiContractTests extends OpenApiContract {
}
