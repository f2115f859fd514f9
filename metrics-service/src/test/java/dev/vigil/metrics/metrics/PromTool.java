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
 * promtool exits 1 when the text does not parse and 3 when it parses but breaks a lint rule.
 */
final class PromTool {

    static final int OK = 0;
    static final int PARSE_ERROR = 1;
    static final int LINT_PROBLEMS = 3;

    /** What promtool said. */
    record Verdict(int exitCode, String output) {
    }

    private PromTool() {
    }

    static Verdict checkMetrics(String exposition, String name)
            throws IOException, InterruptedException {
        // Kept for the reader of a failure: the exact text promtool saw.
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "promtool-" + name + ".txt"), exposition);
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
        return new Verdict(process.exitValue(), output);
    }
}
