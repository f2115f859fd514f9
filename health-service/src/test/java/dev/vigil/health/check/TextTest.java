package dev.vigil.health.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Snippets that are always storable text (BR-07). */
class TextTest {

    /** GBK "service unavailable", a NUL and an invalid 0xFF. */
    static final byte[] GBK_WITH_NUL = {(byte) 0xb7, (byte) 0xfe, (byte) 0xce, (byte) 0xf1,
        (byte) 0xb2, (byte) 0xbb, (byte) 0xbf, (byte) 0xc9, (byte) 0xd3, (byte) 0xc3, 0x00,
        (byte) 0xff};

    @Test
    void shouldReplaceUndecodableBytesAndNulWhenBodyIsGbkWithoutCharset() {
        String snippet = Text.decode(GBK_WITH_NUL, GBK_WITH_NUL.length, StandardCharsets.UTF_8,
                1024);

        assertThat(snippet).doesNotContain("\u0000").contains("\uFFFD");
        byte[] utf8 = snippet.getBytes(StandardCharsets.UTF_8);
        assertThat(new String(utf8, StandardCharsets.UTF_8)).isEqualTo(snippet);
    }

    @Test
    void shouldCutToMaxCharsWithoutSplittingASurrogatePair() {
        String text = "ab\uD83D\uDE00cd";

        assertThat(Text.clean(text, 3)).isEqualTo("ab");
        assertThat(Text.clean(text, 4)).isEqualTo("ab\uD83D\uDE00");
    }

    @Test
    void shouldReplaceLoneSurrogates() {
        assertThat(Text.clean("x\uD800y", 10)).isEqualTo("x\uFFFDy");
    }
}
