package dev.vigil.common.event;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an event field that may be absent; every other field is required.
 *
 * <p>{@link dev.vigil.common.serde.EventCodec} rejects an event that misses a required field,
 * so a reader never has to guess whether a null is a bug upstream or a legitimate gap.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD})
public @interface Optional {
}
