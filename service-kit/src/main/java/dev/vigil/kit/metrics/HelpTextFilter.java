package dev.vigil.kit.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Keeps double quotes out of metric descriptions. The Prometheus exporter writes a quote in a
 * HELP line as {@code \"}, which the text format (0.0.4) does not allow there: Prometheus's
 * strict parser, and so {@code promtool check metrics}, rejects the whole scrape. Micrometer's
 * own CPU meters have such descriptions ({@code The "recent cpu usage" ...}).
 */
@ApplicationScoped
public class HelpTextFilter {

    @Produces
    @Singleton
    MeterFilter quoteFreeDescriptions() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                String description = id.getDescription();
                if (description == null || description.indexOf('"') < 0) {
                    return id;
                }
                return new Meter.Id(id.getName(), Tags.of(id.getTagsAsIterable()),
                        id.getBaseUnit(), description.replace('"', '\''), id.getType());
            }
        };
    }
}
