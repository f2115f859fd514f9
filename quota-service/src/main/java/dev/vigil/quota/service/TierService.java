package dev.vigil.quota.service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import dev.vigil.kit.paging.Cursors;
import dev.vigil.kit.paging.Page;
import dev.vigil.kit.problem.ProblemException;
import dev.vigil.kit.problem.Violation;
import dev.vigil.quota.config.QuotaConfig;
import dev.vigil.quota.model.Tier;
import dev.vigil.quota.repository.TierRepository;

/** Creates, changes and assigns tiers, keeping the default tier and tiers in use in place. */
@ApplicationScoped
public class TierService {

    private static final Logger LOG = Logger.getLogger(TierService.class);

    private final TierRepository tiers;
    private final QuotaConfig config;

    TierService(TierRepository tiers, QuotaConfig config) {
        this.tiers = tiers;
        this.config = config;
    }

    /** One page of tiers ordered by name. */
    public Page<Tier> list(String cursor, int limit) {
        List<Tier> page = tiers.findPage(Cursors.decode(cursor), limit + 1);
        if (page.size() <= limit) {
            return new Page<>(page, null);
        }
        List<Tier> items = page.subList(0, limit);
        return new Page<>(List.copyOf(items), Cursors.encode(items.get(limit - 1).name()));
    }

    /** The tier, or null. */
    public Tier find(String name) {
        return tiers.find(name);
    }

    /** Stores a new tier; 409 naming {@code name} when it exists. */
    @Transactional
    public Tier create(Tier tier) {
        Tier normalized = normalized(tier);
        if (!tiers.insert(normalized)) {
            throw ProblemException.conflict("name", "a tier named " + tier.name() + " exists");
        }
        LOG.infof("Tier created tier=%s", tier.name());
        return normalized;
    }

    /** Replaces a tier's limits; null when there is no such tier. */
    @Transactional
    public Tier update(Tier tier) {
        Tier normalized = normalized(tier);
        if (!tiers.update(normalized)) {
            return null;
        }
        LOG.infof("Tier changed tier=%s", tier.name());
        return normalized;
    }

    /** Deletes a tier; false when there is none; 409 for the default tier or one in use. */
    @Transactional
    public boolean delete(String name) {
        if (name.equals(config.defaultTier())) {
            throw ProblemException.conflict("name", "the default tier cannot be deleted");
        }
        if (tiers.isAssigned(name)) {
            throw ProblemException.conflict("name", "users are assigned to tier " + name);
        }
        boolean deleted = tiers.delete(name);
        if (deleted) {
            LOG.infof("Tier deleted tier=%s", name);
        }
        return deleted;
    }

    /** The tier a user is on: the assigned one or the default. */
    public String tierNameOf(String userId) {
        Tier tier = tiers.findTierOfUser(userId, config.defaultTier());
        return tier == null ? config.defaultTier() : tier.name();
    }

    /** Moves a user to a tier; counted usage stays, since it belongs to the user. */
    @Transactional
    public void assign(String userId, String tierName) {
        if (tiers.find(tierName) == null) {
            throw ProblemException.invalidField("tier", "no tier named " + tierName);
        }
        tiers.assign(userId, tierName);
        LOG.infof("User tier changed user=%s tier=%s", userId, tierName);
    }

    /** Thresholds default to 0.8 and 1.0, are ratios in (0, 1], unique, kept ascending. */
    static Tier normalized(Tier tier) {
        List<Double> thresholds = tier.thresholds() == null
                ? Tier.DEFAULT_THRESHOLDS
                : tier.thresholds();
        Set<Double> seen = new HashSet<>();
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < thresholds.size(); i++) {
            Double threshold = thresholds.get(i);
            String field = "thresholds[" + i + "]";
            if (threshold == null || threshold <= 0 || threshold > 1) {
                violations.add(new Violation(field,
                        "must be a ratio greater than 0 and at most 1"));
            } else if (!seen.add(threshold)) {
                violations.add(new Violation(field, "repeats the value " + threshold));
            }
        }
        if (!violations.isEmpty()) {
            // Every bad threshold at once, so the caller fixes the list in one go.
            throw new ProblemException(400, "validation", "Invalid request",
                    violations.stream().map(v -> v.field() + ": " + v.message())
                            .collect(Collectors.joining("; ")),
                    violations);
        }
        List<Double> sorted = new ArrayList<>(thresholds);
        sorted.sort(Double::compare);
        return new Tier(tier.name(), tier.requestsPerMinute(), tier.requestsPerDay(),
                tier.requestsPerMonth(), List.copyOf(sorted));
    }
}
