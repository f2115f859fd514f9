package dev.vigil.kit.problem;

import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import dev.vigil.common.serde.RefusedValueException;

/**
 * Turns what Jackson reports about a request body into a problem the caller can act on: the
 * field's path where one is known, and a message in the API's terms, never a Java type name.
 */
final class JsonProblems {

    private JsonProblems() {
    }

    static Response of(JsonProcessingException e) {
        // A body cut short has no bad field, only an end that came too soon.
        String field = e instanceof JsonMappingException mapping ? pathOf(mapping)
                : endsTooSoon(e) ? "" : pathOf(e.getProcessor());
        String message = messageOf(e);
        if (field.isEmpty()) {
            return ProblemResponses.of(400, "malformed-json", "Malformed JSON",
                    "request body " + message);
        }
        return ProblemResponses.of(400, "validation", "Invalid request", field + ": " + message,
                List.of(new Violation(field, message)));
    }

    private static String messageOf(JsonProcessingException e) {
        if (e instanceof RefusedValueException) {
            return e.getOriginalMessage();
        }
        InputCoercionException coercion = coercionIn(e);
        if (coercion != null) {
            return "is out of range" + rangeOf(coercion.getTargetType());
        }
        if (endsTooSoon(e)) {
            return "ends before its JSON is complete";
        }
        // Our records refuse bad values in their constructors with messages for the caller.
        if (e instanceof ValueInstantiationException
                && e.getCause() instanceof IllegalArgumentException cause) {
            return firstLine(cause.getMessage());
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "must be " + expected(mismatch.getTargetType(),
                    e instanceof InvalidFormatException);
        }
        if (e instanceof JsonMappingException) {
            return "cannot be read";
        }
        // Some errors, such as the nesting limit, carry no location.
        JsonLocation at = e.getLocation();
        return at == null ? "is not valid JSON: " + firstLine(e.getOriginalMessage())
                : "is not valid JSON (line " + at.getLineNr() + ", column " + at.getColumnNr()
                        + ")";
    }

    /** Databind wraps the parser's number-range error; either may arrive here. */
    private static InputCoercionException coercionIn(JsonProcessingException e) {
        if (e instanceof InputCoercionException coercion) {
            return coercion;
        }
        return e.getCause() instanceof InputCoercionException coercion ? coercion : null;
    }

    private static boolean endsTooSoon(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        return e instanceof JsonEOFException
                || message != null && message.startsWith("Unexpected end-of-input");
    }

    /** What a value of the target type looks like, in JSON terms. */
    private static String expected(Class<?> type, boolean textGiven) {
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        if (type == Integer.class || type == int.class || type == Long.class
                || type == long.class || type == Short.class || type == short.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == UUID.class) {
            return "a UUID";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 instant such as 2026-01-01T00:00:00Z";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a JSON array";
        }
        if (Map.class.isAssignableFrom(type) || !textGiven) {
            return "a JSON object";
        }
        return "a valid value";
    }

    private static String rangeOf(Class<?> type) {
        if (type == Integer.TYPE || type == Integer.class) {
            return " (at most " + Integer.MAX_VALUE + ")";
        }
        if (type == Long.TYPE || type == Long.class) {
            return " (at most " + Long.MAX_VALUE + ")";
        }
        return "";
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                appendName(path, ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** Where the parser stood when it failed: the field whose value it was reading. */
    private static String pathOf(Object processor) {
        if (!(processor instanceof JsonParser parser)) {
            return "";
        }
        List<String> steps = new ArrayList<>();
        for (JsonStreamContext context = parser.getParsingContext(); context != null;
                context = context.getParent()) {
            if (context.inObject() && context.getCurrentName() != null) {
                steps.add(context.getCurrentName());
            } else if (context.inArray() && context.getCurrentIndex() >= 0) {
                steps.add("[" + context.getCurrentIndex() + "]");
            }
        }
        Collections.reverse(steps);
        StringBuilder path = new StringBuilder();
        steps.forEach(step -> appendName(path, step));
        return path.toString();
    }

    private static void appendName(StringBuilder path, String name) {
        if (path.length() > 0 && !name.startsWith("[")) {
            path.append('.');
        }
        path.append(name);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "cannot be read";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
