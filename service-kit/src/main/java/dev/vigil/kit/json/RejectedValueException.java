package dev.vigil.kit.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * A JSON value of the right type that Vigil still refuses, with a message meant for the
 * caller as it is; Jackson adds the field's path on the way out.
 */
public class RejectedValueException extends MismatchedInputException {

    public RejectedValueException(JsonParser parser, String message, Class<?> type) {
        super(parser, message, type);
    }
}
