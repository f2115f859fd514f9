package dev.vigil.common;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a type other services and subscribers may depend on.
 *
 * <p>A stable type changes only by adding optional fields; removing or renaming a field bumps
 * the event's {@code schemaVersion}. Anything in common-model without this mark may change
 * freely between releases.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface StableApi {
}
