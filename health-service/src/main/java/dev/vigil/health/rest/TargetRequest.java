package dev.vigil.health.rest;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.databind.JsonNode;

import dev.vigil.health.model.TargetKind;

/**
 * The body of a create or replace: a target's definition as the caller writes it. Absent
 * optional fields take the defaults documented in the README.
 */
public record TargetRequest(
        @NotBlank @Size(max = 200) String name,
        @NotNull TargetKind kind,
        @NotNull @Min(5) @Max(86_400) Integer intervalSeconds,
        @NotNull @Min(100) @Max(300_000) Integer timeoutMs,
        @Min(1) @Max(300_000) Integer degradedAfterMs,
        @Min(1) @Max(300_000) Integer unhealthyAfterMs,
        Boolean critical,
        @Size(max = 20) List<@NotNull @Pattern(regexp = "[A-Za-z0-9_.:-]{1,64}") String> tags,
        Boolean enabled,
        @NotNull JsonNode settings) {

    public int degradedAfterMsOrDefault() {
        return degradedAfterMs == null ? 500 : degradedAfterMs;
    }

    public int unhealthyAfterMsOrDefault() {
        return unhealthyAfterMs == null ? 2000 : unhealthyAfterMs;
    }

    public boolean criticalOrDefault() {
        return critical != null && critical;
    }

    public boolean enabledOrDefault() {
        return enabled == null || enabled;
    }

    public List<String> tagsOrDefault() {
        return tags == null ? List.of() : tags.stream().distinct().toList();
    }
}
