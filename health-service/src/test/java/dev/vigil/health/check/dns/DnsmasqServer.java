package dev.vigil.health.check.dns;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

/**
 * A real DNS server for tests: Debian's {@code dnsmasq} on a free loopback port, answering only
 * from the records it is started with ({@code deploy/local/setup} installs it).
 */
final class DnsmasqServer implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private DnsmasqServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts dnsmasq with these record options and waits until it answers on UDP. */
    static DnsmasqServer start(List<String> records) throws IOException {
        int port = freeUdpPort();
        Path log = Files.createTempFile("dnsmasq-", ".log");
        List<String> command = new ArrayList<>(List.of(binary(),
                "--keep-in-foreground", "--no-resolv", "--no-hosts", "--conf-file=/dev/null",
                "--pid-file=", "--log-facility=-", "--log-queries",
                "--listen-address=127.0.0.1", "--bind-interfaces", "--port=" + port));
        command.addAll(records);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        DnsmasqServer server = new DnsmasqServer(process, port, log);

        // dnsmasq logs "started" once its sockets are bound; a failed bind makes it exit.
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> !process.isAlive() || Files.readString(log).contains("started"));
        if (!process.isAlive()) {
            throw new IllegalStateException("dnsmasq exited: " + Files.readString(log));
        }
        return server;
    }

    /** The resolver setting that reaches this server: {@code 127.0.0.1:<port>}. */
    String resolver() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException, IOException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        Files.deleteIfExists(log);
    }

    private static String binary() {
        for (String dir : List.of("/usr/sbin", "/sbin", "/usr/bin", "/usr/local/sbin")) {
            if (Files.isExecutable(Path.of(dir, "dnsmasq"))) {
                return Path.of(dir, "dnsmasq").toString();
            }
        }
        throw new IllegalStateException(
                "dnsmasq is missing: run deploy/local/setup (Debian package dnsmasq-base)");
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
