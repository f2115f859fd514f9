package dev.vigil.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.vigil.testsupport.ReadmeEndpoints.Endpoint;

/** How a README endpoint table and an OpenAPI document are read for {@link OpenApiContract}. */
class ReadmeEndpointsTest {

    private static final String README = """
            # some-service

            | path | method | roles | parameters | status | body | meaning |
            | --- | --- | --- | --- | --- | --- | --- |
            | `/api/targets` | `GET` | viewer, admin | `limit`, `cursor` | 200 | page | list |
            | `/api/targets` | `POST` | admin | — | 201 | target | create |
            | `/api/targets/{targetId}` | GET, PUT | viewer | — | 200 | target | one |
            | /api/targets/{id}/results?from=&to= | get | viewer | `from` | 200 | page | results |
            | `GET` | `/api/health` | open | — | 200 | status | summary |
            | `/q/health/live` | GET | open | — | 200 | — | not under /api |

            | key | meaning | default |
            | --- | --- | --- |
            | `vigil.x` | a \\| b | `GET` |
            """;

    @Test
    void shouldReadEveryApiRowOfTheEndpointTable() {
        var endpoints = ReadmeEndpoints.parse(README);

        assertThat(endpoints).extracting(Endpoint::toString).containsExactly(
                "GET /api/targets",
                "POST /api/targets",
                "GET /api/targets/{}",
                "PUT /api/targets/{}",
                "GET /api/targets/{}/results",
                "GET /api/health");
    }

    @Test
    void shouldMatchOpenApiOperationsWhateverTheTemplateVariablesAreCalled() {
        Map<String, Object> paths = Map.of(
                "/api/targets/{id}", Map.of("get", Map.of(), "parameters", List.of()),
                "/api/targets/{id}/results", Map.of("get", Map.of()));

        var operations = OpenApiContract.operations(paths);

        assertThat(operations).containsExactlyInAnyOrder(
                Endpoint.of("GET", "/api/targets/{targetId}"),
                Endpoint.of("GET", "/api/targets/{targetId}/results/"));
    }
}
