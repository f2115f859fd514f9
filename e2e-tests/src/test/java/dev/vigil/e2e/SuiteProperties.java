package dev.vigil.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

import dev.vigil.testsupport.RepoFiles;

/** System properties every service process of an end-to-end test needs. */
final class SuiteProperties {

    private SuiteProperties() {
    }

    /**
     * Tokens signed by the local dev key are accepted, and the service uses the given database
     * (created by {@link FreshDatabase}). The returned map is mutable for service-specific keys.
     */
    static Map<String, String> common(String database) {
        Map<String, String> properties = new HashMap<>();
        properties.put("quarkus.oidc.public-key", localPublicKey());
        properties.put("VIGIL_DB_NAME", database);
        return properties;
    }

    private static String localPublicKey() {
        try {
            return Files.readString(RepoFiles.find("deploy/local/dev-keys/public.pem"))
                    .replaceAll("-----[A-Z ]+-----", "")
                    .replaceAll("\\s", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
