package com.agentbattles.marketdata.importer;

import com.agentbattles.domain.market.CandleInterval;
import com.agentbattles.marketdata.SharedData;
import com.agentbattles.marketdata.TestDatabase;
import com.agentbattles.marketdata.store.Coverage;
import com.agentbattles.marketdata.store.JdbcCandleStore;
import com.agentbattles.marketdata.store.TimeRange;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Imports every file in ../shared/data and checks each against what SOURCES.md states: row count,
 * first and last open time, and the exact list of gaps (the 2023-03-24 halt included).
 */
class SharedDataImportTest {

    /** 1h gaps shared by every symbol's long history, as first..last missing bar (SOURCES.md 3b). */
    private static final String[] LONG_HISTORY_GAPS = {
            "2017-09-06T17:00..2017-09-06T22:00", "2018-01-04T04:00..2018-01-04T04:00",
            "2018-02-08T01:00..2018-02-09T09:00", "2018-06-26T02:00..2018-06-26T11:00",
            "2018-06-27T13:00..2018-06-27T13:00", "2018-07-04T01:00..2018-07-04T07:00",
            "2018-10-19T06:00..2018-10-19T08:00", "2018-11-14T02:00..2018-11-14T08:00",
            "2019-03-12T02:00..2019-03-12T07:00", "2019-05-15T03:00..2019-05-15T12:00",
            "2019-08-15T02:00..2019-08-15T09:00", "2019-11-13T02:00..2019-11-13T03:00",
            "2019-11-25T02:00..2019-11-25T03:00", "2020-02-09T02:00..2020-02-09T02:00",
            "2020-02-19T12:00..2020-02-19T16:00", "2020-03-04T10:00..2020-03-04T10:00",
            "2020-04-25T02:00..2020-04-25T03:00", "2020-06-28T02:00..2020-06-28T04:00",
            "2020-11-30T06:00..2020-11-30T06:00", "2020-12-21T14:00..2020-12-21T17:00",
            "2020-12-25T02:00..2020-12-25T02:00", "2021-02-11T04:00..2021-02-11T04:00",
            "2021-03-06T02:00..2021-03-06T02:00", "2021-04-20T02:00..2021-04-20T03:00",
            "2021-04-25T05:00..2021-04-25T07:00", "2021-08-13T02:00..2021-08-13T05:00",
            "2021-09-29T07:00..2021-09-29T08:00"};

    private static final String HALT = "2023-03-24T12:40..2023-03-24T13:59";

    record Expected(int rows, String first, String last, List<TimeRange> gaps) {
    }

    private static final Map<String, Expected> EXPECTED = new HashMap<>();

    static {
        for (String sym : List.of("BTCUSDT", "ETHUSDT")) {
            for (int day = 7; day <= 13; day++) {
                String date = "2022-11-%02d".formatted(day);
                EXPECTED.put("binance-futures-um/" + sym + "-1m-" + date + ".csv",
                        new Expected(1440, date + "T00:00", date + "T23:59", List.of()));
            }
        }
        List<TimeRange> all = gaps(CandleInterval.ONE_HOUR, LONG_HISTORY_GAPS);
        EXPECTED.put("binance-spot-freqtrade/BTCUSDT-1h-2017-08-17_2022-10-11.json.gz",
                new Expected(45024, "2017-08-17T04:00", "2022-10-11T10:00", all));
        EXPECTED.put("binance-spot-freqtrade/ETHUSDT-1h-2017-08-17_2022-10-11.json.gz",
                new Expected(45024, "2017-08-17T04:00", "2022-10-11T10:00", all));
        EXPECTED.put("binance-spot-freqtrade/BNBUSDT-1h-2017-11-06_2022-10-11.json.gz",
                new Expected(43087, "2017-11-06T03:00", "2022-10-11T10:00", all.subList(1, all.size())));
        EXPECTED.put("binance-spot-freqtrade/SOLUSDT-1h-2020-08-11_2022-10-11.json.gz",
                new Expected(18970, "2020-08-11T06:00", "2022-10-11T10:00", all.subList(18, all.size())));
        for (String sym : List.of("BTCUSDT", "ETHUSDT", "SOLUSDT")) {
            EXPECTED.put("binance-spot-freqtrade/" + sym + "-1h-2023-04-01_2023-05-01.json",
                    new Expected(719, "2023-04-01T16:00", "2023-05-01T14:00", List.of()));
            boolean sol = sym.equals("SOLUSDT");
            EXPECTED.put("binance-spot-freqtrade/" + sym + "-1m-2023-03-16_2023-05-01.json.gz",
                    new Expected(sol ? 66088 : 66087, "2023-03-16T22:15", sol ? "2023-05-01T21:02" : "2023-05-01T21:01",
                            gaps(CandleInterval.ONE_MINUTE, HALT)));
            EXPECTED.put("binance-spot-freqtrade/" + sym + "-5m-2023-03-16_2023-05-01.json.gz",
                    new Expected(13217, "2023-03-16T22:15", "2023-05-01T20:55",
                            gaps(CandleInterval.FIVE_MINUTES, "2023-03-24T12:40..2023-03-24T13:55")));
        }
    }

    private static List<FileImportReport> reports;

    @BeforeAll
    static void importEverything() throws IOException {
        TestDatabase.clearCandles();
        ImportService service = new ImportService(
                new JdbcCandleStore(TestDatabase.jdbc(), TestDatabase.transactionManager()));
        List<Path> files;
        try (Stream<Path> walk = Files.walk(SharedData.dir())) {
            files = walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".md"))
                    .sorted().toList();
        }
        reports = service.importFiles(files, ImportOptions.FROM_FILE_NAME);
    }

    @Test
    void everyFileInTheSharedFolderIsKnownAndImported() {
        assertThat(reports).hasSize(EXPECTED.size());
        assertThat(reports).allSatisfy(r -> {
            assertThat(r.error()).isNull();
            assertThat(r.status()).isEqualTo(FileImportReport.Status.IMPORTED);
            assertThat(r.rowsRejected()).isZero();
        });
    }

    @Test
    void rowCountsFirstLastAndGapsMatchSources() {
        for (FileImportReport report : reports) {
            String key = EXPECTED.keySet().stream().filter(k -> k.endsWith("/" + report.file())).findFirst()
                    .orElseThrow(() -> new AssertionError("unexpected file " + report.file()));
            Expected e = EXPECTED.get(key);
            assertThat(report.rowsRead()).as(key).isEqualTo(e.rows());
            assertThat(report.rowsAccepted()).as(key).isEqualTo(e.rows());
            assertThat(report.firstOpenTime()).as(key).isEqualTo(utc(e.first()));
            assertThat(report.lastOpenTime()).as(key).isEqualTo(utc(e.last()));
            assertThat(report.gaps()).as(key).containsExactlyElementsOf(e.gaps());
            // rows + missing bars fill the span exactly: the gap list is complete
            long span = Duration.between(report.firstOpenTime(), report.lastOpenTime()).toMillis()
                    / report.interval().millis() + 1;
            long missing = report.gaps().stream().mapToLong(g -> g.length().toMillis() / report.interval().millis()).sum();
            assertThat(report.rowsAccepted() + missing).as(key).isEqualTo(span);
        }
    }

    @Test
    void formatsAreRecognisedFromContent() {
        assertThat(reports).filteredOn(r -> r.file().endsWith(".csv"))
                .hasSize(14).allSatisfy(r -> assertThat(r.format()).isEqualTo(KlineFormat.BINANCE_CSV));
        assertThat(reports).filteredOn(r -> r.file().contains(".json"))
                .hasSize(27 - 14).allSatisfy(r -> assertThat(r.format()).isEqualTo(KlineFormat.SIX_COLUMN_JSON));
    }

    @Test
    void storeCoverageShowsTheMarch2023HaltForEverySymbol() {
        JdbcCandleStore store = new JdbcCandleStore(TestDatabase.jdbc(), TestDatabase.transactionManager());
        TimeRange halt = gaps(CandleInterval.ONE_MINUTE, HALT).get(0);
        assertThat(halt.length()).isEqualTo(Duration.ofMinutes(80));
        assertThat(store.coverage("SOLUSDT", CandleInterval.ONE_MINUTE).gaps()).containsExactly(halt);
        for (String sym : List.of("BTCUSDT", "ETHUSDT")) {
            // the futures week of 2022-11 and the spot span of 2023 are two runs, then the halt
            Coverage minutes = store.coverage(sym, CandleInterval.ONE_MINUTE);
            assertThat(minutes.ranges()).first()
                    .isEqualTo(new TimeRange(utc("2022-11-07T00:00"), utc("2022-11-14T00:00")));
            assertThat(minutes.gaps()).containsExactly(
                    new TimeRange(utc("2022-11-14T00:00"), utc("2023-03-16T22:15")), halt);
            assertThat(minutes.candleCount()).isEqualTo(10_080 + 66_087);
        }
    }

    static Instant utc(String minute) {
        return Instant.parse(minute + ":00Z");
    }

    /** "first..last" missing bars → [first, last + interval). */
    static List<TimeRange> gaps(CandleInterval interval, String... spans) {
        List<TimeRange> out = new ArrayList<>();
        for (String span : spans) {
            String[] p = span.split("\\.\\.");
            out.add(new TimeRange(utc(p[0]), utc(p[1]).plusMillis(interval.millis())));
        }
        return out;
    }
}
