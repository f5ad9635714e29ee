package com.agentbattles.marketdata.binance;

import com.agentbattles.domain.market.Candle;
import com.agentbattles.domain.market.CandleInterval;
import com.agentbattles.marketdata.SharedData;
import com.agentbattles.marketdata.TestDatabase;
import com.agentbattles.marketdata.config.MarketDataProperties;
import com.agentbattles.marketdata.importer.FileImportReport;
import com.agentbattles.marketdata.importer.ImportOptions;
import com.agentbattles.marketdata.importer.ImportService;
import com.agentbattles.marketdata.store.JdbcCandleStore;
import com.agentbattles.marketdata.store.TimeRange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The REST and data-file downloaders against a local server that speaks Binance's protocol. */
class BinanceDownloadTest {

    private FakeBinanceHttpServer server;
    private JdbcCandleStore store;
    private ImportService importer;
    private MarketDataProperties.Binance props;
    private BinanceHttp http;

    @BeforeEach
    void setUp() throws Exception {
        TestDatabase.clearCandles();
        server = new FakeBinanceHttpServer();
        store = new JdbcCandleStore(TestDatabase.jdbc(), TestDatabase.transactionManager());
        importer = new ImportService(store);
        props = new MarketDataProperties().getBinance();
        props.setRestBaseUrl(server.baseUrl());
        props.setDataBaseUrl(server.baseUrl());
        props.setDataMarket("futures/um");
        props.setMaxWeightPause(Duration.ofMillis(200));
        http = new BinanceHttp(props, Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void restDownloadPagesBy1000AndWaitsOutA429() throws Exception {
        server.serveKlinesFrom("BTCUSDT",
                SharedData.file("binance-spot-freqtrade/BTCUSDT-1m-2023-03-16_2023-05-01.json.gz"));
        server.rateLimitOnRequests.add(2);
        server.heavyWeightOnRequests.add(3);
        Instant from = Instant.parse("2023-03-23T00:00:00Z");
        Instant to = Instant.parse("2023-03-25T00:00:00Z");

        long started = System.nanoTime();
        FileImportReport report = new RestKlineDownloader(http, importer, props, Clock.systemUTC())
                .download("btcusdt", CandleInterval.ONE_MINUTE, from, to);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(report.error()).isNull();
        assertThat(report.rowsAccepted()).isEqualTo(2 * 1440 - 80);
        assertThat(report.gaps()).containsExactly(new TimeRange(Instant.parse("2023-03-24T12:40:00Z"),
                Instant.parse("2023-03-24T14:00:00Z")));
        // 3 pages of ≤ 1000, plus the retry of the page refused with 429
        assertThat(server.klineRequests.get()).isEqualTo(4);
        assertThat(http.rateLimitedCount()).isEqualTo(1);
        assertThat(http.weightPauseCount()).isEqualTo(1);
        assertThat(took).as("Retry-After: 1 was honoured").isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(server.paths).allSatisfy(p -> assertThat(p).contains("symbol=BTCUSDT").contains("limit=1000"));
        assertThat(server.paths.get(0)).contains("startTime=" + from.toEpochMilli())
                .contains("endTime=" + (to.toEpochMilli() - 1));

        // what arrived over REST equals the same file imported directly
        importer.importFile(SharedData.file("binance-spot-freqtrade/BTCUSDT-1m-2023-03-16_2023-05-01.json.gz"),
                new ImportOptions("REFBTC", null));
        List<Candle> viaRest = store.range("BTCUSDT", CandleInterval.ONE_MINUTE, from, to);
        List<Candle> direct = store.range("REFBTC", CandleInterval.ONE_MINUTE, from, to);
        assertThat(viaRest).hasSize(direct.size());
        for (int i = 0; i < direct.size(); i++) {
            assertThat(viaRest.get(i).openTime()).isEqualTo(direct.get(i).openTime());
            assertThat(viaRest.get(i).close()).isEqualTo(direct.get(i).close());
            assertThat(viaRest.get(i).volume()).isEqualTo(direct.get(i).volume());
        }
    }

    @Test
    void restDownloadGivesUpAfterBoundedRetries() {
        server.rateLimitOnRequests.addAll(List.of(1, 2));
        props.setMaxRetries(2);
        FileImportReport report = new RestKlineDownloader(http, importer, props, Clock.systemUTC())
                .download("BTCUSDT", CandleInterval.ONE_MINUTE, Instant.parse("2023-03-23T00:00:00Z"),
                        Instant.parse("2023-03-23T01:00:00Z"));
        assertThat(report.status()).isEqualTo(FileImportReport.Status.FAILED);
        assertThat(report.error()).contains("after 2 attempts").contains("HTTP 429");
    }

    @Test
    void restDownloadReportsBinanceErrors() {
        FileImportReport report = new RestKlineDownloader(http, importer, props, Clock.systemUTC())
                .download("NOPEUSDT", CandleInterval.ONE_MINUTE, Instant.parse("2023-03-23T00:00:00Z"),
                        Instant.parse("2023-03-23T01:00:00Z"));
        assertThat(report.status()).isEqualTo(FileImportReport.Status.FAILED);
        assertThat(report.error()).contains("HTTP 400").contains("Invalid symbol");
    }

    @Test
    void dataFilesAreCheckedAgainstTheirPublishedSha256() {
        server.corruptChecksums.add("BTCUSDT-1m-2022-11-09.zip");
        List<FileImportReport> reports = new DataFileDownloader(http, importer, props)
                .download("BTCUSDT", CandleInterval.ONE_MINUTE, LocalDate.of(2022, 11, 7), LocalDate.of(2022, 11, 9));

        assertThat(reports).hasSize(3);
        assertThat(reports.get(0).status()).as("%s", reports.get(0).error()).isEqualTo(FileImportReport.Status.IMPORTED);
        assertThat(reports.get(0).file()).isEqualTo("BTCUSDT-1m-2022-11-07.zip!BTCUSDT-1m-2022-11-07.csv");
        assertThat(reports.get(0).rowsAccepted()).isEqualTo(1440);
        assertThat(reports.get(1).rowsAccepted()).isEqualTo(1440);
        assertThat(reports.get(2).status()).isEqualTo(FileImportReport.Status.FAILED);
        assertThat(reports.get(2).error()).startsWith("SHA-256 mismatch");
        assertThat(server.paths).contains("/data/futures/um/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2022-11-07.zip",
                "/data/futures/um/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2022-11-07.zip.CHECKSUM");
        // the two good days are stored, the corrupt one is not
        assertThat(store.coverage("BTCUSDT", CandleInterval.ONE_MINUTE).ranges()).containsExactly(
                new TimeRange(Instant.parse("2022-11-07T00:00:00Z"), Instant.parse("2022-11-09T00:00:00Z")));
    }

    @Test
    void wholeMonthsUseTheMonthlyFile() {
        List<FileImportReport> reports = new DataFileDownloader(http, importer, props)
                .download("ETHUSDT", CandleInterval.ONE_MINUTE, LocalDate.of(2022, 10, 31), LocalDate.of(2022, 11, 30));
        assertThat(server.paths).containsExactly(
                "/data/futures/um/daily/klines/ETHUSDT/1m/ETHUSDT-1m-2022-10-31.zip",
                "/data/futures/um/monthly/klines/ETHUSDT/1m/ETHUSDT-1m-2022-11.zip");
        assertThat(reports).extracting(FileImportReport::error)
                .allSatisfy(e -> assertThat(e).startsWith("not published (HTTP 404)"));
    }
}
