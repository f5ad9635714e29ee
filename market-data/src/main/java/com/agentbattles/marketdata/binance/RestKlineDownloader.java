package com.agentbattles.marketdata.binance;

import com.agentbattles.domain.market.CandleInterval;
import com.agentbattles.marketdata.config.MarketDataProperties;
import com.agentbattles.marketdata.importer.DataFile;
import com.agentbattles.marketdata.importer.FileImportReport;
import com.agentbattles.marketdata.importer.ImportFailedException;
import com.agentbattles.marketdata.importer.ImportService;
import com.agentbattles.marketdata.importer.KlineFileParser;
import com.agentbattles.marketdata.importer.KlineFormat;
import com.agentbattles.marketdata.importer.RawRow;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Fetches a symbol/interval/range from {@code GET /api/v3/klines}, 1000 candles per page, and
 * imports the whole range as one report (validated like a file, stored in one transaction).
 * The candle still open at the time of download is left out: it is not final.
 */
@Component
public class RestKlineDownloader {

    static final int PAGE_LIMIT = 1000;

    private final BinanceHttp http;
    private final ImportService importService;
    private final MarketDataProperties.Binance props;
    private final Clock clock;

    @Autowired
    public RestKlineDownloader(BinanceHttp http, ImportService importService, MarketDataProperties properties) {
        this(http, importService, properties.getBinance(), Clock.systemUTC());
    }

    public RestKlineDownloader(BinanceHttp http, ImportService importService, MarketDataProperties.Binance props,
                               Clock clock) {
        this.http = http;
        this.importService = importService;
        this.props = props;
        this.clock = clock;
    }

    public FileImportReport download(String symbol, CandleInterval interval, Instant from, Instant toExclusive) {
        String sym = symbol.toUpperCase(Locale.ROOT);
        String source = "rest:" + sym + "-" + interval.code() + "-" + from + "_" + toExclusive;
        long step = interval.millis();
        long end = Math.min(toExclusive.toEpochMilli(), clock.millis() - clock.millis() % step);
        long start = from.toEpochMilli();
        long maxPages = (Math.max(0, end - start) / step) / PAGE_LIMIT + 2; // bounded loop
        List<RawRow> rows = new ArrayList<>();
        try {
            for (int page = 0; page < maxPages && start < end; page++) {
                URI uri = URI.create(props.getRestBaseUrl() + "/api/v3/klines?symbol=" + sym + "&interval="
                        + interval.code() + "&startTime=" + start + "&endTime=" + (end - 1) + "&limit=" + PAGE_LIMIT);
                BinanceHttp.Response response = http.get(uri);
                if (response.status() != 200) {
                    return FileImportReport.failedBeforeRows(source, sym, interval, "Binance answered HTTP "
                            + response.status() + ": " + new String(response.body(), StandardCharsets.UTF_8));
                }
                List<RawRow> pageRows = KlineFileParser.parse(new DataFile(source, response.body())).rows();
                if (pageRows.isEmpty()) {
                    break;
                }
                for (RawRow r : pageRows) {
                    rows.add(new RawRow(rows.size() + 1, r.fields()));
                }
                long lastOpen = Long.parseLong(pageRows.get(pageRows.size() - 1).fields().get(0).trim());
                if (pageRows.size() < PAGE_LIMIT) {
                    break;
                }
                start = lastOpen + step;
            }
        } catch (BinanceHttpException | ImportFailedException | NumberFormatException e) {
            return FileImportReport.failedBeforeRows(source, sym, interval, e.getMessage());
        }
        if (rows.isEmpty()) {
            return FileImportReport.failedBeforeRows(source, sym, interval, "Binance has no candles in that range");
        }
        return importService.importRows(source, KlineFormat.BINANCE_JSON, sym, interval, rows);
    }
}
