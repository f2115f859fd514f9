package dev.vigil.health.check;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;

/**
 * Makes text safe to store and publish: valid UTF-8 once encoded (undecodable bytes become
 * U+FFFD), no NUL (Postgres text rejects it), cut to a length without splitting a character
 * (BR-07).
 */
public final class Text {

    private static final char REPLACEMENT = '\uFFFD';

    private Text() {
    }

    /** Decodes bytes in a charset, replacing what does not decode, then cleans the result. */
    public static String decode(byte[] bytes, int length, Charset charset, int maxChars) {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes, 0, length));
            return clean(chars.toString(), maxChars);
        } catch (CharacterCodingException e) {
            // REPLACE never throws; kept total so a snippet can never fail a check.
            return "";
        }
    }

    /** Replaces NUL and lone surrogates and cuts to at most {@code maxChars} chars. */
    public static String clean(String text, int maxChars) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), maxChars));
        int i = 0;
        while (i < text.length() && out.length() < maxChars) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                if (out.length() + 2 > maxChars) {
                    break;
                }
                out.append(c).append(text.charAt(i + 1));
                i += 2;
                continue;
            }
            boolean bad = c == '\u0000' || Character.isSurrogate(c);
            out.append(bad ? REPLACEMENT : c);
            i++;
        }
        return out.toString();
    }
}
