package com.agentbattles.marketdata.importer;

import com.agentbattles.domain.market.Candle;
import com.agentbattles.domain.market.CandleInterval;
import com.agentbattles.marketdata.TestDatabase;
import com.agentbattles.marketdata.store.JdbcCandleStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Formats, units and the row-by-row validation report of the importer, on small hand-made files. */
class ImportValidationTest {

    private static final String HEADER =
            "open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore";

    private JdbcCandleStore store;
    private ImportService importer;

    @BeforeEach
    void setUp() {
        TestDatabase.clearCandles();
        store = new JdbcCandleStore(TestDatabase.jdbc(), TestDatabase.transactionManager());
        importer = new ImportService(store);
    }

    /** A Binance CSV line for the minute starting at {@code openMs}. */
    private static String csvRow(long openMs, String open, String high, String low, String close) {
        return openMs + "," + open + "," + high + "," + low + "," + close + ",12.345," + (openMs + 59_999)
                + ",250000.5,321,6.1,125000.2,0";
    }

    private static final long T0 = Instant.parse("2024-01-02T00:00:00Z").toEpochMilli();

    private static String day(int minutes, boolean header) {
        StringBuilder sb = new StringBuilder(header ? HEADER + "\n" : "");
        for (int i = 0; i < minutes; i++) {
            sb.append(csvRow(T0 + i * 60_000L, "42000.10", "42010.00", "41990.00", "42005.5")).append('\n');
        }
        return sb.toString();
    }

    private List<FileImportReport> run(String name, String content) {
        return importer.importContent(name, content.getBytes(StandardCharsets.UTF_8), ImportOptions.FROM_FILE_NAME);
    }

    private long storedRows() {
        return TestDatabase.jdbc().queryForObject("select count(*) from market_candle", Long.class);
    }

    @Test
    void csvWithAndWithoutHeaderGiveTheSameCandles() {
        FileImportReport with = run("BTCUSDT-1m-2024-01-02.csv", day(5, true)).get(0);
        List<Candle> first = store.range("BTCUSDT", CandleInterval.ONE_MINUTE, Instant.ofEpochMilli(T0),
                Instant.ofEpochMilli(T0 + 300_000));
        TestDatabase.clearCandles();
        FileImportReport without = run("BTCUSDT-1m-2024-01-02.csv", day(5, false)).get(0);
        assertThat(with.rowsAccepted()).isEqualTo(5);
        assertThat(without.rowsAccepted()).isEqualTo(5);
        assertThat(store.range("BTCUSDT", CandleInterval.ONE_MINUTE, Instant.ofEpochMilli(T0),
                Instant.ofEpochMilli(T0 + 300_000))).isEqualTo(first);
        Candle c = first.get(0);
        assertThat(c.open().toPlainString()).isEqualTo("42000.10");
        assertThat(c.close().toPlainString()).isEqualTo("42005.5");
        assertThat(c.quoteVolume()).isEqualByComparingTo("250000.5");
        assertThat(c.tradeCount()).isEqualTo(321);
        assertThat(with.timestampUnit()).isEqualTo("ms");
    }

    @Test
    void microsecondTimestampsOf2025SpotFilesAreRecognisedByDigitCount() {
        long openUs = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli() * 1000;
        String rows = openUs + ",93576.00000000,93610.93000000,93537.50000000,93610.93000000,8.21827000,"
                + (openUs + 59_999_999) + ",768978.83673570,2058,4.93253000,461532.04958250,0\n"
                + (openUs + 60_000_000) + ",93610.93000000,93652.00000000,93606.00000000,93650.01000000,2.11741000,"
                + (openUs + 119_999_999) + ",198249.12,900,1.0,93600.0,0\n";
        FileImportReport report = run("BTCUSDT-1m-2025-01-01.csv", rows).get(0);
        assertThat(report.status()).isEqualTo(FileImportReport.Status.IMPORTED);
        assertThat(report.timestampUnit()).isEqualTo("us");
        assertThat(report.firstOpenTime()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(report.lastOpenTime()).isEqualTo(Instant.parse("2025-01-01T00:01:00Z"));
    }

    @Test
    void zipAndGzipAreReadWhateverTheirExtension() throws IOException {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zip)) {
            z.putNextEntry(new ZipEntry("ETHUSDT-1m-2024-01-02.csv"));
            z.write(day(3, false).getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        List<FileImportReport> zipped = importer.importContent("ETHUSDT-1m-2024-01-02.zip", zip.toByteArray(),
                ImportOptions.FROM_FILE_NAME);
        assertThat(zipped).singleElement().satisfies(r -> {
            assertThat(r.file()).isEqualTo("ETHUSDT-1m-2024-01-02.zip!ETHUSDT-1m-2024-01-02.csv");
            assertThat(r.rowsAccepted()).isEqualTo(3);
            assertThat(r.symbol()).isEqualTo("ETHUSDT");
        });

        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(gz)) {
            g.write(("[[" + T0 + ",1.5,2.0,1.0,1.75,100],[" + (T0 + 3_600_000) + ",1.75,1.8,1.7,1.8,5.5e1]]")
                    .getBytes(StandardCharsets.UTF_8));
        }
        List<FileImportReport> gzipped = importer.importContent("SOL_USDT-1h.json.gz", gz.toByteArray(),
                ImportOptions.FROM_FILE_NAME);
        assertThat(gzipped).singleElement().satisfies(r -> {
            assertThat(r.format()).isEqualTo(KlineFormat.SIX_COLUMN_JSON);
            assertThat(r.symbol()).isEqualTo("SOLUSDT");
            assertThat(r.interval()).isEqualTo(CandleInterval.ONE_HOUR);
            assertThat(r.rowsAccepted()).isEqualTo(2);
        });
        assertThat(store.range("SOLUSDT", CandleInterval.ONE_HOUR, Instant.ofEpochMilli(T0),
                Instant.ofEpochMilli(T0 + 7_200_000)).get(1).volume()).isEqualByComparingTo(new BigDecimal("55"));
    }

    @Test
    void apiV3KlinesJsonWithStringNumbersIsRead() {
        String json = "[[" + T0 + ",\"0.01634790\",\"0.80000000\",\"0.01575800\",\"0.01577100\",\"148976.11427815\","
                + (T0 + 59_999) + ",\"2434.19055334\",308,\"1756.87402397\",\"28.46694368\",\"0\"]]";
        FileImportReport report = importer.importContent("klines.json", json.getBytes(StandardCharsets.UTF_8),
                new ImportOptions("bnbbtc", null)).get(0);
        assertThat(report.format()).isEqualTo(KlineFormat.BINANCE_JSON);
        assertThat(report.interval()).as("inferred from close − open").isEqualTo(CandleInterval.ONE_MINUTE);
        Candle c = store.range("BNBBTC", CandleInterval.ONE_MINUTE, Instant.ofEpochMilli(T0),
                Instant.ofEpochMilli(T0 + 60_000)).get(0);
        assertThat(c.low().toPlainString()).isEqualTo("0.01575800");
        assertThat(c.tradeCount()).isEqualTo(308);
    }

    @Test
    void badRowsAreRejectedWithTheirLineAndReasonAndTheRestIsImported() {
        String csv = HEADER + "\n"
                + csvRow(T0, "10", "11", "9", "10.5") + "\n"                         // line 2 ok
                + csvRow(T0 + 60_000, "10", "9", "11", "10") + "\n"                  // line 3 high < low
                + csvRow(T0 + 120_000, "10", "abc", "9", "10") + "\n"                // line 4 bad number
                + csvRow(T0 + 180_000, "10", "11", "9", "10") + "\n"                 // line 5 ok
                + csvRow(T0 + 180_000, "10", "11", "9", "10") + "\n"                 // line 6 duplicate time
                + csvRow(T0 + 60_000, "10", "11", "9", "10") + "\n"                  // line 7 backwards in time
                + "1704153840000,10,11,9\n"                                          // line 8 too few columns
                + csvRow(T0 + 300_000, "10", "11", "9", "12") + "\n"                 // line 9 close above high
                + csvRow(T0 + 360_000, "10", "11", "9", "10") + "\n"                 // line 10 ok
                + csvRow(T0 + 420_000, "10", "11", "9", "10") + "\n"                 // line 11 ok
                + csvRow(T0 + 480_000, "10", "11", "9", "10") + "\n"                 // line 12 ok
                + csvRow(T0 + 540_000, "10", "11", "9", "10") + "\n"                 // line 13 ok
                + csvRow(T0 + 600_000, "10", "11", "9", "10") + "\n"                 // line 14 ok
                + csvRow(T0 + 660_000, "10", "11", "9", "10") + "\n"                 // line 15 ok
                + csvRow(T0 + 720_000, "10", "11", "9", "10") + "\n";                // line 16 ok
        FileImportReport r = run("BTCUSDT-1m-2024-01-02.csv", csv).get(0);
        assertThat(r.status()).isEqualTo(FileImportReport.Status.IMPORTED);
        assertThat(r.rowsRead()).isEqualTo(15);
        assertThat(r.rowsAccepted()).isEqualTo(9);
        assertThat(r.rowsRejected()).isEqualTo(6);
        assertThat(r.rejected()).extracting(RejectedRow::row).containsExactly(3, 4, 6, 7, 8, 9);
        assertThat(r.rejected().get(0).reason()).startsWith("high < low");
        assertThat(r.rejected().get(1).reason()).isEqualTo("bad number in column high: 'abc'");
        assertThat(r.rejected().get(2).reason()).startsWith("non-monotonic time");
        assertThat(r.rejected().get(3).reason()).startsWith("non-monotonic time");
        assertThat(r.rejected().get(4).reason()).isEqualTo("expected 12 columns, found 4");
        assertThat(r.rejected().get(5).reason()).contains("close 12 outside [low, high]");
        // minutes 1, 2 and 4 never arrived: the report lists them as gaps
        assertThat(r.gaps()).hasSize(2);
        assertThat(storedRows()).isEqualTo(9);
    }

    @Test
    void aFatalErrorStoresNothingOfTheFile() {
        String truncated = "[[" + T0 + ",1,2,0.5,1.5,10],[" + (T0 + 60_000) + ",1,2,0.5,1.5,10],[" + (T0 + 120_000);
        FileImportReport broken = run("BTCUSDT-1m-broken.json", truncated).get(0);
        assertThat(broken.status()).isEqualTo(FileImportReport.Status.FAILED);
        assertThat(broken.error()).contains("JSON");
        assertThat(storedRows()).isZero();

        String mostlyBad = csvRow(T0, "10", "11", "9", "10") + "\n" + "x,y,z\n" + "1,2,3\n";
        FileImportReport garbage = run("BTCUSDT-1m-2024-01-02.csv", mostlyBad).get(0);
        assertThat(garbage.status()).isEqualTo(FileImportReport.Status.FAILED);
        assertThat(garbage.error()).isEqualTo("more than half of the rows are invalid");
        assertThat(storedRows()).isZero();

        assertThat(run("BTCUSDT-3m-2024-01-02.csv", day(2, true)).get(0).error())
                .startsWith("interval 3m is not supported");
        assertThat(run("prices.csv", day(2, true)).get(0).error()).startsWith("cannot tell the symbol");
        assertThat(importer.importContent("x.zip", new byte[]{'P', 'K', 3, 4, 0, 0}, ImportOptions.FROM_FILE_NAME)
                .get(0).status()).isEqualTo(FileImportReport.Status.FAILED);
        assertThat(storedRows()).isZero();
    }

    @Test
    void reimportingAFileChangesNothing() {
        FileImportReport first = run("BTCUSDT-1m-2024-01-02.csv", day(30, true)).get(0);
        FileImportReport second = run("BTCUSDT-1m-2024-01-02.csv", day(30, false)).get(0);
        assertThat(first.rowsWritten()).isEqualTo(30);
        assertThat(second.rowsWritten()).isZero();
        assertThat(second.rowsUnchanged()).isEqualTo(30);
        assertThat(storedRows()).isEqualTo(30);
    }
}
