package dev.vigil.alert.channel;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import dev.vigil.kit.problem.ProblemException;

/**
 * The recipients of an email channel: one or more {@code local@domain} addresses separated by
 * commas. Checked character by character, since a line break in a recipient would let the
 * caller add mail headers of their own (a Bcc, say).
 */
public final class EmailAddresses {

    private static final String ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
    private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    private static final Pattern ADDRESS = Pattern.compile(
            ATOM + "(?:\\." + ATOM + ")*@" + LABEL + "(?:\\." + LABEL + ")*");
    private static final int MAX_ADDRESS_LENGTH = 254;
    private static final int MAX_ADDRESSES = 20;

    private EmailAddresses() {
    }

    /** The addresses of a stored list, trimmed. */
    public static List<String> split(String to) {
        return Arrays.stream(to.split(",", -1)).map(String::trim).toList();
    }

    /** Throws a 400 naming {@code field} unless {@code to} is a valid list of addresses. */
    public static void check(String field, String to) {
        if (to == null || to.isBlank()) {
            throw ProblemException.invalidField(field, "is required for email");
        }
        List<String> addresses = split(to);
        if (addresses.size() > MAX_ADDRESSES) {
            throw ProblemException.invalidField(field,
                    "must list at most " + MAX_ADDRESSES + " addresses");
        }
        if (!addresses.stream().allMatch(EmailAddresses::isAddress)) {
            throw ProblemException.invalidField(field, "must be one or more email addresses "
                    + "(local@domain) separated by commas, without line breaks");
        }
    }

    private static boolean isAddress(String address) {
        return address.length() <= MAX_ADDRESS_LENGTH && ADDRESS.matcher(address).matches();
    }
}
