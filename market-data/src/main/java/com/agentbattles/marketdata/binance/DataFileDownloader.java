package com.agentbattles.marketdata.binance;

import com.agentbattles.domain.market.CandleInterval;
import com.agentbattles.marketdata.config.MarketDataProperties;
import com.agentbattles.marketdata.importer.FileImportReport;
import com.agentbattles.marketdata.importer.ImportOptions;
import com.agentbattles.marketdata.importer.ImportService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Fetches Binance's public kline archives (data.binance.vision): monthly files for whole calendar
 * months of the range, daily files for the rest. Each zip is checked against its published
 * {@code .CHECKSUM} (SHA-256) before it is imported; a mismatch imports nothing.
 */
@Component
public class DataFileDownloader {

    private final BinanceHttp http;
    private final ImportService importService;
    private final MarketDataProperties.Binance props;

    @Autowired
    public DataFileDownloader(BinanceHttp http, ImportService importService, MarketDataProperties properties) {
        this(http, importService, properties.getBinance());
    }

    public DataFileDownloader(BinanceHttp http, ImportService importService, MarketDataProperties.Binance props) {
        this.http = http;
        this.importService = importService;
        this.props = props;
    }

    /** Days {@code from} to {@code toInclusive} (UTC dates). */
    public List<FileImportReport> download(String symbol, CandleInterval interval, LocalDate from,
                                           LocalDate toInclusive) {
        String sym = symbol.toUpperCase(Locale.ROOT);
        List<FileImportReport> reports = new ArrayList<>();
        LocalDate day = from;
        int guard = 0;
        while (!day.isAfter(toInclusive) && guard++ < 100_000) {
            YearMonth month = YearMonth.from(day);
            boolean wholeMonth = day.getDayOfMonth() == 1 && !month.atEndOfMonth().isAfter(toInclusive);
            if (wholeMonth) {
                reports.addAll(fetch(sym, interval, "monthly", month.toString()));
                day = month.plusMonths(1).atDay(1);
            } else {
                reports.addAll(fetch(sym, interval, "daily", day.toString()));
                day = day.plusDays(1);
            }
        }
        return reports;
    }

    private List<FileImportReport> fetch(String sym, CandleInterval interval, String period, String date) {
        String name = sym + "-" + interval.code() + "-" + date + ".zip";
        String url = props.getDataBaseUrl() + "/data/" + props.getDataMarket() + "/" + period + "/klines/" + sym + "/"
                + interval.code() + "/" + name;
        try {
            BinanceHttp.Response zip = http.get(URI.create(url));
            if (zip.status() != 200) {
                return List.of(FileImportReport.failedBeforeRows(name, sym, interval,
                        zip.status() == 404 ? "not published (HTTP 404): " + url : "HTTP " + zip.status() + ": " + url));
            }
            BinanceHttp.Response checksum = http.get(URI.create(url + ".CHECKSUM"));
            if (checksum.status() != 200) {
                return List.of(FileImportReport.failedBeforeRows(name, sym, interval,
                        "no published checksum (HTTP " + checksum.status() + "); not imported"));
            }
            String expected = new String(checksum.body(), StandardCharsets.US_ASCII).trim().split("\\s+")[0]
                    .toLowerCase(Locale.ROOT);
            String actual = sha256(zip.body());
            if (!actual.equals(expected)) {
                return List.of(FileImportReport.failedBeforeRows(name, sym, interval,
                        "SHA-256 mismatch: published " + expected + ", downloaded " + actual + "; not imported"));
            }
            return importService.importContent(name, zip.body(), new ImportOptions(sym, interval));
        } catch (BinanceHttpException e) {
            return List.of(FileImportReport.failedBeforeRows(name, sym, interval, e.getMessage()));
        }
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
