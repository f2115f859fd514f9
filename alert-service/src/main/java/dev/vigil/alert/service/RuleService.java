package dev.vigil.alert.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import dev.vigil.alert.condition.RuleValidator;
import dev.vigil.alert.model.Rule;
import dev.vigil.alert.model.RuleDefinition;
import dev.vigil.alert.model.RuleStatus;
import dev.vigil.alert.repository.ChannelRepository;
import dev.vigil.alert.repository.RuleRepository;
import dev.vigil.alert.repository.RuleStatusRepository;

/**
 * Creates, changes and removes alert rules after validating them; a name already taken is
 * refused by the table's unique constraint (409), which also settles two concurrent requests.
 */
@ApplicationScoped
public class RuleService {

    private static final Logger LOG = Logger.getLogger(RuleService.class);

    private final RuleRepository rules;
    private final ChannelRepository channels;
    private final RuleStatusRepository statuses;
    private final Clock clock;

    RuleService(RuleRepository rules, ChannelRepository channels, RuleStatusRepository statuses,
            Clock clock) {
        this.rules = rules;
        this.channels = channels;
        this.statuses = statuses;
        this.clock = clock;
    }

    public List<RuleStatus> statusOf(UUID id) {
        return statuses.of(id);
    }

    @Transactional
    public Rule create(RuleDefinition requested) {
        RuleDefinition definition = validate(requested);
        Instant now = DatabaseTime.now(clock);
        Rule rule = new Rule(UUID.randomUUID(), definition, now, now);
        rules.insert(rule);
        LOG.infof("Rule created rule=%s name=%s type=%s", rule.id(), definition.name(),
                definition.condition().type());
        return rule;
    }

    /** The replaced rule, or null when no rule has the id. */
    @Transactional
    public Rule replace(UUID id, RuleDefinition requested) {
        Rule existing = rules.find(id);
        if (existing == null) {
            return null;
        }
        RuleDefinition definition = validate(requested);
        Rule rule = new Rule(id, definition, existing.createdAt(), DatabaseTime.now(clock));
        rules.update(rule);
        LOG.infof("Rule changed rule=%s name=%s", id, definition.name());
        return rule;
    }

    @Transactional
    public boolean delete(UUID id) {
        boolean deleted = rules.delete(id);
        if (deleted) {
            LOG.infof("Rule deleted rule=%s", id);
        }
        return deleted;
    }

    public Rule find(UUID id) {
        return rules.find(id);
    }

    public List<Rule> page(UUID after, int limit) {
        return rules.page(after, limit);
    }

    private RuleDefinition validate(RuleDefinition requested) {
        return RuleValidator.validate(requested, channel -> channels.find(channel) != null);
    }
}
