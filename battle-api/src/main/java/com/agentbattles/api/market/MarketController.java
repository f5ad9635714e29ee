package com.agentbattles.api.market;

import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.error.ErrorCode;
import com.agentbattles.domain.market.Candle;
import com.agentbattles.domain.market.CandleInterval;
import com.agentbattles.marketdata.feed.PriceFeed;
import com.agentbattles.marketdata.store.CandleStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Market data for agents and owners: pairs, live prices, stored candles, coverage. */
@RestController
@Tag(name = "Market", description = "Prices, candles and stored-data coverage")
@RequestMapping("/api/v1/market")
public class MarketController {

    static final int MAX_CANDLES = 1000;
    static final int DEFAULT_CANDLES = 100;
    /** No candle opens this late; the open end of a range that starts somewhere. */
    private static final Instant LATEST = Instant.parse("9999-01-01T00:00:00Z");
    private static final List<String> QUOTE_ASSETS = List.of("USDT", "FDUSD", "USDC", "BUSD", "TUSD", "BTC", "ETH", "BNB");

    private final CandleStore store;
    private final PriceFeed feed;
    private final TickerBook tickers;
    private final MarketSymbols symbols;

    public MarketController(CandleStore store, PriceFeed feed, TickerBook tickers, MarketSymbols symbols) {
        this.store = store;
        this.feed = feed;
        this.tickers = tickers;
        this.symbols = symbols;
    }

    @Operation(summary = "The trading pairs on offer")
    @GetMapping("/pairs")
    public MarketResponses.Pairs pairs() {
        List<MarketResponses.Pair> pairs = new ArrayList<>();
        for (String symbol : configuredPairs()) {
            String quote = QUOTE_ASSETS.stream().filter(symbol::endsWith).findFirst().orElse("");
            pairs.add(new MarketResponses.Pair(symbol, symbol.substring(0, symbol.length() - quote.length()), quote,
                    store.storedIntervals(symbol).stream().map(CandleInterval::code).toList(),
                    feed.latestPrice(symbol).isPresent()));
        }
        return new MarketResponses.Pairs(pairs);
    }

    @Operation(summary = "Latest price of every followed symbol")
    @GetMapping("/prices")
    public MarketResponses.Prices prices() {
        return new MarketResponses.Prices(feed.latestPrices().stream().map(MarketResponses.Price::of).toList());
    }

    @Operation(summary = "Latest price of one symbol")
    @GetMapping("/price/{symbol}")
    public MarketResponses.Price price(@PathVariable String symbol) {
        String sym = knownSymbol(symbol);
        return feed.latestPrice(sym).map(MarketResponses.Price::of).orElseThrow(() -> new DomainException(
                ErrorCode.NO_PRICE_AVAILABLE, "no live price for " + sym + " yet (feed: " + feed.name() + ")",
                Map.of("symbol", sym, "feed", feed.name())));
    }

    @Operation(summary = "24 h statistics of one symbol",
            description = "Open, high, low, close, volumes, change and trade count of the closed candles that opened "
                    + "in the 24 h before the market's present (the close of the feed's latest candle; on the replay "
                    + "feed, where the replay is). timestamp is the window's end.")
    @GetMapping("/ticker/{symbol}")
    public MarketResponses.Ticker ticker(@PathVariable String symbol) {
        String sym = knownSymbol(symbol);
        return tickers.ticker(sym).map(MarketResponses.Ticker::of).orElseThrow(() -> new DomainException(
                ErrorCode.NO_PRICE_AVAILABLE, "no closed candle of " + sym + " in the last 24 h yet (feed: "
                + feed.name() + ")", Map.of("symbol", sym, "feed", feed.name())));
    }

    /**
     * Candles oldest first, selected by open time with both ends inclusive (Binance's
     * {@code startTime}/{@code endTime}). With {@code start}: from there on (up to {@code end});
     * without: the latest {@code limit} at or before {@code end} (default now). Never a candle
     * that had not closed by the feed's present.
     */
    @Operation(summary = "Stored candles of one symbol",
            description = "Candles whose open time is in [start, end], both inclusive as Binance's startTime/endTime: "
                    + "the candle opening at end is included. Without start: the latest `limit` opening at or before end. "
                    + "Only candles closed by the feed's present (on the replay feed: the replay's position, not the wall clock).")
    @GetMapping("/candles/{symbol}")
    public MarketResponses.Candles candles(@PathVariable String symbol,
                                           @RequestParam(defaultValue = "1m") String interval,
                                           @Parameter(description = "earliest open time, inclusive (ISO-8601 UTC or epoch ms)")
                                           @RequestParam(required = false) String start,
                                           @Parameter(description = "latest open time, inclusive (ISO-8601 UTC or epoch ms); default now")
                                           @RequestParam(required = false) String end,
                                           @RequestParam(defaultValue = "" + DEFAULT_CANDLES) int limit) {
        String sym = knownSymbol(symbol);
        CandleInterval iv = CandleInterval.parse(interval).orElseThrow(() -> invalid("interval",
                "interval must be one of 1m, 5m, 15m, 1h, 4h, 1d"));
        if (limit < 1 || limit > MAX_CANDLES) {
            throw invalid("limit", "limit must be between 1 and " + MAX_CANDLES);
        }
        Instant from = start == null ? null : instant("start", start);
        Instant to = end == null ? null : instant("end", end);
        if (from != null && to != null && from.isAfter(to)) {
            throw invalid("start", "start must not be after end");
        }
        // No look-ahead: only candles that had closed by the market's present (a replay's cursor,
        // not the wall clock; nothing before the replay starts), whatever end asks for.
        Optional<Instant> present = feed.marketTime(Instant.now());
        if (present.isEmpty()) {
            return new MarketResponses.Candles(sym, iv.code(), List.of());
        }
        Instant latestOpen = present.get().minus(iv.duration());
        Instant last = to != null && to.isBefore(latestOpen) ? to : latestOpen;
        // end is inclusive, as Binance's endTime: the candle that opens at end is in. The store's
        // ranges are half-open (battles step through them so), hence the millisecond after it.
        Instant toExclusive = last.plusMillis(1);
        List<Candle> candles = from == null
                ? store.range(sym, iv, Instant.EPOCH, toExclusive, limit, true)
                : from.isAfter(last) ? List.of() : store.range(sym, iv, from, toExclusive, limit, false);
        return new MarketResponses.Candles(sym, iv.code(), candles.stream().map(MarketResponses.CandleBody::of).toList());
    }

    /** What is stored per symbol and interval, with gaps; {@code symbol}/{@code interval} narrow it. */
    @Operation(summary = "Which candle ranges are stored, per symbol and interval")
    @GetMapping("/coverage")
    public MarketResponses.CoverageList coverage(@RequestParam(required = false) String symbol,
                                                 @RequestParam(required = false) String interval) {
        Set<String> symbols = symbol == null ? store.symbols() : Set.of(symbol.toUpperCase(Locale.ROOT));
        CandleInterval only = interval == null ? null : CandleInterval.parse(interval)
                .orElseThrow(() -> invalid("interval", "interval must be one of 1m, 5m, 15m, 1h, 4h, 1d"));
        List<MarketResponses.CoverageBody> out = new ArrayList<>();
        for (String s : new TreeSet<>(symbols)) {
            Set<CandleInterval> stored = store.storedIntervals(s);
            Set<CandleInterval> shown = only != null ? Set.of(only) : stored;
            for (CandleInterval iv : shown) {
                out.add(MarketResponses.CoverageBody.of(store.coverage(s, iv), stored.contains(iv)));
            }
        }
        return new MarketResponses.CoverageList(out);
    }

    private Set<String> configuredPairs() {
        return symbols.configuredPairs();
    }

    private String knownSymbol(String symbol) {
        return symbols.known(symbol);
    }

    private static Instant instant(String field, String value) {
        Instant instant;
        try {
            instant = value.chars().allMatch(Character::isDigit) ? Instant.ofEpochMilli(Long.parseLong(value))
                    : Instant.parse(value);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw invalid(field, field + " must be an ISO-8601 UTC time (2023-04-01T00:00:00Z) or epoch milliseconds");
        }
        // candles are stored by epoch millisecond: a time outside those years has none (and no millisecond)
        if (instant.isBefore(Instant.EPOCH) || !instant.isBefore(LATEST)) {
            throw invalid(field, field + " must be between 1970-01-01T00:00:00Z and 9999-01-01T00:00:00Z");
        }
        return instant;
    }

    private static DomainException invalid(String field, String message) {
        return new DomainException(ErrorCode.VALIDATION_ERROR, message, Map.of("field", field));
    }
}
