package dev.vigil.metrics.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time spent by this JVM (minus the producing thread) and by the local Postgres processes
 * since {@link #start}, so ingestion cost can be stated per record whatever else loads the
 * machine. Postgres time is read from /proc and includes the server's other clients.
 */
final class CpuClock {

    private static final double TICKS_PER_SECOND = 100.0;

    private final long jvmStart;
    private final long postgresStart;
    private long excluded;
    private Long jvmEnd;
    private Long postgresEnd;

    private CpuClock(long jvmStart, long postgresStart) {
        this.jvmStart = jvmStart;
        this.postgresStart = postgresStart;
    }

    static CpuClock start() {
        return new CpuClock(jvmNanos(), postgresTicks());
    }

    /** Leaves out the CPU the calling thread used so far (the producer). */
    void excludeCurrentThread() {
        excluded = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    double jvmSeconds() {
        stop();
        return (jvmEnd - jvmStart - excluded) / 1e9;
    }

    double postgresSeconds() {
        stop();
        return (postgresEnd - postgresStart) / TICKS_PER_SECOND;
    }

    double totalSeconds() {
        return jvmSeconds() + postgresSeconds();
    }

    private void stop() {
        if (jvmEnd == null) {
            jvmEnd = jvmNanos();
            postgresEnd = postgresTicks();
        }
    }

    private static long jvmNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** utime + stime of every process named postgres, in clock ticks. */
    private static long postgresTicks() {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes.filter(p -> p.getFileName().toString().chars()
                            .allMatch(Character::isDigit))
                    .mapToLong(CpuClock::ticksIfPostgres).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    private static long ticksIfPostgres(Path process) {
        try {
            String stat = Files.readString(process.resolve("stat"));
            int close = stat.lastIndexOf(')');
            if (!stat.substring(stat.indexOf('(') + 1, close).equals("postgres")) {
                return 0;
            }
            String[] fields = stat.substring(close + 2).split(" ");
            // Fields 14 and 15 of stat (utime, stime) are 11 and 12 after the name.
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
