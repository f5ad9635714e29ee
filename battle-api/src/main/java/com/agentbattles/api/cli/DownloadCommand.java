package com.agentbattles.api.cli;

import com.agentbattles.domain.market.CandleInterval;
import com.agentbattles.marketdata.binance.DataFileDownloader;
import com.agentbattles.marketdata.binance.RestKlineDownloader;
import com.agentbattles.marketdata.importer.FileImportReport;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code battles download}: candles from Binance's REST API or its public data files. */
@Component
@Command(name = "download", mixinStandardHelpOptions = true,
        description = "Download Binance klines into the candle store: from the REST endpoint /api/v3/klines "
                + "(--source rest, paged by 1000, honouring 429 Retry-After and request weight) or from the public "
                + "data files (--source files, monthly/daily zips checked against their published SHA-256). "
                + "Base URLs: battles.market.binance.rest-base-url / data-base-url / data-market.")
public class DownloadCommand implements Callable<Integer> {

    enum Source { rest, files }

    private final RestKlineDownloader rest;
    private final DataFileDownloader files;

    @Option(names = "--symbol", required = true, split = ",", description = "one or more symbols, e.g. BTCUSDT,ETHUSDT")
    List<String> symbols = new ArrayList<>();

    @Option(names = "--interval", defaultValue = "1m", description = "1m 5m 15m 1h 4h 1d (default: ${DEFAULT-VALUE})")
    String interval;

    @Option(names = "--from", required = true, description = "start: a UTC date (2024-01-01) or instant (2024-01-01T00:00:00Z)")
    String from;

    @Option(names = "--to", required = true, description = "end, exclusive: a UTC date or instant")
    String to;

    @Option(names = "--source", defaultValue = "rest", description = "rest or files (default: ${DEFAULT-VALUE})")
    Source source;

    public DownloadCommand(RestKlineDownloader rest, DataFileDownloader files) {
        this.rest = rest;
        this.files = files;
    }

    @Override
    public Integer call() {
        CandleInterval iv = CandleInterval.parse(interval)
                .orElseThrow(() -> new IllegalArgumentException("unknown interval " + interval));
        Instant start = instant(from);
        Instant end = instant(to);
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("--from must be before --to");
        }
        List<FileImportReport> reports = new ArrayList<>();
        for (String symbol : symbols) {
            if (source == Source.rest) {
                reports.add(rest.download(symbol, iv, start, end));
            } else {
                // files are per UTC day: the last day is the one holding the last instant before --to
                reports.addAll(files.download(symbol, iv, LocalDate.ofInstant(start, ZoneOffset.UTC),
                        LocalDate.ofInstant(end.minusMillis(1), ZoneOffset.UTC)));
            }
        }
        return ImportReportPrinter.print(reports, System.out);
    }

    static Instant instant(String text) {
        return text.contains("T") ? Instant.parse(text) : LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
