package com.agentbattles.api.market;

import com.agentbattles.domain.market.Candle;
import com.agentbattles.marketdata.feed.PriceTick;
import com.agentbattles.marketdata.importer.FileImportReport;
import com.agentbattles.marketdata.importer.RejectedRow;
import com.agentbattles.marketdata.store.Coverage;
import com.agentbattles.marketdata.store.TimeRange;
import com.agentbattles.marketdata.ticker.RollingTicker;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Response bodies of the market endpoints (snake_case and decimal strings come from JsonConfig). */
public final class MarketResponses {

    private MarketResponses() {
    }

    public record Price(String symbol, BigDecimal price, Instant timestamp) {
        static Price of(PriceTick t) {
            return new Price(t.symbol(), t.price(), t.timestamp());
        }
    }

    public record Prices(List<Price> prices) {
    }

    /** The rolling 24 h ticker; the same body is the WebSocket's ticker message (with type, channel, price). */
    public record Ticker(String symbol, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close,
                         BigDecimal volume, BigDecimal quoteVolume, BigDecimal change, BigDecimal changePct,
                         long tradeCount, Instant timestamp) {
        public static Ticker of(RollingTicker t) {
            // exact, at the scale of the candles as stored (change_pct: RollingTicker.PCT_SCALE decimals)
            return new Ticker(t.symbol(), t.open(), t.high(), t.low(), t.close(), t.volume(), t.quoteVolume(),
                    t.change(), t.changePct(), t.tradeCount(), t.timestamp());
        }
    }

    /** {@code trade_count} is null where the source did not record it. */
    public record CandleBody(Instant time, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close,
                             BigDecimal volume, Long tradeCount) {
        public static CandleBody of(Candle c) {
            return new CandleBody(c.openTime(), c.open(), c.high(), c.low(), c.close(), c.volume(),
                    c.tradeCount() < 0 ? null : c.tradeCount());
        }
    }

    public record Candles(String symbol, String interval, List<CandleBody> candles) {
    }

    public record Pair(String symbol, String baseAsset, String quoteAsset, List<String> storedIntervals,
                       boolean livePrice) {
    }

    public record Pairs(List<Pair> pairs) {
    }

    public record Span(Instant start, Instant end) {
        static Span of(TimeRange r) {
            return new Span(r.from(), r.toExclusive());
        }
    }

    /** {@code stored}: candles of this interval are stored as such (otherwise derived from 1m). */
    public record CoverageBody(String symbol, String interval, boolean stored, long candleCount, Instant start,
                               Instant end, List<Span> ranges, List<Span> gaps) {
        static CoverageBody of(Coverage c, boolean stored) {
            return new CoverageBody(c.symbol(), c.interval().code(), stored, c.candleCount(), c.first().orElse(null),
                    c.end().orElse(null), c.ranges().stream().map(Span::of).toList(),
                    c.gaps().stream().map(Span::of).toList());
        }
    }

    public record CoverageList(List<CoverageBody> coverage) {
    }

    public record ImportReport(String file, String status, String format, String symbol, String interval,
                               String timestampUnit, int rowsRead, int rowsAccepted, int rowsRejected,
                               long rowsWritten, long rowsUnchanged, Instant firstOpenTime, Instant lastOpenTime,
                               List<Span> gaps, List<RejectedRow> rejected, String error) {
        static ImportReport of(FileImportReport r) {
            return new ImportReport(r.file(), r.status().name().toLowerCase(Locale.ROOT),
                    r.format() == null ? null : r.format().name().toLowerCase(Locale.ROOT), r.symbol(),
                    r.interval() == null ? null : r.interval().code(), r.timestampUnit(), r.rowsRead(),
                    r.rowsAccepted(), r.rowsRejected(), r.rowsWritten(), r.rowsUnchanged(), r.firstOpenTime(),
                    r.lastOpenTime(), r.gaps().stream().map(Span::of).toList(), r.rejected(), r.error());
        }
    }

    public record ImportResult(int imported, int failed, List<ImportReport> files) {
    }
}
