package com.agentbattles.marketdata.importer;

import com.agentbattles.domain.market.Candle;
import com.agentbattles.domain.market.CandleInterval;
import com.agentbattles.marketdata.store.CandleStore;
import com.agentbattles.marketdata.store.TimeRange;
import com.agentbattles.marketdata.store.UpsertResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Imports Binance kline files (CSV/JSON, plain, zip or gzip) into the candle store, one report per
 * kline file. Each file is all or nothing: it is parsed and validated completely before a single
 * transaction writes it, so a fatal problem leaves the store as it was.
 */
@Service
public class ImportService {

    /** Only this many rejected rows are listed per report (all are counted). */
    public static final int MAX_LISTED_REJECTIONS = 100;

    private static final Logger log = LoggerFactory.getLogger(ImportService.class);

    private final CandleStore store;

    public ImportService(CandleStore store) {
        this.store = store;
    }

    public List<FileImportReport> importFiles(List<Path> paths, ImportOptions options) {
        List<FileImportReport> reports = new ArrayList<>();
        for (Path path : paths) {
            reports.addAll(importFile(path, options));
        }
        return reports;
    }

    public List<FileImportReport> importFile(Path path, ImportOptions options) {
        byte[] content;
        try {
            content = Files.readAllBytes(path);
        } catch (IOException e) {
            return List.of(FileImportReport.failed(path.getFileName().toString(), null, null, null, 0, 0, List.of(),
                    "cannot read file: " + e.getMessage()));
        }
        return importContent(path.getFileName().toString(), content, options);
    }

    /** One uploaded or downloaded file; a zip with several entries gives one report per entry. */
    public List<FileImportReport> importContent(String fileName, byte[] content, ImportOptions options) {
        List<DataFile> files;
        try {
            files = ArchiveExpander.expand(new DataFile(fileName, content));
        } catch (ImportFailedException e) {
            return List.of(FileImportReport.failed(fileName, null, null, null, 0, 0, List.of(), e.getMessage()));
        }
        List<FileImportReport> reports = new ArrayList<>();
        for (DataFile file : files) {
            FileImportReport report = importOne(file, options);
            log.info("import {}: {} {} {} accepted={} rejected={} written={} {}", report.file(), report.status(),
                    report.symbol(), report.interval() == null ? null : report.interval().code(),
                    report.rowsAccepted(), report.rowsRejected(), report.rowsWritten(),
                    report.error() == null ? "" : report.error());
            reports.add(report);
        }
        return reports;
    }

    private FileImportReport importOne(DataFile file, ImportOptions options) {
        KlineFileParser.ParsedFile parsed;
        try {
            parsed = KlineFileParser.parse(file);
        } catch (ImportFailedException e) {
            return FileImportReport.failed(file.name(), null, null, null, 0, 0, List.of(), e.getMessage());
        }
        Optional<SeriesName> name = SeriesName.of(file.name());
        String symbol = options.symbol() != null ? options.symbol().toUpperCase(Locale.ROOT)
                : name.map(SeriesName::symbol).orElse(null);
        int rowsRead = parsed.rows().size();
        if (symbol == null) {
            return FileImportReport.failed(file.name(), parsed.format(), null, null, rowsRead, 0, List.of(),
                    "cannot tell the symbol: name the file like BTCUSDT-1m-2022-11-07.csv or give the symbol");
        }
        CandleInterval interval = options.interval();
        if (interval == null && name.isPresent()) {
            String code = name.get().intervalCode();
            interval = CandleInterval.parse(code).orElse(null);
            if (interval == null) {
                return FileImportReport.failed(file.name(), parsed.format(), symbol, null, rowsRead, 0, List.of(),
                        "interval " + code + " is not supported (supported: 1m 5m 15m 1h 4h 1d)");
            }
        }
        if (interval == null) {
            interval = IntervalGuess.fromRows(parsed.rows()).orElse(null);
            if (interval == null) {
                return FileImportReport.failed(file.name(), parsed.format(), symbol, null, rowsRead, 0, List.of(),
                        "cannot tell the interval: name the file like BTCUSDT-1m-… or give the interval");
            }
        }
        return importRows(file.name(), parsed.format(), symbol, interval, parsed.rows());
    }

    /**
     * Validates rows already split into fields (a file, or the pages of a REST download) and stores
     * the valid ones in one transaction, unless the rows are fatally bad.
     */
    public FileImportReport importRows(String sourceName, KlineFormat format, String symbol, CandleInterval interval,
                                       List<RawRow> rawRows) {
        int rowsRead = rawRows.size();
        if (rowsRead == 0) {
            return FileImportReport.failed(sourceName, format, symbol, interval, 0, 0, List.of(),
                    "file holds no kline rows");
        }
        KlineRowReader.Result rows = KlineRowReader.read(symbol, interval, format, rawRows);
        List<RejectedRow> listed = rows.rejected().subList(0, Math.min(MAX_LISTED_REJECTIONS, rows.rejected().size()));
        // more bad rows than good ones means the file is not what we think it is: store nothing
        if (rows.accepted().size() <= rows.rejected().size()) {
            return FileImportReport.failed(sourceName, format, symbol, interval, rowsRead,
                    rows.rejected().size(), listed,
                    rows.accepted().isEmpty() ? "no valid kline rows" : "more than half of the rows are invalid");
        }
        UpsertResult written;
        try {
            written = store.upsert(rows.accepted());
        } catch (RuntimeException e) {
            log.warn("storing {} failed", sourceName, e);
            return FileImportReport.failed(sourceName, format, symbol, interval, rowsRead,
                    rows.rejected().size(), listed, "storing the candles failed: " + e.getMessage());
        }
        List<Candle> accepted = rows.accepted();
        return new FileImportReport(sourceName, FileImportReport.Status.IMPORTED, format, symbol, interval,
                rows.microseconds() ? "us" : "ms", rowsRead, accepted.size(), rows.rejected().size(),
                written.written(), written.unchanged(), accepted.get(0).openTime(),
                accepted.get(accepted.size() - 1).openTime(), gapsBetween(accepted, interval), listed, null);
    }

    /** Missing open times between consecutive accepted candles (they are strictly increasing). */
    static List<TimeRange> gapsBetween(List<Candle> candles, CandleInterval interval) {
        List<TimeRange> gaps = new ArrayList<>();
        long step = interval.millis();
        for (int i = 1; i < candles.size(); i++) {
            long prevEnd = candles.get(i - 1).openTime().toEpochMilli() + step;
            long next = candles.get(i).openTime().toEpochMilli();
            if (next > prevEnd) {
                gaps.add(TimeRange.ofMillis(prevEnd, next));
            }
        }
        return gaps;
    }
}
