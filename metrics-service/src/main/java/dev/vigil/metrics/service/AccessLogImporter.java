package dev.vigil.metrics.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.vigil.metrics.config.MetricsConfig;
import dev.vigil.metrics.model.RequestRecord;
import dev.vigil.metrics.service.AccessLogParser.LogLine;
import dev.vigil.metrics.service.ImportReport.RejectedLine;
import dev.vigil.metrics.service.LogLineReader.Line;

/**
 * Imports an access log for one service. Each line's request id is derived from the service,
 * the line's text and how often that same text occurred before in the file, so importing the
 * same file again (or a longer version of it) adds nothing, while two identical lines in one
 * file still count as two requests.
 */
@ApplicationScoped
public class AccessLogImporter {

    /**
     * Longest line read; a longer one is refused unread. The longest stored field, the
     * endpoint, may have 2,048 characters, so this leaves ample room for referrer and agent
     * while bounding what one line costs in memory and hashing.
     */
    static final int MAX_LINE_LENGTH = 16_384;

    private static final Logger LOG = Logger.getLogger(AccessLogImporter.class);

    private final UsageIngestor ingestor;
    private final UsageValidator validator;
    private final MetricsConfig config;

    AccessLogImporter(UsageIngestor ingestor, UsageValidator validator, MetricsConfig config) {
        this.ingestor = ingestor;
        this.validator = validator;
        this.config = config;
    }

    /** Reads the log to its end; a bad line is reported and skipped, never fatal. */
    public ImportReport importLog(String service, InputStream body) {
        Progress progress = new Progress(service);
        try (Reader text = new InputStreamReader(body, StandardCharsets.UTF_8)) {
            LogLineReader lines = new LogLineReader(text, MAX_LINE_LENGTH);
            Line line;
            while ((line = lines.next()) != null) {
                progress.read(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the access log", e);
        }
        progress.flush();
        LOG.infof("Imported access log service=%s accepted=%d rejected=%d duplicates=%d",
                service, progress.accepted, progress.rejected, progress.duplicates);
        return new ImportReport(progress.accepted, progress.rejected, progress.duplicates,
                progress.rejectedLines);
    }

    /** The state of one import. */
    private final class Progress {
        final String service;
        final Map<String, Integer> seen = new HashMap<>();
        final List<RequestRecord> batch = new ArrayList<>();
        final List<RejectedLine> rejectedLines = new ArrayList<>();
        final MessageDigest digest = sha256();
        long lineNumber;
        long accepted;
        long rejected;
        long duplicates;

        Progress(String service) {
            this.service = service;
        }

        void read(Line line) {
            lineNumber++;
            if (line.tooLong()) {
                reject("line: longer than " + MAX_LINE_LENGTH + " characters");
            } else if (!line.text().isBlank()) {
                accept(line.text());
            }
            if (batch.size() >= config.importBatchLines()) {
                flush();
            }
        }

        private void accept(String line) {
            try {
                batch.add(toRecord(line));
                accepted++;
            } catch (InvalidRecordException e) {
                reject(e.getMessage());
            } catch (RuntimeException e) {
                // No line may fail the whole import: a line the parser should have refused
                // in words is still only this line's problem.
                LOG.warnf(e, "Access-log line not read service=%s line=%d", service, lineNumber);
                reject("line: cannot be read");
            }
        }

        void flush() {
            if (!batch.isEmpty()) {
                duplicates += batch.size() - ingestor.store(batch);
                batch.clear();
            }
        }

        private RequestRecord toRecord(String line) {
            LogLine parsed = AccessLogParser.parse(line);
            String lineHash = hash(line);
            int occurrence = seen.merge(lineHash, 1, Integer::sum);
            String requestId = "log-" + hash(service + '\n' + lineHash + '\n' + occurrence);
            return validator.toRecord(requestId, parsed.occurredAt(), service, parsed.target(),
                    parsed.method(), (long) parsed.status(), parsed.responseTimeMs(),
                    parsed.status() < 500, null, null, parsed.user());
        }

        private void reject(String reason) {
            rejected++;
            if (rejectedLines.size() < config.maxRejectedLines()) {
                rejectedLines.add(new RejectedLine(lineNumber, reason));
            }
        }

        private String hash(String text) {
            byte[] bytes = digest.digest(text.getBytes(StandardCharsets.UTF_8));
            // 128 bits: collisions are out of reach for any log size.
            return HexFormat.of().formatHex(bytes, 0, 16);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
