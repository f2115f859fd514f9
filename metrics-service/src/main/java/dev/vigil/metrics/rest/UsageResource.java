package dev.vigil.metrics.rest;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import dev.vigil.kit.problem.ProblemException;
import dev.vigil.kit.security.Roles;
import dev.vigil.metrics.config.MetricsConfig;
import dev.vigil.metrics.model.RequestRecord;
import dev.vigil.metrics.rest.dto.BatchResult;
import dev.vigil.metrics.rest.dto.BatchResult.RecordError;
import dev.vigil.metrics.service.AccessLogImporter;
import dev.vigil.metrics.service.ImportReport;
import dev.vigil.metrics.service.InvalidRecordException;
import dev.vigil.metrics.service.UsageIngestor;
import dev.vigil.metrics.service.UsageValidator;

/** Takes reported requests: JSON batches from services and access logs from operators. */
@Path("/api/usage")
@Tag(name = "Usage", description = "Request records in")
@Produces(MediaType.APPLICATION_JSON)
public class UsageResource {

    private final UsageValidator validator;
    private final UsageIngestor ingestor;
    private final AccessLogImporter importer;
    private final MetricsConfig config;

    UsageResource(
            UsageValidator validator,
            UsageIngestor ingestor,
            AccessLogImporter importer,
            MetricsConfig config) {
        this.validator = validator;
        this.ingestor = ingestor;
        this.importer = importer;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.REPORTER, Roles.ADMIN})
    @Operation(summary = "Store a batch of request records; bad records are listed, not fatal")
    public BatchResult report(JsonNode body) {
        checkBatch(body);
        List<RequestRecord> valid = new ArrayList<>();
        List<RecordError> errors = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            try {
                valid.add(validator.fromJson(body.get(i)));
            } catch (InvalidRecordException e) {
                errors.add(new RecordError(i, e.field(), e.reason()));
            }
        }
        int stored = ingestor.store(valid);
        return new BatchResult(valid.size(), errors.size(), valid.size() - stored, errors);
    }

    @POST
    @Path("/import")
    @Consumes({MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Import an Apache/Nginx access log (combined format) for one service")
    public ImportReport importLog(@QueryParam("service") String service, InputStream body) {
        if (service == null || service.isBlank()) {
            throw ProblemException.invalidField("service", "is required");
        }
        if (service.length() > 200) {
            throw ProblemException.invalidField("service", "must be at most 200 characters");
        }
        return importer.importLog(service.strip(), body);
    }

    private void checkBatch(JsonNode body) {
        if (body == null || !body.isArray()) {
            throw ProblemException.invalidField("body", "must be a JSON array of records");
        }
        if (body.size() > config.maxBatchRecords()) {
            throw ProblemException.invalidField("body", "must hold at most "
                    + config.maxBatchRecords() + " records, got " + body.size());
        }
    }
}
