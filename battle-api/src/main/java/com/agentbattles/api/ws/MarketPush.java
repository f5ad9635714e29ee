package com.agentbattles.api.ws;

import com.agentbattles.api.market.MarketResponses;
import com.agentbattles.api.market.TickerBook;
import com.agentbattles.domain.market.Candle;
import com.agentbattles.domain.market.CandleInterval;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The {@code ticker} and {@code candle} messages, at every candle the feed closes: the symbol's
 * 24 h ticker as {@code GET /market/ticker/{symbol}} answers it (plus {@code price}, its close,
 * which the SDK's examples read), and each followed interval's candle that this candle completes
 * (a 5m candle at every fifth 1m one, built as the candle store derives it). Nothing is computed
 * for a symbol or interval nobody follows.
 */
@Component
class MarketPush implements TickerBook.Listener {

    private final TickerBook tickers;
    private final ObjectProvider<StreamFeed> feed;
    private final ObjectMapper json;

    MarketPush(TickerBook tickers, ObjectProvider<StreamFeed> feed, ObjectMapper json) {
        this.tickers = tickers;
        this.feed = feed;
        this.json = json;
        tickers.addListener(this);
    }

    @Override
    public void onCandleClosed(Candle candle) {
        StreamFeed target = feed.getIfAvailable();
        if (target == null) {
            return;
        }
        String symbol = candle.symbol();
        String own = StreamChannel.tickerName(symbol);
        String all = StreamChannel.tickerName(null);
        if (target.followed(own) || target.followed(all)) {
            tickers.ticker(symbol).ifPresent(ticker -> {
                ObjectNode message = json.createObjectNode().put("type", "ticker").put("channel", own);
                ObjectNode body = json.valueToTree(MarketResponses.Ticker.of(ticker));
                message.put("symbol", symbol);
                message.set("price", body.get("close"));
                message.setAll(body);
                target.publish(List.of(own, all), message);
            });
        }
        long closedAt = candle.closeTime().toEpochMilli();
        for (CandleInterval interval : CandleInterval.values()) {
            String name = StreamChannel.candlesName(symbol, interval);
            if (interval.millis() < candle.interval().millis() || closedAt % interval.millis() != 0
                    || !target.followed(name)) {
                continue;
            }
            tickers.candle(symbol, interval, candle.closeTime()).ifPresent(bar -> {
                ObjectNode message = json.createObjectNode().put("type", "candle").put("channel", name)
                        .put("symbol", symbol).put("interval", interval.code());
                message.setAll((ObjectNode) json.valueToTree(MarketResponses.CandleBody.of(bar)));
                message.set("quote_volume", json.valueToTree(bar.quoteVolume()));
                message.put("close_time", candle.closeTime().toString());
                message.put("is_closed", true);
                target.publish(List.of(name), message);
            });
        }
    }
}
