package dev.vigil.metrics.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        Set<String> inserted = records.insertNew(unique, ingestedAt);

        List<RequestRecord> fresh = new ArrayList<>(inserted.size());
        AggregateBuilder builder = new AggregateBuilder();
        for (RequestRecord record : unique) {
            if (inserted.contains(record.requestId())) {
                fresh.add(record);
                builder.add(record);
            }
        }
        aggregates.add(builder.build(), ingestedAt);
        return fresh;
    }

    private static List<RequestRecord> firstPerRequestId(List<RequestRecord> batch) {
        Map<String, RequestRecord> unique = new LinkedHashMap<>();
        batch.forEach(record -> unique.putIfAbsent(record.requestId(), record));
        return new ArrayList<>(unique.values());
    }
}
