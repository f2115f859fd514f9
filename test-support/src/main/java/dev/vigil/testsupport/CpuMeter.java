package dev.vigil.testsupport;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * CPU a benchmark spent, read from the JVM and /proc: this JVM (optionally without the thread
 * that produced the load), every process named postgres, and the whole machine. Figures per
 * record or in cores stay comparable whatever else loads the machine; Postgres time includes
 * the server's other clients.
 */
public final class CpuMeter {

    private static final double TICKS_PER_SECOND = 100.0;

    private final long jvmStart;
    private final long postgresStart;
    private final long[] machineStart;
    private final long threadStart;
    private long excluded;
    private long jvmEnd = -1;
    private long postgresEnd;
    private long[] machineEnd;

    private CpuMeter() {
        jvmStart = jvmNanos();
        postgresStart = postgresTicks();
        machineStart = machineTicks();
        threadStart = threadNanos();
    }

    public static CpuMeter start() {
        return new CpuMeter();
    }

    /**
     * Leaves out the CPU the calling thread used since {@link #start} (a load generator in
     * this JVM); call it on the thread that started the meter.
     */
    public void excludeCurrentThread() {
        excluded = threadNanos() - threadStart;
    }

    /** Fixes the end of the measured span; the first read does it too. */
    public void stop() {
        if (jvmEnd < 0) {
            jvmEnd = jvmNanos();
            postgresEnd = postgresTicks();
            machineEnd = machineTicks();
        }
    }

    public double jvmSeconds() {
        stop();
        return (jvmEnd - jvmStart - excluded) / 1e9;
    }

    public double postgresSeconds() {
        stop();
        return (postgresEnd - postgresStart) / TICKS_PER_SECOND;
    }

    /** Busy cores of the whole machine over the span (2.0 = two cores busy throughout). */
    public double machineCores() {
        stop();
        double busy = machineEnd[0] - machineStart[0];
        double total = Math.max(1, machineEnd[1] - machineStart[1]);
        return busy / total * Runtime.getRuntime().availableProcessors();
    }

    /** One line: the cores each used over {@code elapsedSeconds}, and the load average. */
    public String cores(double elapsedSeconds) {
        return String.format(Locale.ROOT, "cpuCores jvm=%.2f postgres=%.2f machine=%.2f of %d "
                        + "loadAverage=%s", jvmSeconds() / elapsedSeconds,
                postgresSeconds() / elapsedSeconds, machineCores(),
                Runtime.getRuntime().availableProcessors(), BenchmarkReport.loadAverage());
    }

    private static long threadNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static long jvmNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** utime + stime of every process named postgres, in clock ticks. */
    private static long postgresTicks() {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes.filter(p -> p.getFileName().toString().chars()
                            .allMatch(Character::isDigit))
                    .mapToLong(CpuMeter::ticksIfPostgres).sum();
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
            // utime and stime are fields 14 and 15 of stat, 11 and 12 after the name.
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Busy and total ticks of all CPUs, from the first line of /proc/stat. */
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
}
