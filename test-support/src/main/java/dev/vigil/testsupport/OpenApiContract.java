package dev.vigil.testsupport;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.vigil.testsupport.ReadmeEndpoints.Endpoint;

/**
 * The REST contract every service owes its readers, inherited by one {@code @QuarkusTest}
 * class per service: every {@code METHOD /path} of the module README's endpoint table is in
 * the OpenAPI document the running app serves at {@code /q/openapi}.
 *
 * <pre>{@code
 * @QuarkusTest
 * class OpenApiContractTests extends OpenApiContract {
 * }
 * }</pre>
 */
public abstract class OpenApiContract {

    private static final Set<String> OPERATIONS =
            Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    /** The README whose endpoint table is the contract; the module's own by default. */
    protected Path readme() {
        return Path.of("README.md");
    }

    @Test
    void shouldDocumentEveryReadmeEndpointInTheOpenApiDocument() throws IOException {
        Set<Endpoint> documented = ReadmeEndpoints.parse(Files.readString(readme()));

        Map<String, Object> paths = given().queryParam("format", "json")
                .when().get("/q/openapi")
                .then().statusCode(200)
                .extract().jsonPath().getMap("paths");

        assertThat(documented).as("endpoints in the table of " + readme().toAbsolutePath())
                .isNotEmpty();
        assertThat(operations(paths)).as("operations of /q/openapi")
                .containsAll(documented);
    }

    /** The operations of an OpenAPI {@code paths} object, normalised like the README's. */
    public static Set<Endpoint> operations(Map<String, ?> paths) {
        Set<Endpoint> operations = new LinkedHashSet<>();
        paths.forEach((path, item) -> {
            if (item instanceof Map<?, ?> methods) {
                methods.keySet().stream()
                        .map(String::valueOf)
                        .filter(OPERATIONS::contains)
                        .forEach(method -> operations.add(Endpoint.of(method, path)));
            }
        });
        return operations;
    }
}
