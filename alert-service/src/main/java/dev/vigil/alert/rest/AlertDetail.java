package dev.vigil.alert.rest;

import java.util.List;

import dev.vigil.alert.model.DeliveryAttempt;
import dev.vigil.alert.model.Transition;

/** One alert with every transition and every delivery attempt. */
public record AlertDetail(AlertView alert, List<Transition> transitions,
        List<DeliveryAttempt> deliveries) {
}
