package dev.vigil.e2e.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command-line tool (promtool, kubectl) from the repository root, bounded in time. */
record ExternalCommand(int exitCode, String output) {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** Runs the command and returns its exit code and its stdout and stderr together. */
    static ExternalCommand run(Path workingDir, String... command) {
        requireInstalled(command[0]);
        try {
            Path output = Files.createTempFile("vigil-command", ".out");
            Process process = new ProcessBuilder(List.of(command))
                    .directory(workingDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        String.join(" ", command) + " took over " + TIMEOUT);
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            Files.delete(output);
            return new ExternalCommand(process.exitValue(), text);
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
        }
    }

    // A missing tool is a setup problem, not a config error: say how to install it.
    private static void requireInstalled(String tool) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        boolean found = Path.of(tool).isAbsolute() && Files.isExecutable(Path.of(tool))
                || Arrays.stream(path.split(":"))
                        .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
        if (!found) {
            throw new IllegalStateException(tool + " is not installed: run deploy/local/setup");
        }
    }
}
