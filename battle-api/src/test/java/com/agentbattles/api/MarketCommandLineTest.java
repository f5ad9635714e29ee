package com.agentbattles.api;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./battles import} and {@code ./battles download} through the real entry point: a non-web
 * context on its own embedded PostgreSQL, the commands found as beans and run by picocli.
 */
class MarketCommandLineTest {

    private static final String[] KEYS = {"battles.data-dir", "battles.db.url", "battles.market.feed",
            "battles.market.binance.data-base-url", "battles.market.binance.data-market"};

    @TempDir
    Path dataDir;

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream originalOut;

    @BeforeEach
    void setUp() {
        System.setProperty("battles.data-dir", dataDir.toString());
        System.setProperty("battles.db.url", "");
        System.setProperty("battles.market.feed", "none");
        originalOut = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void tearDown() {
        System.setOut(originalOut);
        for (String key : KEYS) {
            System.clearProperty(key);
        }
    }

    private String output() {
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void importReadsADirectoryOfBinanceFiles() {
        Path futures = Path.of(System.getProperty("battles.shared.dir"), "data", "binance-futures-um");
        int exit = BattlesCommandLine.runCommand(new String[]{"import", futures.toString()});
        assertThat(exit).as(output()).isZero();
        assertThat(output()).contains("IMPORTED BTCUSDT-1m-2022-11-07.csv: BTCUSDT 1m, 1440 rows (1440 new or changed")
                .contains("14 file(s) imported, 0 failed");

        // the same files again: nothing changes
        captured.reset();
        assertThat(BattlesCommandLine.runCommand(new String[]{"import", futures.toString()})).isZero();
        assertThat(output()).contains("1440 rows (0 new or changed, 1440 unchanged, 0 rejected)");
    }

    @Test
    void downloadFetchesPublicDataFilesAndChecksTheirSha256() throws Exception {
        Path csv = Path.of(System.getProperty("battles.shared.dir"), "data", "binance-futures-um",
                "ETHUSDT-1m-2022-11-08.csv");
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zip)) {
            z.putNextEntry(new ZipEntry(csv.getFileName().toString()));
            z.write(Files.readAllBytes(csv));
        }
        byte[] zipBytes = zip.toByteArray();
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(zipBytes));
        String base = "/data/futures/um/daily/klines/ETHUSDT/1m/ETHUSDT-1m-2022-11-08.zip";
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            byte[] body = path.equals(base) ? zipBytes
                    : path.equals(base + ".CHECKSUM") ? (sha + "  ETHUSDT-1m-2022-11-08.zip\n").getBytes(StandardCharsets.UTF_8)
                    : null;
            ex.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
            ex.close();
        });
        server.start();
        try {
            System.setProperty("battles.market.binance.data-base-url",
                    "http://127.0.0.1:" + server.getAddress().getPort());
            System.setProperty("battles.market.binance.data-market", "futures/um");
            int exit = BattlesCommandLine.runCommand(new String[]{"download", "--source", "files", "--symbol", "ETHUSDT",
                    "--from", "2022-11-08", "--to", "2022-11-10"});
            assertThat(exit).as("the 9th is not published, so one file failed").isEqualTo(1);
            assertThat(output()).contains("IMPORTED ETHUSDT-1m-2022-11-08.zip!ETHUSDT-1m-2022-11-08.csv: ETHUSDT 1m, 1440 rows")
                    .contains("FAILED   ETHUSDT-1m-2022-11-09.zip: not published (HTTP 404)")
                    .contains("1 file(s) imported, 1 failed");
        } finally {
            server.stop(0);
        }
    }
}
