package dev.vigil.kit.problem;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;

/**
 * Finds which query or path parameter a request got wrong when the framework could not convert
 * it (it reports only that one failed), by converting each again as the resource declares it.
 */
final class ParameterProblems {

    /** A parameter whose value does not convert to its declared type. */
    record BadParameter(String name, boolean inPath, String value, String expected) {
    }

    private ParameterProblems() {
    }

    static Optional<BadParameter> find(Method method, UriInfo uri) {
        if (method == null) {
            return Optional.empty();
        }
        for (Parameter parameter : method.getParameters()) {
            Optional<BadParameter> bad = parameter.isAnnotationPresent(BeanParam.class)
                    ? inBean(parameter.getType(), uri)
                    : check(parameter, parameter.getType(), uri);
            if (bad.isPresent()) {
                return bad;
            }
        }
        return Optional.empty();
    }

    private static Optional<BadParameter> inBean(Class<?> bean, UriInfo uri) {
        for (Field field : bean.getDeclaredFields()) {
            Optional<BadParameter> bad = check(field, field.getType(), uri);
            if (bad.isPresent()) {
                return bad;
            }
        }
        return Optional.empty();
    }

    private static Optional<BadParameter> check(AnnotatedElement element, Class<?> type,
            UriInfo uri) {
        QueryParam query = element.getAnnotation(QueryParam.class);
        PathParam path = element.getAnnotation(PathParam.class);
        if (query == null && path == null) {
            return Optional.empty();
        }
        String name = query != null ? query.value() : path.value();
        MultivaluedMap<String, String> values = query != null ? uri.getQueryParameters()
                : uri.getPathParameters();
        List<String> given = values.get(name);
        if (given == null) {
            return Optional.empty();
        }
        for (String value : given) {
            Optional<String> expected = mismatch(type, value);
            if (expected.isPresent()) {
                return Optional.of(new BadParameter(name, path != null, value, expected.get()));
            }
        }
        return Optional.empty();
    }

    /** What the value should have been, when it does not convert to the type. */
    private static Optional<String> mismatch(Class<?> type, String value) {
        try {
            if (type == Integer.class || type == int.class) {
                Integer.parseInt(value);
                return Optional.empty();
            }
            if (type == Long.class || type == long.class) {
                Long.parseLong(value);
                return Optional.empty();
            }
            if (type == UUID.class) {
                UUID.fromString(value);
                return Optional.empty();
            }
            if (type.isEnum()) {
                return List.of(type.getEnumConstants()).stream()
                        .anyMatch(constant -> constant.toString().equals(value))
                        ? Optional.empty()
                        : Optional.of("one of " + List.of(type.getEnumConstants()));
            }
        } catch (IllegalArgumentException e) {
            return Optional.of(type == UUID.class ? "a UUID"
                    : "a whole number (at most " + maxOf(type) + ")");
        }
        return Optional.empty();
    }

    private static long maxOf(Class<?> type) {
        return type == Integer.class || type == int.class ? Integer.MAX_VALUE : Long.MAX_VALUE;
    }
}
