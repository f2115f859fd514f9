package dev.vigil.quota.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.vigil.kit.problem.ProblemException;
import dev.vigil.quota.config.QuotaConfig;
import dev.vigil.quota.model.PeriodSlot;
import dev.vigil.quota.model.PeriodSummary;
import dev.vigil.quota.model.PeriodSummary.ThresholdCount;
import dev.vigil.quota.model.SystemQuota;
import dev.vigil.quota.model.SystemQuota.TierSummary;
import dev.vigil.quota.model.Tier;
import dev.vigil.quota.period.QuotaPeriod;
import dev.vigil.quota.repository.QuotaReportRepository;
import dev.vigil.quota.repository.QuotaReportRepository.OverRow;
import dev.vigil.quota.repository.QuotaReportRepository.SummaryRow;
import dev.vigil.quota.repository.TierRepository;

/** The system view: per tier and current period, users, utilization and users over thresholds. */
@ApplicationScoped
public class SystemQuotaService {

    private final TierRepository tiers;
    private final QuotaReportRepository reports;
    private final QuotaConfig config;
    private final Clock clock;

    SystemQuotaService(
            TierRepository tiers,
            QuotaReportRepository reports,
            QuotaConfig config,
            Clock clock) {
        this.tiers = tiers;
        this.reports = reports;
        this.config = config;
        this.clock = clock;
    }

    /** Every tier, or only {@code tierName} (400 naming {@code tier} when unknown). */
    public SystemQuota summarize(String tierName) {
        Instant now = clock.instant();
        List<Tier> selected = selectTiers(tierName);
        List<PeriodSlot> slots = QuotaService.slots(QuotaService.UNLIMITED, now);
        Map<String, SummaryRow> summary = reports.summarize(slots, config.defaultTier(), tierName)
                .stream()
                .collect(Collectors.toMap(row -> row.tier() + "/" + row.period(),
                        Function.identity()));
        List<OverRow> over = reports.countOverThresholds(slots, config.defaultTier(), tierName);

        List<TierSummary> result = new ArrayList<>();
        for (Tier tier : selected) {
            List<PeriodSummary> periods = slots.stream()
                    .map(slot -> period(tier, slot, summary, over))
                    .toList();
            result.add(new TierSummary(tier.name(), periods));
        }
        return new SystemQuota(now, result);
    }

    private List<Tier> selectTiers(String tierName) {
        Map<String, Tier> all = tiers.findAll();
        if (tierName == null) {
            return all.values().stream().sorted(Comparator.comparing(Tier::name)).toList();
        }
        Tier tier = all.get(tierName);
        if (tier == null) {
            throw ProblemException.invalidField("tier", "no tier named " + tierName);
        }
        return List.of(tier);
    }

    private static PeriodSummary period(
            Tier tier,
            PeriodSlot slot,
            Map<String, SummaryRow> summary,
            List<OverRow> over) {
        SummaryRow row = summary.get(tier.name() + "/" + slot.period());
        List<ThresholdCount> counts = tier.thresholds().stream()
                .map(threshold -> new ThresholdCount(threshold,
                        usersOver(over, tier.name(), slot.period(), threshold)))
                .toList();
        if (row == null) {
            return new PeriodSummary(slot.period(), slot.start(), 0, null, null, counts);
        }
        return new PeriodSummary(slot.period(), slot.start(), row.users(), row.average(),
                row.maximum(), counts);
    }

    private static long usersOver(
            List<OverRow> over,
            String tier,
            QuotaPeriod period,
            double threshold) {
        return over.stream()
                .filter(row -> row.tier().equals(tier) && row.period() == period)
                .filter(row -> row.threshold() == threshold)
                .mapToLong(OverRow::users)
                .sum();
    }
}
