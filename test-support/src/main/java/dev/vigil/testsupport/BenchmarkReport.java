package dev.vigil.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A benchmark's figures: each line is printed with a {@code [benchmark]} prefix as it is
 * measured and written to {@code target/benchmarks/<file>} at the end, for the closing note.
 */
public final class BenchmarkReport {

    private final String file;
    private final List<String> lines = new ArrayList<>();

    public BenchmarkReport(String file) {
        this.file = file;
    }

    public void line(String format, Object... args) {
        String text = String.format(Locale.ROOT, format, args);
        System.out.println("[benchmark] " + text);
        lines.add(text);
    }

    public Path write() throws IOException {
        Path dir = Path.of("target", "benchmarks");
        Files.createDirectories(dir);
        return Files.write(dir.resolve(file), lines);
    }

    /** The 1, 5 and 15 minute load averages, which say how much else shared the machine. */
    public static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return String.join(",", parts[0], parts[1], parts[2]);
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
