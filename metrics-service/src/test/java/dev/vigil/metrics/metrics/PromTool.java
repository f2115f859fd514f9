package dev.vigil.metrics.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code promtool check metrics} (Debian package {@code prometheus}) on exposition text.
 * A missing promtool fails the test: the check is part of the contract, not optional.
 */
final class PromTool {

    enum Result { OK }

    private PromTool() {
    }

    static Result checkMetrics(String exposition) throws IOException, InterruptedException {
        // Kept for the reader of a failure: the exact text promtool saw.
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "promtool-input.txt"), exposition);
        Process process = new ProcessBuilder("promtool", "check", "metrics")
                .redirectErrorStream(true)
                .start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(exposition.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("promtool did not finish within 30 s");
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("promtool rejected the scrape (exit "
                    + process.exitValue() + "):\n" + output);
        }
        return Result.OK;
    }
}
