package dev.vigil.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Puts a {@link TcpProxy} between the service under test and the real Postgres, so a test can
 * make the database refuse or hang and then come back. Needs the init arg {@code schema}.
 *
 * <pre>{@code
 * @WithTestResource(value = PostgresProxyResource.class,
 *         initArgs = @ResourceArg(name = "schema", value = "quota"))
 * }</pre>
 */
public class PostgresProxyResource implements QuarkusTestResourceLifecycleManager {

    /** Marks the {@link TcpProxy} field the resource injects into the test. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectPostgresProxy {
    }

    private TcpProxy proxy;
    private String schema;

    @Override
    public void init(Map<String, String> initArgs) {
        schema = initArgs.get("schema");
    }

    @Override
    public Map<String, String> start() {
        proxy = TcpProxy.start("127.0.0.1", 5432);
        String url = "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/test?currentSchema="
                + schema + "&connectTimeout=2&loginTimeout=3&socketTimeout=5";
        return Map.of("quarkus.datasource.jdbc.url", url);
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(proxy,
                new TestInjector.AnnotatedAndMatchesType(InjectPostgresProxy.class,
                        TcpProxy.class));
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }
}
