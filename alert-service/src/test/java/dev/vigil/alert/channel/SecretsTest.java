package dev.vigil.alert.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.vigil.alert.model.Channel;

/** Masking and redaction of channel secrets (BR-19). */
class SecretsTest {

    private static final String URL =
            "https://user:pw@hooks.slack.example.test/services/T000/B000/SECRETTOKEN123";

    @Test
    void shouldKeepOnlySchemeAndHostOfAUrl() {
        assertThat(Secrets.maskUrl(URL)).isEqualTo("https://hooks.slack.example.test/****");
        assertThat(Secrets.maskUrl("not a url")).isEqualTo("****");
    }

    @Test
    void shouldRedactUrlPathAndHeaderValuesFromErrorText() {
        Channel channel = new Channel(null, "c", "webhook", URL,
                Map.of("Authorization", "Bearer tok-ABC"), null, null, null);

        String redacted = Secrets.redact("POST " + URL + " failed; sent Bearer tok-ABC; path "
                + "services/T000/B000/SECRETTOKEN123", channel);

        assertThat(redacted).doesNotContain("SECRETTOKEN123").doesNotContain("tok-ABC");
    }
}
