package dev.vigil.metrics.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.vigil.metrics.model.RequestRecord;
import dev.vigil.metrics.repository.AggregateRepository;
import dev.vigil.metrics.repository.RequestRecordRepository;
import dev.vigil.metrics.stats.AggregateBuilder;

/**
 * Stores a batch in one transaction: raw rows first, and only the records whose request id was
 * new go into the pre-aggregates, so a record seen twice counts once everywhere.
 */
@ApplicationScoped
public class UsageWriter {

    private final RequestRecordRepository records;
    private final AggregateRepository aggregates;

    UsageWriter(RequestRecordRepository records, AggregateRepository aggregates) {
        this.records = records;
        this.aggregates = aggregates;
    }

    /** Stores the batch; returns the records that were new. */
    @Transactional
    public List<RequestRecord> write(List<RequestRecord> batch, Instant ingestedAt) {
        List<RequestRecord> unique = firstPerRequestId(batch);
        List<String> inserted = records.insertNew(unique, ingestedAt);

        List<RequestRecord> fresh = newOnly(unique, inserted);
        AggregateBuilder builder = new AggregateBuilder();
        fresh.forEach(builder::add);
        aggregates.add(builder.build(), ingestedAt);
        return fresh;
    }

    private static List<RequestRecord> firstPerRequestId(List<RequestRecord> batch) {
        Set<String> seen = new HashSet<>(capacityFor(batch.size()));
        List<RequestRecord> unique = new ArrayList<>(batch.size());
        for (RequestRecord record : batch) {
            if (seen.add(record.requestId())) {
                unique.add(record);
            }
        }
        return unique;
    }

    /** The records whose id is among the inserted ones, in batch order. */
    private static List<RequestRecord> newOnly(List<RequestRecord> unique, List<String> inserted) {
        // The ids are distinct, so as many inserted as sent means all were new: the usual
        // case, which then needs no set of ids.
        if (inserted.size() == unique.size()) {
            return unique;
        }
        Set<String> ids = new HashSet<>(inserted);
        List<RequestRecord> fresh = new ArrayList<>(inserted.size());
        for (RequestRecord record : unique) {
            if (ids.contains(record.requestId())) {
                fresh.add(record);
            }
        }
        return fresh;
    }

    private static int capacityFor(int size) {
        return (int) (size / 0.75f) + 1;
    }
}
