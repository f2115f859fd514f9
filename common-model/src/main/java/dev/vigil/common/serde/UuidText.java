package dev.vigil.common.serde;

/**
 * Recognises a UUID written as text (8-4-4-4-12 hex characters of either case) by looking at
 * the characters, for the paths where every record passes and a regular expression or a
 * parse that throws would cost too much.
 */
public final class UuidText {

    public static final int LENGTH = 36;

    private UuidText() {
    }

    /** Whether text holds a UUID at [from, from + 36); the caller checks the length. */
    public static boolean isAt(String text, int from) {
        for (int i = 0; i < LENGTH; i++) {
            char c = text.charAt(from + i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !isHex(c)) {
                return false;
            }
        }
        return true;
    }

    /** An ASCII hex digit, of either case. */
    public static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
