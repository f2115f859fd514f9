package dev.vigil.common.serde;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * A JSON value of the right type that Vigil refuses, with a message for whoever sent it, such
 * as "must not contain NUL characters"; Jackson adds the field's path on the way out.
 */
public class RefusedValueException extends MismatchedInputException {

    public RefusedValueException(JsonParser parser, String message, Class<?> type) {
        super(parser, message, type);
    }
}
