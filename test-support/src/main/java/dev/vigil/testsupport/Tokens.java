package dev.vigil.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;

/**
 * Bearer tokens signed with the local development key, as {@code deploy/local/token} prints
 * them, so tests go through the same verification as an operator's curl.
 *
 * <pre>{@code
 * given().auth().oauth2(Tokens.admin()).post("/api/targets")...
 * }</pre>
 */
public final class Tokens {

    public static final String ISSUER = "https://vigil.dev/local";

    private static PrivateKey key;

    private Tokens() {
    }

    public static String admin() {
        return forRole("admin");
    }

    public static String viewer() {
        return forRole("viewer");
    }

    public static String reporter() {
        return forRole("reporter");
    }

    /** A token for a made-up user with one role, valid for an hour. */
    public static String forRole(String role) {
        return forSubject("test-" + role, role);
    }

    /** A token for the given subject and roles. */
    public static String forSubject(String subject, String... roles) {
        return expiringIn(3600, subject, roles);
    }

    /** A token for the given subject and roles that expires after the given seconds. */
    public static String expiringIn(long seconds, String subject, String... roles) {
        return Jwt.issuer(ISSUER)
                .subject(subject)
                .upn(subject)
                .claim("preferred_username", subject)
                .groups(Set.of(roles))
                .expiresIn(seconds)
                .jws()
                .keyId("vigil-dev")
                .sign(privateKey());
    }

    private static synchronized PrivateKey privateKey() {
        if (key == null) {
            key = readKey(RepoFiles.find("deploy/local/dev-keys/private.pem"));
        }
        return key;
    }

    private static PrivateKey readKey(Path pem) {
        try {
            String base64 = Files.readString(pem)
                    .replaceAll("-----[A-Z ]+-----", "")
                    .replaceAll("\\s", "");
            PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64));
            return KeyFactory.getInstance("RSA").generatePrivate(spec);
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the development key " + pem, e);
        }
    }
}
