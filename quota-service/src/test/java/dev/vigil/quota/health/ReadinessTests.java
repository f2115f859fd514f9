package dev.vigil.quota.health;

import dev.vigil.testsupport.PostgresProxyResource;
import dev.vigil.testsupport.PostgresProxyResource.InjectPostgresProxy;
import dev.vigil.testsupport.ReadinessContract;
import dev.vigil.testsupport.TcpProxy;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Probes of quota-service while its Postgres refuses, hangs and returns (BR-04). */
@QuarkusTest
@WithTestResource(value = PostgresProxyResource.class,
        initArgs = @ResourceArg(name = "schema", value = "quota"))
class ReadinessTests extends ReadinessContract {

    @InjectPostgresProxy
    TcpProxy proxy;

    @Override
    protected TcpProxy postgresProxy() {
        return proxy;
    }
}
