package com.agentbattles.api.live;

import com.agentbattles.domain.battle.BattleCommands.LiveStart;
import com.agentbattles.domain.trading.Quote;
import com.agentbattles.marketdata.config.MarketDataProperties;
import com.agentbattles.marketdata.feed.PriceFeed;
import com.agentbattles.marketdata.feed.PriceListener;
import com.agentbattles.marketdata.feed.PriceTick;
import com.agentbattles.domain.market.Candle;
import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The feed's prices as the aggregates take them: commands carry the quotes they may decide
 * with, so an aggregate never reads a clock or a feed itself and its events record the prices.
 * Each quote carries the USDT volume of the symbol's last closed candle, which sizes slippage
 * (without it the engine would charge the ceiling).
 */
@Component
public class LiveMarket {

    private final PriceFeed feed;
    private final MarketDataProperties market;
    private final LiveBattleProperties live;
    private final Map<String, BigDecimal> lastCandleVolume = new ConcurrentHashMap<>();
    private final PriceFeed.Subscription subscription;

    public LiveMarket(PriceFeed feed, MarketDataProperties market, LiveBattleProperties live) {
        this.feed = feed;
        this.market = market;
        this.live = live;
        this.subscription = feed.subscribe(new PriceListener() {
            @Override
            public void onPrice(PriceTick tick) {
                // prices are read from the feed when needed; only candle volumes are kept here
            }

            @Override
            public void onCandleClosed(Candle candle) {
                // files without a quote volume (6 columns) get the candle's own estimate
                lastCandleVolume.put(candle.symbol(), candle.quoteVolumeOrEstimate());
            }
        });
    }

    @PreDestroy
    void close() {
        subscription.close();
    }

    /** The latest price of every symbol the feed has one for. */
    public List<Quote> quotes() {
        return feed.latestPrices().stream().map(this::quote).toList();
    }

    /** The latest price of each offered pair that has one: what an agent's own wallet may trade. */
    public List<Quote> offeredQuotes() {
        return quotes().stream().filter(q -> market.getPairs().contains(q.symbol())).toList();
    }

    public LiveStart liveStart() {
        return new LiveStart(market.getPairs(), live.snapshotInterval());
    }

    /** A live battle's pairs must have prices from its start on. */
    public void follow(List<String> pairs) {
        if (!pairs.isEmpty()) {
            feed.track(pairs);
        }
    }

    public Quote quote(PriceTick tick) {
        return new Quote(tick.symbol(), tick.price(), lastCandleVolume.get(tick.symbol()), tick.timestamp());
    }
}
