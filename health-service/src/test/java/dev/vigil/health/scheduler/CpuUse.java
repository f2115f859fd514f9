package dev.vigil.health.scheduler;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * CPU time spent during a benchmark, read from /proc: this JVM, all Postgres processes and the
 * whole machine, in cores (1.0 = one core busy all the time).
 */
final class CpuUse {

    private static final double TICKS_PER_SECOND = 100.0;

    private final long jvmNanos;
    private final long postgresTicks;
    private final long[] machineTicks;

    private CpuUse(long jvmNanos, long postgresTicks, long[] machineTicks) {
        this.jvmNanos = jvmNanos;
        this.postgresTicks = postgresTicks;
        this.machineTicks = machineTicks;
    }

    static CpuUse start() {
        return new CpuUse(jvmCpuNanos(), postgresTicks(), machineTicks());
    }

    /** One line: cores used by each since {@link #start}, and the load average now. */
    String stop(double elapsedSeconds) {
        double jvm = (jvmCpuNanos() - jvmNanos) / 1e9 / elapsedSeconds;
        double postgres = (postgresTicks() - postgresTicks) / TICKS_PER_SECOND / elapsedSeconds;
        long[] machine = machineTicks();
        double busy = machine[0] - machineTicks[0];
        double total = machine[1] - machineTicks[1];
        double cores = Runtime.getRuntime().availableProcessors();
        return String.format(Locale.ROOT, "cpuCores jvm=%.2f postgres=%.2f machine=%.2f of %.0f "
                + "loadAverage=%s", jvm, postgres, busy / total * cores, cores, loadAverage());
    }

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** utime + stime of every process named postgres, in clock ticks. */
    private static long postgresTicks() {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .mapToLong(CpuUse::ticksIfPostgres).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    private static long ticksIfPostgres(Path process) {
        try {
            String stat = Files.readString(process.resolve("stat"));
            int close = stat.lastIndexOf(')');
            if (!stat.substring(stat.indexOf('(') + 1, close).startsWith("postgres")) {
                return 0;
            }
            String[] fields = stat.substring(close + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Busy and total ticks of all CPUs from the first line of /proc/stat. */
    private static long[] machineTicks() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim()
                    .split("\\s+");
            long total = 0;
            for (int i = 1; i < fields.length; i++) {
                total += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 1};
        }
    }

    private static String loadAverage() {
        try {
            List<String> parts = List.of(Files.readString(Path.of("/proc/loadavg")).split(" "));
            return String.join(",", parts.subList(0, 3));
        } catch (IOException e) {
            return "unknown";
        }
    }
}
